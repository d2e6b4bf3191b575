"""Write nbdev 2's `settings.ini` from `pyproject.toml`, the one source of truth; `--check` fails if it is out of date.

nbdev 3 reads `[tool.nbdev]` in `pyproject.toml` and ignores a `settings.ini` beside it, so this file only serves readers
following nbdev 2 tutorials (`nbdev_test`, `nbdev_export`; see `tools/nbdev2_test.sh`)."""
import configparser, io, re, sys
try: import tomllib
except ImportError: import tomli as tomllib   # Python 3.10
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def version()->str:
    "The package version, read from `clip_nb/__init__.py` as setuptools does."
    return re.search(r"__version__\s*=\s*['\"]([^'\"]+)['\"]", (root/'clip_nb'/'__init__.py').read_text())[1]

def settings(pp:dict)->dict:
    "nbdev 2's `[DEFAULT]` keys, each taken from `pyproject.toml` (`pp`)."
    proj, nbd = pp['project'], pp['tool']['nbdev']
    repo_url = proj['urls']['Repository']; user, repo = repo_url.rstrip('/').split('/')[-2:]
    deps = lambda xs: ' '.join(x.replace(' ', '') for x in xs)
    return {'repo': repo, 'lib_name': proj['name'], 'version': version(), 'min_python': proj['requires-python'].lstrip('>='),
            'license': 'apache2', 'black_formatting': 'False', 'doc_path': '_docs', 'lib_path': nbd['lib_path'],
            'nbs_path': nbd['nbs_path'], 'recursive': 'True', 'tst_flags': nbd['tst_flags'], 'put_version_in_init': 'False',
            'branch': 'main', 'custom_sidebar': 'False', 'doc_host': proj['urls']['Documentation'].split('/clip_nb')[0],
            'doc_baseurl': f'/{repo}', 'git_url': repo_url, 'title': proj['name'], 'audience': 'Developers',
            'author': proj['authors'][0]['name'], 'author_email': proj['authors'][0]['email'],
            'copyright': f"2026 onwards, {proj['authors'][0]['name']}", 'description': proj['description'],
            'keywords': ' '.join(k.replace(' ', '-') for k in proj['keywords']), 'language': 'English', 'status': '3',
            'user': user, 'requirements': deps(proj['dependencies']),
            'dev_requirements': deps(d for d in proj['optional-dependencies']['dev'] if not d.startswith('nbdev')),
            'console_scripts': ' '.join(f'{k}={v}' for k, v in proj['scripts'].items()), 'readme_nb': nbd['readme_nb'],
            'allowed_metadata_keys': '', 'allowed_cell_metadata_keys': '', 'jupyter_hooks': str(nbd['jupyter_hooks']),
            'clean_ids': 'True', 'clear_all': str(nbd['clear_all']), 'cell_number': 'True', 'skip_procs': ''}

def render()->str:
    "The text of `settings.ini`."
    cp = configparser.ConfigParser(interpolation=None); cp['DEFAULT'] = settings(tomllib.loads((root/'pyproject.toml').read_text()))
    buf = io.StringIO(); cp.write(buf)
    return '# Generated from pyproject.toml by tools/settings_ini.py, for nbdev 2 (nbdev 3 reads pyproject.toml): do not edit.\n' + buf.getvalue()

if __name__ == '__main__':
    text, path = render(), root/'settings.ini'
    if '--check' in sys.argv[1:]:
        if not path.exists() or path.read_text() != text: sys.exit('settings.ini is out of step with pyproject.toml: run `python tools/settings_ini.py` and commit.')
        print('settings.ini is in step with pyproject.toml')
    else: path.write_text(text); print('wrote', path)
