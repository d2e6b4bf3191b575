"""The robustness chapter's crash test, longer: many runs, each killed with SIGKILL several times and resumed.

    python bench/crash_sweep.py                  # 25 runs x 4 kills = 100 kill points (about 12 minutes on 2 cores)
    python bench/crash_sweep.py --runs 5 --kills 4

Each run trains the tiny synthetic recipe of `nbs/09_robustness.ipynb` in fresh processes (`clip_nb.robust.train_process`),
killed at random moments between 40% and 100% of an uninterrupted run's wall time after each start (every other kill
waits for a write in flight), and resumed after each kill. After every kill, every checkpoint and the model folder
must load; at the end, each run's weights and per-epoch losses must equal the uninterrupted run's bit for bit.
Prints one JSON line: kill points, how many landed mid-write, and how many runs matched.
"""
import argparse, json, sys, tempfile, time
from pathlib import Path
import pandas as pd, torch
from safetensors.torch import load_file
from clip_nb.robust import train_process, crash_and_resume

SETTINGS = dict(vision='tiny', synthetic_size=96, batch_size=16, epochs=6, embed_dim=32, seed=0)

def same_run(a:Path, b:Path)->bool:
    "Whether two run folders hold bit-identical final weights and per-epoch losses."
    wa, wb = load_file(a/'model'/'model.safetensors'), load_file(b/'model'/'model.safetensors')
    ha, hb = pd.read_csv(a/'metrics.csv'), pd.read_csv(b/'metrics.csv')
    return (wa.keys() == wb.keys() and all(torch.equal(wa[k], wb[k]) for k in wa)
            and ha.train_loss.equals(hb.train_loss) and ha.val_loss.equals(hb.val_loss))

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--runs', type=int, default=25); p.add_argument('--kills', type=int, default=4)
    a = p.parse_args()
    root = Path(tempfile.mkdtemp()); ref = root/'reference'
    t0 = time.monotonic(); assert train_process(ref, **SETTINGS).wait() == 0; t_ref = time.monotonic() - t0
    rows, matched = [], 0
    for r in range(a.runs):
        out = root/f'killed{r}'
        rows += crash_and_resume(out, kills=a.kills, kill_seed=1000 + r, window=(0.4 * t_ref, t_ref), **SETTINGS)
        matched += same_run(ref, out)
        print(f'run {r + 1}/{a.runs}: {"identical" if same_run(ref, out) else "DIFFERENT"}', file=sys.stderr, flush=True)
    df = pd.DataFrame(rows)
    print(json.dumps(dict(runs=a.runs, kill_points=int(df.what.str.startswith('killed').sum()),
                          mid_write=int((df.what == 'killed mid-write').sum()), every_checkpoint_loaded=bool(df.latest_loads.all()),
                          runs_identical_to_uninterrupted=matched, reference_seconds=round(t_ref, 1),
                          sweep_seconds=round(time.monotonic() - t0, 1))))
    return 0 if matched == a.runs and df.latest_loads.all() else 1

if __name__ == '__main__': sys.exit(main())
