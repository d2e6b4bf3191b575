"""Draw the README's opening figure: zero-shot predictions of a freshly trained CLIP on colour-shape combinations
it never saw in training.

`python tools/teaser.py` trains the run of chapter 08's "A real run" cell (the built-in synthetic data, default
settings, 24 epochs, offline), draws its held-out test images with `Trainer.show_held_out` (chapter 07's
`show_zero_shot`), and writes `nbs/images/teaser.png` (a 256-colour PNG). A few minutes on a 2-core CPU."""
import argparse, io
from pathlib import Path
from PIL import Image

OUT = Path(__file__).resolve().parent.parent/'nbs'/'images'/'teaser.png'

def positive_int(s:str)->int:
    "An argparse type: an integer of at least 1."
    if not s.isdigit() or int(s) < 1: raise argparse.ArgumentTypeError(f'{s} is not an integer >= 1')
    return int(s)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', type=Path, default=OUT, help=f'where to write the PNG (default: {OUT})')
    ap.add_argument('--epochs', type=positive_int, default=24, help='epochs of the synthetic run (default: 24, as chapter 08)')
    args = ap.parse_args()
    import matplotlib; matplotlib.use('Agg')
    from clip_nb.files import Scratch
    from clip_nb.train import Trainer, TrainConfig
    scratch = Scratch()  # the run's folder, removed when the script exits
    tr = Trainer(TrainConfig(out=str(scratch()/'run'), epochs=args.epochs, progress=False)).setup()
    metrics = tr.fit()
    fig = tr.show_held_out()
    buf = io.BytesIO(); fig.savefig(buf, format='png', dpi=80)
    im = Image.open(buf).convert('RGB').quantize(256, method=Image.Quantize.FASTOCTREE)
    args.out.parent.mkdir(parents=True, exist_ok=True); im.save(args.out, optimize=True)
    print(f"wrote {args.out}: {fig._suptitle.get_text()}; {metrics['steps']} steps")

if __name__ == '__main__': main()
