"""Regenerate README.md from nbs/index.ipynb (nbdev-readme needs Quarto); `--check` fails if it is out of step."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render(nb_path: Path) -> str:
    "Markdown cells as they are (image paths made relative to the root), code cells as fenced Python."
    cells = json.loads(nb_path.read_text())['cells']
    parts = []
    for c in cells:
        src = ''.join(c['source']).strip()
        if not src or src.startswith('#| hide'): continue
        parts.append(src if c['cell_type'] == 'markdown' else f'```python\n{src}\n```')
    parts = [re.sub(r'\]\((images/|\d\d_\w+\.ipynb)', r'](nbs/\1', p) for p in parts]   # the README sits one folder up
    note = '<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->'
    return note + '\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(root/'nbs'/'index.ipynb'), root/'README.md'
    if '--check' in sys.argv[1:]:
        if not readme.exists() or readme.read_text() != text:
            sys.exit('README.md is out of step with nbs/index.ipynb: run `python tools/readme.py` and commit.')
        print('README.md is in step with nbs/index.ipynb')
    else: readme.write_text(text); print('wrote', readme)
