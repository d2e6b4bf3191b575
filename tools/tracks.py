"""A table of the chapters: track, cells, share of engineering cells, figures and tables committed.

A cell counts as engineering when the section it sits in (its nearest `##`/`###` heading) names engineering:
file formats, decoding, downloads, locks, checkpoints, crashes, parsing, processes, shards (the list is `ENGINEERING`).
Reference chapters are engineering by definition; the share matters for the course.
`python tools/tracks.py` prints the table as Markdown."""
import json, re, sys
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent/'nbs'
ENGINEERING = re.compile(r'report|skip|progress|layout|caption(s)? file|decod|mode|download|lock|atomic|checkpoint|'
                         r'one run per folder|resum|crash|fault|disk|pars|command|as a user types|process|thread|shard|'
                         r'stream|saving|loading|model files|files from|numerics|two runs|throughput|devices|precision|'
                         r'what a reader may lack|^tests$|bad input|several processes|leftovers|time budget', re.I)

def headings(src):
    "The `##`/`###` headings in a markdown cell's source."
    return [m.group(2).strip() for m in re.finditer(r'^(#{2,3})\s+(.*)$', src, re.M)]

def is_table(out):
    "An output that shows a table: HTML, or three or more printed lines of aligned columns."
    data = out.get('data', {})
    if '<table' in ''.join(data.get('text/html', [])): return True
    text = ''.join(out.get('text', data.get('text/plain', [])))
    return sum(bool(re.search(r'\S {2,}\S|\|', l)) for l in text.splitlines()) >= 3

def chapter_row(path, reference):
    "Cells, engineering cells, figures and tables of one chapter."
    cells = json.load(open(path))['cells']
    section_eng = False; n_eng = figs = tabs = printed = 0
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown' and headings(src): section_eng = any(ENGINEERING.search(h) for h in headings(src))
        n_eng += reference or section_eng
        outs = c.get('outputs', [])
        figs += sum('image/png' in o.get('data', {}) or 'image/svg+xml' in o.get('data', {}) for o in outs)
        tabs += sum(is_table(o) for o in outs)
        printed += any(o.get('output_type') == 'stream' or 'text/plain' in o.get('data', {}) for o in outs)
    return dict(chapter=path.stem, cells=len(cells), eng=n_eng, figures=figs, tables=tabs, printed=printed)

def track_of(path):
    "The track a chapter belongs to: reference if its opening cells say `*Reference track.*`, else course."
    opening = ''.join(''.join(c['source']) for c in json.load(open(path))['cells'][:6])
    return 'reference' if '*Reference track.*' in opening else 'course'

if __name__ == '__main__':
    paths = sorted(NBS.glob('[0-9]*.ipynb'))
    print('| chapter | track | cells | engineering cells | share | figures | tables | cells with printed output |\n|---|---|---|---|---|---|---|---|')
    for p in paths:
        t = track_of(p); r = chapter_row(p, t == 'reference' and '--all-sections' not in sys.argv)
        print(f"| {r['chapter']} | {t} | {r['cells']} | {r['eng']} | {r['eng']/r['cells']:.0%} | {r['figures']} | {r['tables']} | {r['printed']} |")
