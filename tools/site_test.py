"""Test the built website in a real browser: `python tools/site_test.py --site DIR --shots SHOTS`.

Serves DIR (built by `python tools/docs.py --out DIR`) on a loopback port and opens it in headless Chromium (Debian's
`chromium`, driven by Playwright; `--browser` names another binary). On the home page: the teaser image loaded, and
the navigation lists every course chapter by its title. On a chapter page: every equation was rendered by MathJax
(no raw `$...$` left in the text). The search page finds a word of the course. On a phone-sized screen, the menu
button opens the navigation. No request leaves the loopback
server. A screenshot of each page is saved under SHOTS. Before the browser, it checks that `tools/docs.py --check`
catches a removed figure and a broken link in a copy of the site."""

import argparse, functools, http.server, json, shutil, sys, tempfile, threading
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / 'tools'))
import docs  # noqa: E402
from tracks import chapters, track_of  # noqa: E402

CHROMIUM_ARGS = [  # headless, and quiet on a machine without network: no background connections
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
]


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    "Serve `site` on a free loopback port, in a background thread."

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def course_titles() -> dict:
    "The course chapters' page names and titles."
    return {name: docs.chapter_title(name) for name, cells in chapters() if track_of(cells) == 'course'}


def checks_catch_breakage(site: Path) -> list:
    "Problems, if `docs.check` misses a figure removed from, or a link broken in, a copy of the site."
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / 'site'
        shutil.copytree(site, copy)
        tracks = {'api': docs.modules()}
        if docs.check(copy, tracks):
            return ['the built site does not pass `tools/docs.py --check`']
        figure = next(n for k, n in docs.notebook_images(root / 'nbs' / '07_evaluate.ipynb') if k == 'output')
        (copy / '_images' / figure).unlink()
        page = copy / '05_loss.html'
        page.write_text(page.read_text().replace('href="06_model.html"', 'href="06_modle.html"', 1))
        found = '\n'.join(docs.check(copy, tracks))
        if figure not in found:
            problems.append(f'--check missed a removed figure ({figure})')
        if '06_modle.html' not in found:
            problems.append('--check missed a broken link (05_loss.html -> 06_modle.html)')
    return problems


def home_page(page, base: str, titles: dict) -> list:
    "Problems on the home page: the teaser and the course in the navigation."
    page.goto(f'{base}/index.html', wait_until='load')
    teaser = page.evaluate(
        "[...document.images].filter(i => i.src.includes('teaser'))"
        ".map(i => ({ok: i.complete && i.naturalWidth > 0, w: i.naturalWidth}))"
    )
    problems = [] if teaser and all(t['ok'] for t in teaser) else [f'home page: teaser image not loaded ({teaser})']
    nav = page.evaluate(
        "[...document.querySelectorAll('nav.bd-links a, .bd-sidebar-primary a')]"
        ".map(a => [a.getAttribute('href'), a.textContent.trim()])"
    )
    for name, title in titles.items():
        if not any(href and href.split('#')[0].endswith(f'{name}.html') and title in text for href, text in nav):
            problems.append(f'home page: the navigation does not list {name} ("{title}")')
    return problems


def chapter_page(page, base: str, name: str) -> list:
    "Problems on a chapter page: equations MathJax did not render."
    page.goto(f'{base}/{name}.html', wait_until='load')
    page.wait_for_function('window.MathJax && MathJax.startup && MathJax.startup.promise', timeout=30_000)
    page.evaluate('MathJax.startup.promise')
    maths = page.evaluate("[...document.querySelectorAll('.math')].map(m => !!m.querySelector('mjx-container'))")
    raw = page.evaluate(
        "[...document.querySelectorAll('article p')].map(p => p.innerText).filter(t => /\\$[^$\\s][^$]*\\$/.test(t))"
    )
    problems = [] if maths and all(maths) else [f'{name}: {maths.count(False)} of {len(maths)} equations not rendered']
    return problems + [f'{name}: raw TeX left in the text: {t[:80]!r}' for t in raw]


def phone_menu(browser, base: str, shot: Path) -> list:
    "Problems on a phone-sized screen: the one visible menu button must open the chapters' navigation."
    page = browser.new_page(viewport={'width': 390, 'height': 844})
    page.goto(f'{base}/05_loss.html', wait_until='load')
    buttons = [b for b in page.locator('.primary-toggle').all() if b.is_visible()]
    if len(buttons) != 1:
        return [f'phone: {len(buttons)} visible menu buttons, expected one']
    buttons[0].click()
    page.wait_for_timeout(500)
    opened = page.evaluate(
        "(() => { const s = document.querySelector('.bd-sidebar-primary'); const r = s.getBoundingClientRect();"
        " return getComputedStyle(s).visibility === 'visible' && r.left >= 0 && r.width > 0; })()"
    )
    page.screenshot(path=str(shot))
    page.close()
    return [] if opened else ['phone: the menu button did not open the navigation']


def search_page(page, base: str, word: str) -> list:
    "Problems with the search: no result for a word the course uses."
    page.goto(f'{base}/search.html?q={word}', wait_until='load')
    page.wait_for_function("document.querySelectorAll('#search-results li').length > 0", timeout=30_000)
    return []


def run(site: Path, shots: Path, browser: str) -> list:
    "Every problem found on the site in the browser, with a screenshot of each page opened."
    from playwright.sync_api import sync_playwright

    shots.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f'http://127.0.0.1:{server.server_port}'
    outside, problems = [], []
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=browser, args=CHROMIUM_ARGS)
            page = b.new_page(viewport={'width': 1280, 'height': 900})
            page.on('request', lambda r: r.url.startswith((base, 'data:', 'blob:')) or outside.append(r.url))
            problems += home_page(page, base, course_titles())
            page.screenshot(path=str(shots / 'home.png'))
            problems += chapter_page(page, base, '05_loss')
            page.locator('.math').first.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / '05_loss.png'))
            problems += search_page(page, base, 'temperature')
            page.screenshot(path=str(shots / 'search.png'))
            problems += phone_menu(b, base, shots / 'phone_menu.png')
            b.close()
    finally:
        server.shutdown()
    return problems + [f'a request left the site: {u}' for u in sorted(set(outside))]


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--site', required=True, help='a folder built by tools/docs.py')
    ap.add_argument('--shots', required=True, help='folder for the screenshots (not committed)')
    ap.add_argument('--browser', default='/usr/bin/chromium', help="Chromium's binary (Debian's `chromium`)")
    args = ap.parse_args()
    site, browser = Path(args.site), Path(args.browser)
    if not (site / 'index.html').is_file():
        sys.exit(f'{site} has no index.html: build the site first with `python tools/docs.py --out {site}`')
    if not browser.is_file():
        sys.exit(f'no browser at {browser}: install Debian\'s chromium (`apt-get install chromium`) or pass --browser')
    problems = checks_catch_breakage(site) + run(site, Path(args.shots), str(browser))
    for p in problems:
        print('  ' + p)
    if problems:
        sys.exit(f'{len(problems)} problems in the browser test')
    print(json.dumps({'pages': ['index.html', '05_loss.html', 'search.html'], 'screenshots': str(args.shots)}))
    print(
        'browser test passed: teaser loaded, the course in the navigation, equations rendered, search answers, '
        'the menu opens on a phone, no request left the site; --check catches a removed figure and a broken link'
    )
