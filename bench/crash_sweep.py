"""The robustness chapter's crash test, longer: many runs, each killed with SIGKILL several times and resumed.

    python bench/crash_sweep.py                  # at least 100 kill points (about 10 minutes on 2 idle cores)
    python bench/crash_sweep.py --kills 20       # what the chapter runs in CI

Each run trains the tiny synthetic recipe of `nbs/13_faults.ipynb` in fresh processes (`clip_nb.faults.train_process`),
killed at random moments between 40% and 90% of an uninterrupted run's wall time after each start (every other kill
waits for a write in flight) and resumed, again and again, until a start runs to the end; new runs start until the
kills reach `--kills`. After every kill, every checkpoint and the model folder must load; at the end, each run's
weights and per-epoch losses must equal the uninterrupted run's bit for bit.
Prints one JSON line: runs, kill points, how many landed mid-write, and how many runs matched.
"""
import argparse, json, sys, time
from pathlib import Path
import pandas as pd, torch
from safetensors.torch import load_file
from clip_nb.faults import train_process, crash_and_resume
from clip_nb.files import Scratch

SCRATCH = Scratch()  # the temporary folders this script writes, removed when it exits

SETTINGS = dict(vision='tiny', synthetic_size=96, batch_size=16, epochs=6, embed_dim=32, seed=0)

def same_run(a:Path, b:Path)->bool:
    "Whether two run folders hold bit-identical final weights and per-epoch losses."
    wa, wb = load_file(a/'model'/'model.safetensors'), load_file(b/'model'/'model.safetensors')
    ha, hb = pd.read_csv(a/'metrics.csv'), pd.read_csv(b/'metrics.csv')
    return (wa.keys() == wb.keys() and all(torch.equal(wa[k], wb[k]) for k in wa)
            and ha.train_loss.equals(hb.train_loss) and ha.val_loss.equals(hb.val_loss))

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--kills', type=int, default=100, help='kill points to reach (default: %(default)s)')
    a = p.parse_args()
    root = SCRATCH(); ref = root/'reference'
    t0 = time.monotonic(); assert train_process(ref, **SETTINGS).wait() == 0; t_ref = time.monotonic() - t0
    rows, matched, r = [], 0, 0
    while sum(x['what'].startswith('killed') for x in rows) < a.kills:
        out = root/f'killed{r}'; r += 1
        rows += crash_and_resume(out, kill_seed=1000 + r, window=(0.4 * t_ref, 0.9 * t_ref), **SETTINGS)
        ok = rows[-1]['what'] == 'ran to the end (exit 0)' and same_run(ref, out); matched += ok
        print(f'run {r}: {"identical" if ok else "DIFFERENT"}', file=sys.stderr, flush=True)
    df = pd.DataFrame(rows)
    print(json.dumps(dict(runs=r, kill_points=int(df.what.str.startswith('killed').sum()),
                          mid_write=int((df.what == 'killed mid-write').sum()), every_checkpoint_loaded=bool(df.latest_loads.all()),
                          runs_identical_to_uninterrupted=matched, reference_seconds=round(t_ref, 1),
                          sweep_seconds=round(time.monotonic() - t0, 1))))
    return 0 if matched == r and df.latest_loads.all() else 1

if __name__ == '__main__': sys.exit(main())
