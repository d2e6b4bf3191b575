"""Build the course as a website, offline: `python tools/docs.py --out DIR` (after `pip install -e ".[docs]"`).

The site is Sphinx with MyST-NB and the Sphinx Book Theme (Jupyter Book 1's engine; `docs/conf.py`), built from a copy
of the notebooks with their committed outputs: nothing is executed, nothing is downloaded. The copy drops `#| hide`
cells and the `#| ...` directive lines; the home page is `nbs/index.ipynb` (the README), the navigation lists the
course and the reference as the README does (`tools/tracks.py` tells them apart), and each module of `clip_nb` gets an
API page: the signature, docstring and documented parameters of everything it exports.

Sphinx's warnings fail the build (a broken cross-reference or a missing image is a warning). `--check` then checks the
built folder itself: every internal link and anchor resolves, every chapter and module has a page, and every figure
committed in a notebook, and every image its markdown shows, appears on its page. `DIR/index.html` is the home page."""

import argparse, base64, functools, hashlib, importlib, inspect, json, re, shutil, sys, tempfile, time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / 'tools'))
from tracks import chapters, track_of  # noqa: E402

IMAGE_TYPES = {'image/png': 'png', 'image/jpeg': 'jpg', 'image/svg+xml': 'svg'}


def site_cells(cells: list) -> list:
    "A chapter's cells as the site shows them: no `#| hide` cells, no `#| ...` directive lines."
    out = []
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] == 'code':
            lines = src.splitlines()
            if any(re.match(r'#\|\s*hide\b', ln) for ln in lines[:3]):
                continue
            src = '\n'.join(ln for ln in lines if not ln.startswith('#|')).strip('\n')
            if not src and not c.get('outputs'):
                continue
        out.append({**c, 'source': src})
    return title_first(out)


def title_first(cells: list) -> list:
    "Move the chapter's title (the first `# ` heading) and the prose right after it above the import cells."
    is_md = [c['cell_type'] == 'markdown' for c in cells]
    start = next((i for i, c in enumerate(cells) if is_md[i] and re.match(r'#\s', c['source'])), 0)
    end = next((i for i in range(start, len(cells)) if not is_md[i]), len(cells))
    return cells[start:end] + cells[:start] + cells[end:]


def nav_cell(course: list, reference: list, modules: list) -> dict:
    "A markdown cell of hidden tables of contents: the two tracks, chapters by number and title, and the API pages."

    def toc(caption, entries):
        return '```{toctree}\n:caption: ' + caption + '\n:hidden:\n\n' + '\n'.join(entries) + '\n```'

    def numbered(name):  # the prose says "chapter 05": so does the navigation
        return f'{name[:2]} · {chapter_title(name)} <{name}>'

    api = [f'api/{m}' for m in modules]
    src = '\n\n'.join(
        [toc('The course', map(numbered, course)), toc('The reference', map(numbered, reference)), toc('API', api)]
    )
    return {'cell_type': 'markdown', 'metadata': {}, 'source': src}


def chapter_title(name: str) -> str:
    "A chapter's title: its first `# ` heading."
    cells = json.loads((root / 'nbs' / f'{name}.ipynb').read_text())['cells']
    for c in cells:
        m = re.match(r'#\s+(.+)', ''.join(c['source'])) if c['cell_type'] == 'markdown' else None
        if m:
            return m.group(1).strip()
    return name


def signature_block(name: str, obj) -> str:
    "The Python signature of a function or class, one parameter a line with its documented meaning."
    from fastcore.docments import docments

    try:
        sig = inspect.signature(obj, eval_str=True)  # the modules postpone annotations: show types, not strings
    except (NameError, TypeError, ValueError, SyntaxError):
        try:
            sig = inspect.signature(obj)
        except (TypeError, ValueError):
            return ''
    docs = {}
    for target in (getattr(obj, '__init__', None) if inspect.isclass(obj) else None, obj):
        try:
            docs = docs or docments(target, full=True)
        except (OSError, TypeError, ValueError):
            pass  # no source to read comments from (a dataclass's generated __init__)
    lines = []
    for p in sig.parameters.values():
        note = (docs.get(p.name) or {}).get('docment')
        lines.append(f'    {str(p).replace("NoneType", "None")},' + (f'  # {note}' if note else ''))
    ret = (
        ''
        if sig.return_annotation is inspect.Signature.empty
        else f' -> {inspect.formatannotation(sig.return_annotation)}'
    )
    head = 'class' if inspect.isclass(obj) else 'def'
    body = f'{head} {name}(\n' + '\n'.join(lines) + f'\n){ret}' if lines else f'{head} {name}(){ret}'
    return f'```python\n{body}\n```'


def api_entry(name: str, obj, level: str = '##') -> str:
    "One exported name: heading, signature, docstring; a class's public methods below it."
    doc = inspect.getdoc(obj) or ''
    parts = [f'{level} {md_escape(name)}', signature_block(name, obj), f'*{doc.splitlines()[0]}*' if doc else '']
    if inspect.isclass(obj):
        for m, f in vars(obj).items():
            f = f.__func__ if isinstance(f, (staticmethod, classmethod)) else f
            if not m.startswith('_') and inspect.isfunction(f) and f.__doc__:
                parts.append(api_entry(f'{name}.{m}', f, '###'))
    return '\n\n'.join(p for p in parts if p)


def md_escape(name: str) -> str:
    "A Python name in Markdown prose: underscores escaped, so that `__main__` is not read as bold."
    return name.replace('_', '\\_')


def api_page(module: str) -> str:
    "The API page of `clip_nb.<module>`: its exported functions and classes, then its exported constants."
    mod = importlib.import_module(f'clip_nb.{module}')
    names = list(getattr(mod, '__all__', []))
    about = '\n'.join(ln for ln in (mod.__doc__ or '').splitlines() if not ln.startswith('Docs:')).strip()
    parts = [f'# clip_nb.{md_escape(module)}', about, f'Built in [its chapter](../{chapter_of(module)}.ipynb).']
    consts = []
    for n in names:
        obj = getattr(mod, n)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            parts.append(api_entry(n, obj))
        else:
            consts.append(f'- `{n}`: {type(obj).__name__}' + (f' of {len(obj)}' if hasattr(obj, '__len__') else ''))
    if consts:
        parts.append('## Constants\n\n' + '\n'.join(consts))
    return '\n\n'.join(p for p in parts if p) + '\n'


@functools.cache
def module_chapters() -> dict:
    "Each module the chapters export, and the chapter that exports it (its `default_exp`), in chapter order."
    found = {}
    for p in sorted((root / 'nbs').glob('[0-9]*.ipynb')):
        m = re.search(r'#\|\s*default_exp\s+([\w.]+)', p.read_text())
        if m:
            found[m.group(1)] = p.stem
    return found


def chapter_of(module: str) -> str:
    "The notebook whose `default_exp` is `module`."
    chapters = module_chapters()
    if module not in chapters:
        raise ValueError(f'no chapter in nbs/ exports clip_nb.{module}; the chapters export {sorted(chapters)}')
    return chapters[module]


def modules() -> list:
    "The modules the chapters export, in chapter order."
    return list(module_chapters())


def assemble(src: Path) -> dict:
    "Write the site's sources into `src`: configuration, images, notebooks, API pages. Returns the tracks."
    shutil.copytree(root / 'docs', src, dirs_exist_ok=True)
    shutil.copytree(root / 'nbs' / 'images', src / 'images', dirs_exist_ok=True)
    tracks = {'course': [], 'reference': []}
    for name, cells in chapters():
        tracks[track_of(cells)].append(name)
    mods = modules()
    for p in [*sorted((root / 'nbs').glob('[0-9]*.ipynb')), root / 'nbs' / 'index.ipynb']:
        nb = json.loads(p.read_text())
        nb['cells'] = site_cells(nb['cells'])
        nb['nbformat_minor'] = 4  # nbdev-clean drops cell ids, which format 4.5 wants
        if p.stem == 'index':
            nb['cells'].append(nav_cell(tracks['course'], tracks['reference'], mods))
        (src / p.name).write_text(json.dumps(nb))
    (src / 'api').mkdir(exist_ok=True)
    for m in mods:
        (src / 'api' / f'{m}.md').write_text(api_page(m))
    return {**tracks, 'api': mods}


def build(out: Path) -> dict:
    "Assemble the sources in a temporary folder, build the HTML site there (warnings are errors), move it to `out`."
    from sphinx.cmd.build import build_main

    with tempfile.TemporaryDirectory() as tmp:
        src, html = Path(tmp) / 'src', Path(tmp) / 'build' / 'html'  # MyST-NB writes beside html: keep it in tmp
        tracks = assemble(src)
        args = ['-b', 'html', '-q', '-W', '--keep-going', '-d', str(Path(tmp) / 'doctrees'), str(src), str(html)]
        if build_main(args):
            sys.exit('the site did not build: see the warnings above')
        shutil.copytree(html, out)
    return tracks


class Page(HTMLParser):
    "The links, image sources and element ids of one HTML page."

    def __init__(self):
        super().__init__()
        self.links, self.images, self.ids, self.title = [], [], set(), ''
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a:
            self.ids.add(a['id'])
        if tag == 'a' and 'name' in a:
            self.ids.add(a['name'])
        for key in ('href', 'src'):
            if a.get(key):
                self.links.append(a[key])
        if tag == 'img' and a.get('src'):
            self.images.append(a['src'])
        self._in_title = tag == 'title'

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def parse(path: Path) -> Page:
    "Parse one built page."
    page = Page()
    page.feed(path.read_text(encoding='utf-8'))
    return page


def broken_links(out: Path) -> list:
    "Every internal link or anchor of every page that does not resolve inside `out`."
    out = out.resolve()
    pages = {p: parse(p) for p in out.rglob('*.html') if '_static' not in p.relative_to(out).parts}
    bad = []
    for p, page in pages.items():
        for link in page.links:
            u = urlsplit(link)
            if u.scheme or link.startswith('//'):
                continue  # external (http, mailto, data, javascript): not part of the offline site
            target = (p.parent / unquote(u.path)).resolve() if u.path else p.resolve()
            if target.is_dir():
                target = target / 'index.html'
            if not target.is_file() or out not in target.parents:
                bad.append(f'{p.relative_to(out)}: {link} (no such file)')
            elif u.fragment and target.suffix == '.html':
                if target not in pages:
                    pages[target] = parse(target)
                ids = pages[target].ids
                if unquote(u.fragment) not in ids:
                    bad.append(f'{p.relative_to(out)}: {link} (no such anchor)')
    return bad


def notebook_images(nb_path: Path) -> list:
    "(kind, file name in _images) of every figure a notebook shows: committed outputs and markdown images."
    found = []
    for c in json.loads(nb_path.read_text())['cells']:
        for o in c.get('outputs', []):
            for mime, ext in IMAGE_TYPES.items():
                if mime in o.get('data', {}):
                    data = ''.join(o['data'][mime])
                    raw = data.encode() if mime == 'image/svg+xml' else base64.b64decode(data)
                    found.append(('output', f'{hashlib.sha256(raw).hexdigest()}.{ext}'))
        if c['cell_type'] == 'markdown':
            for m in re.findall(r'!\[[^\]]*\]\(([^)\s]+)', ''.join(c['source'])):
                found.append(('markdown', Path(m).name))
    return found


def missing_pages_and_figures(out: Path, tracks: dict) -> list:
    "Chapters or modules without a page, and figures that do not appear on their chapter's page."
    bad = []
    for p in [*sorted((root / 'nbs').glob('[0-9]*.ipynb')), root / 'nbs' / 'index.ipynb']:
        page_path = out / f'{p.stem}.html'
        if not page_path.is_file():
            bad.append(f'{p.name}: no page {page_path.name}')
            continue
        shown = {Path(unquote(s)).name for s in parse(page_path).images}
        for kind, name in notebook_images(p):
            if name not in shown or not (out / '_images' / name).is_file():
                bad.append(f'{p.name}: its {kind} figure {name} is not on {page_path.name}')
    bad += [f'clip_nb.{m}: no API page' for m in tracks['api'] if not (out / 'api' / f'{m}.html').is_file()]
    return bad


def check(out: Path, tracks: dict) -> list:
    "Every problem `--check` looks for in a built site."
    return broken_links(out) + missing_pages_and_figures(out, tracks)


def size_mb(out: Path) -> float:
    "The built site's size on disk, in MB."
    return sum(f.stat().st_size for f in out.rglob('*') if f.is_file()) / 1e6


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', required=True, help='folder to build the site into (not committed); emptied first')
    ap.add_argument('--check', action='store_true', help='then check links, pages and figures in the built site')
    args = ap.parse_args()
    out, t0 = Path(args.out), time.time()
    if out.exists() and any(out.iterdir()) and not (out / '.buildinfo').is_file():
        sys.exit(f'{out} holds files that are not a built site; give --out an empty or new folder')
    shutil.rmtree(out, ignore_errors=True)
    tracks = build(out)
    pages = len([p for p in out.rglob('*.html') if '_static' not in p.parts])
    print(
        f'built {pages} pages into {out} in {time.time() - t0:.0f} s, {size_mb(out):.1f} MB; home page {out / "index.html"}'
    )
    if args.check:
        problems = check(out, tracks)
        for p in problems:
            print('  ' + p)
        if problems:
            sys.exit(f'{len(problems)} problems in the built site')
        print(
            f'checked: every internal link and anchor resolves; {len(tracks["course"]) + len(tracks["reference"])} '
            f'chapters, the home page and {len(tracks["api"])} API pages built; every committed figure appears'
        )
