"""Every performance figure of the project, measured on this machine, as one markdown table.

    python bench/report.py --data ../shared/data/flickr8k        # the CPU recipe on Flickr8k, and everything else
    python bench/report.py                                        # without Flickr8k: the recipe's figures on synthetic data
    python bench/report.py --data ../shared/data/flickr8k --recipe-args --batch-size 64 --captions-per-image 1 --ema 0

Rows: the machine's bf16 and fp32 matrix-multiply peaks; for the CPU recipe (`clip-nb train --recipe cpu`, plus
`--recipe-args`), training images/s (batch assembly and augmentation included) and model-only images/s measured in
alternating blocks, and their ratio; the FLOPs of one training step (counted by `torch.utils.flop_counter`) and the
achieved FLOP/s as a share of each peak; the peak resident memory of a process that sets the recipe up, trains and
evaluates on dev; the encoding throughput of `CLIPPipeline.encode_images` (bench/inference_bench.py); the wall time
of the default synthetic `clip-nb train`; and the wall time of the test suite's quick checks (`nbdev-test --n-workers 2`;
skip it with `--no-tests`; `--slow-tests` also times the full suite, `--tests-only` skips the training rows). Run it on an otherwise idle machine: every figure is a speed.
"""
import argparse, json, os, platform, resource, subprocess, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from train_bench import matmul_gflops, recipe_steps, interleaved_ratio
from clip_nb.files import Scratch

SCRATCH = Scratch()  # the temporary folders this script writes, removed when it exits

ROOT = Path(__file__).parent.parent

def step_flops(step)->int:
    "Floating-point operations of one call of `step` (matrix multiplies, attention, convolutions), forward and backward."
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as fc: step()
    return fc.get_total_flops()

def recipe_rows(a, peaks:dict)->list:
    "Throughput, pipeline ratio, FLOP share and peak memory of the CPU recipe."
    args = ['--recipe', 'cpu', *(['--data', a.data] if a.data else ['--synthetic-size', '4000', '--vision', 'cpu']), *a.recipe_args]
    prepared = recipe_steps(args); tr, train, model = prepared
    r = interleaved_ratio(args, prepared=prepared)
    flops = step_flops(train); steps_per_s = r['interleaved_train_images_per_second'] / tr.cfg.batch_size
    achieved = flops * steps_per_s / 1e9
    tr.evaluate('dev'); peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20   # KiB -> GiB on Linux
    what = f"CPU recipe ({'Flickr8k' if a.data else 'synthetic data'}{', ' + ' '.join(a.recipe_args) if a.recipe_args else ''})"
    return [(f'{what}: training images/s', r['interleaved_train_images_per_second']),
            (f'{what}: model-only images/s', r['interleaved_model_only_images_per_second']),
            (f'{what}: training / model-only', r['pipeline_ratio']),
            (f'{what}: GFLOP per training step (flop_counter)', round(flops / 1e9, 2)),
            (f'{what}: achieved GFLOP/s in training', round(achieved, 1)),
            (f'{what}: share of the bf16 peak', round(achieved / peaks['bf16'], 3)),
            (f'{what}: share of the fp32 peak', round(achieved / peaks['fp32'], 3)),
            (f'{what}: peak memory (set-up, training, dev evaluation), GiB', round(peak, 2))]

def timed(cmd:list, cwd:Path|None=None)->float:
    "Wall seconds of a command, which must succeed."
    t = time.monotonic(); r = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    if r.returncode: sys.exit(f'{" ".join(cmd)} failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}')
    return time.monotonic() - t

def encode_rows()->list:
    "Image encoding throughput of the inference pipeline (CPU ViT preset, JPEG files decoded)."
    r = subprocess.run([sys.executable, str(ROOT/'bench'/'inference_bench.py')], capture_output=True, text=True, check=True)
    return [('encode_images, CPU preset, 128 px JPEG files: images/s', json.loads(r.stdout.strip().splitlines()[-1])['images_per_second'])]

def main(a):
    peaks = dict(bf16=matmul_gflops('bfloat16'), fp32=matmul_gflops('float32'))
    from clip_nb.vision import cpu_has_bf16
    bf16_size = '2048^3' if cpu_has_bf16() else '256^3: this CPU emulates bf16'
    rows = [(f'bf16 matrix-multiply peak ({bf16_size}), GFLOP/s', peaks['bf16']), ('fp32 matrix-multiply peak (2048^3), GFLOP/s', peaks['fp32'])]
    if not a.tests_only:
        rows += recipe_rows(a, peaks) + encode_rows()
        rows.append(('`clip-nb train` (synthetic defaults) wall seconds', round(timed(['clip-nb', 'train', '--out', str(SCRATCH()/'syn'), '--no-progress']))))
    if a.tests: rows.append(('`nbdev-test --n-workers 2` wall seconds (quick checks)', round(timed(['nbdev-test', '--n-workers', '2'], cwd=ROOT))))
    if a.slow_tests:
        rows.append(('`nbdev-test --n-workers 2 --flags slow` wall seconds (full suite)',
                     round(timed(['nbdev-test', '--n-workers', '2', '--flags', 'slow'], cwd=ROOT))))
    print(f'Machine: {platform.machine()} {platform.processor() or ""}, {os.cpu_count()} cores, '
          f'{os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30:.0f} GiB, no GPU used\n')
    print('| figure | value |\n|---|---|'); print('\n'.join(f'| {k} | {v} |' for k, v in rows))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', help='a Flickr8k folder for the recipe rows (default: the synthetic dataset)')
    p.add_argument('--no-tests', dest='tests', action='store_false', help="skip timing the test suite's quick checks (5 to 6 minutes on the slowest 2-core CPU seen)")
    p.add_argument('--slow-tests', action='store_true', help='also time the full suite, slow cells included (--flags slow)')
    p.add_argument('--tests-only', action='store_true', help='only the matrix-multiply peaks and the test suite')
    p.add_argument('--recipe-args', nargs=argparse.REMAINDER, default=[], help='options added to --recipe cpu (must come last)')
    main(p.parse_args())
