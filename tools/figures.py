"""Refresh the outputs committed with the chapters: run each notebook offline and keep its figures, tables and short
printed results.

Usage: `python tools/figures.py [NAME ...]` (default: every chapter), then `nbdev-clean` and commit; with `--quick`,
only the cells that `nbdev-test` runs by default are run and refreshed, and the `slow` cells keep their outputs.
The run is offline on the synthetic data: `CLIP_NB_DATA` is unset and the `shared`, `network` and `gpu` cells are
skipped, so no Flickr8k photo or caption can reach a committed output; `slow` cells run, since the prose discusses
their results. Progress bars, warnings (stderr) and long logs are dropped."""
import argparse, base64, io, os, re, shutil
from pathlib import Path
import nbformat
from PIL import Image
from nbdev.config import get_config
from nbdev.test import test_nb

NBS = Path(__file__).resolve().parent.parent/'nbs'

MAX_LINES, MAX_CHARS = 25, 3000   # a short printed result; longer output is a log

def short_text(text:str)->bool:
    "Printed text short enough to read at a glance, and not a progress bar redrawn with carriage returns."
    return bool(text.strip()) and '\r' not in text and text.count('\n') <= MAX_LINES and len(text) <= MAX_CHARS

def is_teaching(out)->bool:
    "A figure, a table or a short printed result; not a progress bar, a warning or a long log."
    data, kind = out.get('data', {}), out.get('output_type')
    if kind == 'stream': return out.get('name') == 'stdout' and short_text(''.join(out.get('text', '')))
    if kind not in ('display_data', 'execute_result'): return False
    if 'application/vnd.jupyter.widget-view+json' in data: return False  # a live widget: nothing to read offline
    if 'image/png' in data: return True
    html = ''.join(data.get('text/html', ''))
    if html: return '<table' in html and '<progress' not in html
    return short_text(''.join(data.get('text/plain', '')))

def shrink_png(b64:str,   # a base64 PNG as the notebook stores it
               repr_:str  # its text/plain, e.g. "<Figure size 1000x300 with 2 Axes>"
              )->str:
    "Store a figure at its nominal size (the inline backend may render it at 2x) with a 256-colour palette."
    im = Image.open(io.BytesIO(base64.b64decode(b64))).convert('RGB')
    size = re.search(r'Figure size (\d+)x', repr_)
    f = max(1, round(im.width / int(size[1]))) if size else 1
    im = im.resize((im.width // f, im.height // f), Image.LANCZOS).quantize(256, method=Image.Quantize.FASTOCTREE)
    buf = io.BytesIO(); im.save(buf, 'PNG', optimize=True)
    return base64.b64encode(buf.getvalue()).decode()

def run_copy(nb_path:Path, # a chapter in `nbs/`
             quick:bool=False # skip the `slow` cells too
            )->nbformat.NotebookNode:
    "Execute a copy of `nb_path` beside it, as `nbdev-test` would, and return the executed notebook."
    tmp = nb_path.with_name(f'_figures_{nb_path.name}')
    shutil.copy(nb_path, tmp)
    try:
        skip = [f for f in get_config().tst_flags.split() if quick or f != 'slow']
        ok, secs = test_nb(tmp, skip_flags=skip, save=True)
        if not ok: raise SystemExit(f'{nb_path.name} failed; outputs left unchanged')
        print(f'{nb_path.name}: ran in {secs:.0f} s')
        return nbformat.read(tmp, 4)
    finally: tmp.unlink(missing_ok=True)

def is_slow(cell)->bool:
    "Whether a code cell is tagged `slow`."
    return any(l.replace(' ', '') == '#|slow' for l in cell.source.splitlines())

def keep_teaching_outputs(nb_path:Path, # a chapter in `nbs/`
                          quick:bool=False # refresh only the cells `nbdev-test` runs by default
                         ):
    "Replace the outputs of `nb_path` with the figures and tables of a fresh offline run, matched by cell id."
    ran = {c.id: c for c in run_copy(nb_path, quick).cells}
    nb = nbformat.read(nb_path, 4)
    for c in nb.cells:
        if c.cell_type != 'code' or (quick and is_slow(c)): continue
        c.outputs = [o for o in ran[c.id].get('outputs', []) if is_teaching(o)] if c.id in ran else []
        for o in c.outputs:
            if 'execution_count' in o: o['execution_count'] = None
            data = o.get('data', {})
            if 'image/png' in data: data['image/png'] = shrink_png(data['image/png'], ''.join(data.get('text/plain', '')))
        c.execution_count = None
    nbformat.write(nb, nb_path)
    kb = sum(len(str(o)) for c in nb.cells if c.cell_type == 'code' for o in c.outputs) / 1024
    print(f'{nb_path.name}: kept {sum(len(c.get("outputs", [])) for c in nb.cells)} outputs, {kb:.0f} KiB')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('names', nargs='*', help='chapter names such as 08_train (default: all)')
    ap.add_argument('--quick', action='store_true', help='run only the default cells; keep the slow cells\' outputs')
    args = ap.parse_args()
    os.environ.pop('CLIP_NB_DATA', None); os.environ.update(HF_HUB_OFFLINE='1', TRANSFORMERS_OFFLINE='1')
    paths = [NBS/f'{n}.ipynb' for n in args.names] or sorted(NBS.glob('[0-9]*.ipynb'))
    for p in paths: keep_teaching_outputs(p, args.quick)
