"""Sphinx configuration of the course's website; `python tools/docs.py --out DIR` builds it (see that file).

The engine is Jupyter Book 1's: Sphinx with MyST-NB rendering the notebooks and their committed outputs, and the Sphinx
Book Theme. Nothing here reaches the network: the notebooks are not executed and MathJax is served from the
`sphinx-mathjax-offline` package."""

project = 'clip_nb'
author = 'clip_nb developers'
copyright = '2026 onwards, clip_nb developers'
html_title = 'clip_nb: learn CLIP by building it'

extensions = ['myst_nb', 'sphinx-mathjax-offline']  # the second serves MathJax 3 from _static/mathjax
nb_execution_mode = 'off'  # the committed outputs are the site's outputs
nb_merge_streams = True
myst_enable_extensions = ['dollarmath', 'amsmath']
suppress_warnings = ['myst.header']  # chapters go from # to ### where a section has no subsections
exclude_patterns = ['_build', '.doctrees']

html_theme = 'sphinx_book_theme'
html_static_path = ['_static']
html_css_files = ['site.css']
html_theme_options = {
    'home_page_in_toc': True,
    'show_toc_level': 2,
    'navigation_with_keys': False,
    'repository_url': 'https://github.com/clip-nb/clip_nb',
    'use_repository_button': True,
    'path_to_docs': 'nbs',
    # No top navigation bar: Pydata Sphinx Theme 0.20 would draw one with a second search field and a second pair of
    # sidebar buttons, and the theme's script binds the first pair it finds, the hidden one, so that the visible
    # buttons did nothing (sphinx-book-theme issue 999). The book theme's own buttons and search field remain.
    'navbar_start': [],
    'navbar_center': [],
    'navbar_end': [],
    'navbar_persistent': [],
}
html_show_sourcelink = False
html_context = {'default_mode': 'light'}  # the colour-mode button still offers dark
html_last_updated_fmt = None
