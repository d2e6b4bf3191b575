"""The CPU recipe's training step, side by side on this machine: compiled or eager, AdamW fused or PyTorch's default.

    python bench/step_bench.py --data ../shared/data/flickr8k     # the recipe's step on Flickr8k
    python bench/step_bench.py                                    # on the built-in synthetic dataset
    python bench/step_bench.py --data ../shared/data/flickr8k --tune-text-layers 1   # MiniLM's top layer tuned

One process sets up `clip-nb train --recipe cpu` (its step compiled and warmed up, chapter 12), then runs whole
training steps (assembling and augmenting the batch, forward, backward, update) in alternating blocks of each
variant, so that a machine whose speed drifts cannot favour one. Prints a markdown table of training images/s per
variant (the mean of its blocks, and its slowest and fastest block) under the machine's bf16 and fp32 matrix-multiply
rates, and one JSON line with the same numbers. "AdamW default" is PyTorch's own choice of implementation for the
device (on a CPU, a Python loop over the weight tensors), with the recipe's settings. The weights go on training
through all the blocks (the default optimiser at the schedule's first learning rate): this measures speed, not
learning. Variants run in a fixed round-robin order, each block after a block of the variant before it.

With `--tune-text-layers N` the variants are instead the recipe's step (compiled, AdamW fused) without tuned layers,
and with MiniLM's top N layers tuned (`clip-nb train --recipe cpu --tune-text-layers N`, a second run set up in the
same process, with one caption a step where the recipe takes five: chapter 14's recipe gives way to tuned layers):
the layers run on the real tokens alone as chapter 03's `packed_layer` runs them, or padded as transformers' own
`forward` runs them (chapter 03's `TextEncoder.pack` set to False).
"""
import argparse, itertools, json, platform, sys, tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from train_bench import matmul_gflops, train_config, images_per_second

def variants(tr) -> dict:
    "Name -> (the trainer, the model its step calls, the optimiser it updates with, whether tuned layers run packed)."
    import torch
    groups = [{k: v for k, v in g.items() if k not in ('fused', 'foreach')} for g in tr.opt.param_groups]
    default = torch.optim.AdamW(groups)   # the same settings, PyTorch's default implementation
    compiled, eager = tr.net, getattr(tr.net, '_orig_mod', tr.net)
    if compiled is eager: sys.exit('the step did not compile here (see the warning above): nothing to compare')
    return {'compiled, AdamW fused': (tr, compiled, tr.opt, True), 'compiled, AdamW default': (tr, compiled, default, True),
            'eager, AdamW fused': (tr, eager, tr.opt, True)}

def tuned_variants(tr, tuned, layers: int) -> dict:
    "The recipe's step beside the step of a run with `layers` tuned text layers, packed and padded."
    return {'recipe, no tuned layer': (tr, tr.net, tr.opt, True), f'{layers} tuned layer(s), packed': (tuned, tuned.net, tuned.opt, True),
            f'{layers} tuned layer(s), padded': (tuned, tuned.net, tuned.opt, False)}

def positive(s: str) -> int:
    "An argparse type: a whole number of at least 1."
    if not s.isdigit() or int(s) < 1: raise argparse.ArgumentTypeError(f'expected a whole number of at least 1, got {s!r}')
    return int(s)

def main(a):
    from clip_nb.scale import ScaledTrainer
    args = ['--recipe', 'cpu', *(['--data', a.data] if a.data else [])]
    with tempfile.TemporaryDirectory() as tmp:
        tr = ScaledTrainer(train_config(args, Path(tmp)/'run')).setup()
        tuned = None
        try:
            if a.tune_text_layers:
                tuned = ScaledTrainer(train_config([*args, '--tune-text-layers', str(a.tune_text_layers)], Path(tmp)/'tuned')).setup()
            vs = tuned_variants(tr, tuned, a.tune_text_layers) if tuned else variants(tr)
            rates = timed(vs, a)
        finally:
            for t in (tr, tuned):
                if t: t.unlock()
    report(a, tr, rates)

def timed(vs: dict, a) -> dict:
    "Variant name -> images/s of each of its timed blocks (after one untimed block each)."
    batches = {}
    rates = {name: [] for name in vs}
    for name, (tr, net, opt, packed) in itertools.chain.from_iterable(itertools.repeat(list(vs.items()), a.blocks + 1)):
        tr.model.train()
        tr.net, tr.opt = net, opt
        tr.model.text_encoder.pack = packed
        b = batches.setdefault(id(tr), itertools.cycle(tr.epoch_batches(0)))
        step = lambda: tr.train_step(tr.train_ds.batch(next(b), tr.device, tr.cfg.captions_per_image))
        rates[name].append(images_per_second(step, a.steps, tr.cfg.batch_size))
    return {k: v[1:] for k, v in rates.items()}   # each variant's first block warms it up

def report(a, tr, rates: dict):
    "The markdown table and the JSON line."
    bf16, fp32 = matmul_gflops('bfloat16'), matmul_gflops('float32')
    rows = {k: dict(mean=round(sum(v) / len(v)), slowest=round(min(v)), fastest=round(max(v))) for k, v in rates.items()}
    print(f'{platform.machine()}, {tr.cfg.batch_size} images a step, {a.blocks} blocks of {a.steps} steps each; '
          f'bf16 {bf16:.0f} GFLOP/s, fp32 {fp32:.0f} GFLOP/s (2048^3 matmul)\n')
    print('| step | images/s (mean) | slowest block | fastest block |\n|---|---|---|---|')
    for k, r in rows.items(): print(f"| {k} | {r['mean']} | {r['slowest']} | {r['fastest']} |")
    print(json.dumps(dict(machine=platform.machine(), bf16_gflops=round(bf16), fp32_gflops=round(fp32), data=a.data or 'synthetic', tune_text_layers=a.tune_text_layers,
                          steps_per_block=a.steps, blocks=a.blocks, images_per_second=rows)))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--data', help='a Flickr8k folder (default: the synthetic dataset)')
    p.add_argument('--blocks', type=positive, default=3, help='timed blocks of each variant (default: %(default)s)')
    p.add_argument('--steps', type=positive, default=40, help='steps in a block (default: %(default)s)')
    p.add_argument('--tune-text-layers', type=positive, help="compare the recipe's step with MiniLM's top layers tuned, packed and padded")
    main(p.parse_args())
