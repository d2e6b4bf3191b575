"""A table of the chapters: track, cells, share of engineering cells, figures and tables committed.

`python tools/tracks.py` reads the working tree; `--rev REV` reads the chapters as committed at a git revision.

A cell counts as engineering when the section it sits in (its nearest `##`/`###` heading) names engineering:
file formats, decoding, downloads, locks, checkpoints, crashes, parsing, processes, shards (the list is `ENGINEERING`).
Reference chapters count as engineering throughout; the share matters for the course.
`python tools/tracks.py` prints the table as Markdown."""
import json, re, subprocess, sys
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent/'nbs'
ENGINEERING = re.compile(r'\b(report|skip|progress|layouts?|captions? files?|decod\w*|modes?|downloads?|locks?|atomic|'
                         r'checkpoints?|one run per folder|resum\w*|crash\w*|faults?|disk|pars\w*|command|'
                         r'as a user types|process(es)?|threads?|shards?|streaming|saving|loading|model files|files from|'
                         r'numerics|two runs|throughput|devices|precision|what a reader may lack|tests|bad input|'
                         r'leftovers|time budget)\b', re.I)

def headings(src):
    "The `##`/`###` headings in a markdown cell's source."
    return [m.group(2).strip() for m in re.finditer(r'^(#{2,3})\s+(.*)$', src, re.M)]

def is_table(out):
    "An output that shows a table: HTML, or three or more printed lines of aligned columns."
    data = out.get('data', {})
    if '<table' in ''.join(data.get('text/html', [])): return True
    text = ''.join(out.get('text', data.get('text/plain', [])))
    return sum(bool(re.search(r'\S {2,}\S|\|', l)) for l in text.splitlines()) >= 3

def chapter_row(name, cells, reference):
    "Cells, engineering cells, figures and tables of one chapter."
    section_eng = False; n_eng = figs = tabs = printed = 0
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown' and headings(src): section_eng = any(ENGINEERING.search(h) for h in headings(src))
        n_eng += reference or section_eng
        outs = c.get('outputs', [])
        figs += sum('image/png' in o.get('data', {}) or 'image/svg+xml' in o.get('data', {}) for o in outs)
        tabs += sum(is_table(o) for o in outs)
        printed += any(o.get('output_type') == 'stream' or 'text/plain' in o.get('data', {}) for o in outs)
    return dict(chapter=name, cells=len(cells), eng=n_eng, figures=figs, tables=tabs, printed=printed)

def track_of(cells):
    "The track a chapter belongs to: reference if its opening cells say `*Reference track.*`, else course."
    opening = ''.join(''.join(c['source']) for c in cells[:6])
    return 'reference' if '*Reference track.*' in opening else 'course'

def chapters(rev=None):
    "(name, cells) of every numbered chapter, from the working tree or from git revision `rev`."
    if rev is None: return [(p.stem, json.load(open(p))['cells']) for p in sorted(NBS.glob('[0-9]*.ipynb'))]
    git = lambda *a: subprocess.run(['git', *a], cwd=NBS.parent, capture_output=True, text=True, check=True).stdout
    names = sorted(n for n in git('ls-tree', '--name-only', rev, 'nbs/').split() if re.match(r'nbs/\d.*\.ipynb$', n))
    return [(Path(n).stem, json.loads(git('show', f'{rev}:{n}'))['cells']) for n in names]

if __name__ == '__main__':
    rev = sys.argv[sys.argv.index('--rev') + 1] if '--rev' in sys.argv else None
    print('| chapter | track | cells | engineering cells | share | figures | tables | cells with printed output |')
    print('|---|---|---|---|---|---|---|---|')
    for name, cells in chapters(rev):
        t = track_of(cells); r = chapter_row(name, cells, t == 'reference')
        print(f"| {name} | {t} | {r['cells']} | {r['eng']} | {r['eng']/r['cells']:.0%} | {r['figures']} | "
              f"{r['tables']} | {r['printed']} |")
