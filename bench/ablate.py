"""Ablations of the Flickr8k CPU recipe (chapters 11 and 16): one change at a time, the same 600 s budget, scored on dev.

    python bench/ablate.py --data ../shared/data/flickr8k                    # the whole study (about 2 hours on 2 cores)
    python bench/ablate.py --data ../shared/data/flickr8k --only final       # the final recipe's three seeds only
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round2 --final-runs 'recipe cpu' 'label smoothing 0.1' 'conv stem' 'conv stem, patch dropout 0.75'   # round 2 (chapter 11)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round4 --only 'conv stem, patch dropout 0.75' 'conv stem, patch dropout 0.75, dropout 0.1' 'conv stem, patch dropout 0.75, lr 1e-3' 'conv stem 96 px, patch dropout 0.875' 'conv stem, patch dropout 0.75, weight decay 0.05' 'conv stem, patch dropout 0.75, 5 captions' --final-runs 'conv stem, patch dropout 0.75'   # its fourth session (bench/results/flickr8k_round2_fourth*.csv)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round5 --only 'conv stem, patch dropout 0.75' 'conv stem, patch dropout 0.75, 5 captions' 'conv stem, patch dropout 0.75, text token dropout 0.3' --final-runs 'conv stem, patch dropout 0.75' 'conv stem, patch dropout 0.75, 5 captions'   # its fifth session, on one day (bench/results/flickr8k_round2_fifth*.csv)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round10 --only 'conv stem, patch dropout 0.75, compiled' 'conv stem, patch dropout 0.75, EMA 0.998' --final-runs 'conv stem, patch dropout 0.75, compiled' 'conv stem, patch dropout 0.75, EMA 0.998'   # its ninth session (flickr8k_round2_ninth*.csv; there one seed at a time, alternating)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round11 --only 'conv stem, patch dropout 0.75, EMA 0.998' 'conv stem, patch dropout 0.75, EMA 0.999' 'conv stem, patch dropout 0.75, EMA 0.998, tune top text layer' 'conv stem, patch dropout 0.875, EMA 0.998' --final-runs none   # its tenth (flickr8k_round2_tenth*.csv)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round12 --only 'conv stem, patch dropout 0.75, compiled, 350 s' 'conv stem, patch dropout 0.75, EMA 0.998, 350 s' --seeds 0 1 2 --final-runs none   # its eleventh (flickr8k_round2_eleventh*.csv)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round13 --only 'conv stem, patch dropout 0.75, EMA 0.998' 'conv stem, patch dropout 0.75, EMA 0.998, tune top text layer, packed' 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions' --final-runs 'conv stem, patch dropout 0.75, EMA 0.998' 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions'   # its twelfth (flickr8k_round2_twelfth*.csv; there the recipe's seeds, then the tuned layer's seed 0, then five captions' seed 0, then its seeds 1 and 2)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round14 --only 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions' 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions, weight decay 0.5' 'conv stem, patch dropout 0.875, EMA 0.998, 5 captions' 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions, flip' --final-runs 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions'   # its fourteenth (flickr8k_round2_fourteenth*.csv; there the twelfth's five-caption runs copied into runs/round14 first, then one change at a time)
    python bench/ablate.py --data ../shared/data/flickr8k --round 2 --runs runs/round14 --only 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions' 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions, batch 128' --final-runs 'conv stem, patch dropout 0.75, EMA 0.998, 5 captions'   # its fifteenth (flickr8k_round2_fifteenth*.csv; the recipe's runs read back from runs/round14)

Each run is a real `clip-nb train` in its own process, data loading and text caching included in `--time-budget 600`.
`BASELINE_ARGS` pins the recipe as it was before the ablations, so the table keeps its meaning now that the preset has
changed; `final` is `--recipe cpu` as round 1 left it. A run's dev numbers are those of the history row that picked its best
checkpoint; test numbers are kept for the final recipe only (report on test, never tune on it). Runs already in `--runs`
are read back, not repeated. `--round 2` runs chapter 11's second round (ROUND2) against `--recipe cpu` as the round
found it (ROUND2_BASE: the plain patch embedding, a patch dropout of 0.5, no average of the weights, one caption a step and no compiling, all since replaced by what the round found), which is run with
`--final-seeds` and scored on test, as is every run named in `--final-runs`. Writes `ablations.csv` (a row per run) and `history.csv` (every run's dev recall per
evaluation, with seconds since its start) into `--runs` (chapters 11 and 16 read copies in `bench/results/`), and prints the
table under the machine's measured matrix-multiply rates.
"""
import argparse, os, platform, sys
from pathlib import Path
import pandas as pd
sys.path.insert(0, str(Path(__file__).parent))
from train_bench import matmul_gflops
from clip_nb.generalise import ABLATIONS, ROUND2, ROUND2_BASE, BASELINE_ARGS, run_folder, train_run, run_row, ablation_table, markdown_table, RECALLS

def main(a):
    runs, rows, hist = Path(a.runs), [], []
    # round 1: changes to BASELINE_ARGS, then final: --recipe cpu as round 1 left it (ROUND2_BASE);
    # round 2: changes to ROUND2_BASE
    plan = {**ABLATIONS, 'final': (None, None)} if a.round == 1 else ROUND2
    baseline = 'baseline' if a.round == 1 else 'recipe cpu'
    finals = a.final_runs or (['final'] if a.round == 1 else [baseline])  # run with --final-seeds, scored on test too
    for name in a.only or list(plan):
        args, predicted = plan[name]
        for seed in a.final_seeds if name in finals else a.seeds:
            out = run_folder(runs, name, seed); print(f'{name}, seed {seed}: {out}', flush=True)
            pinned = BASELINE_ARGS if a.round == 1 and args is not None else ROUND2_BASE
            train_run(out, args or [], seed, a.data, base=pinned)
            rows.append(run_row(out, name, seed, predicted, test=name in finals))
            h = pd.read_csv(out/'metrics.csv').assign(run=name, seed=seed)
            hist.append(h[['run', 'seed', 'epoch', 'step', 'seconds', 'train_loss', 'val_loss', *RECALLS]].round(4))
    rows, hist = pd.DataFrame(rows), pd.concat(hist)
    rows.to_csv(runs/'ablations.csv', index=False); hist.to_csv(runs/'history.csv', index=False)
    print(f"\n{platform.machine()}, {os.cpu_count()} cores: bf16 {matmul_gflops('bfloat16')} GFLOP/s, "
          f"fp32 {matmul_gflops('float32')} GFLOP/s (2048^3 matmul)\n")
    print(markdown_table(rows))
    if baseline in set(rows.run): print(); print(markdown_table(ablation_table(rows, baseline=baseline)))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', required=True, help='a Flickr8k folder')
    p.add_argument('--runs', default='runs/ablations', help='folder of the run folders and tables (default: %(default)s)')
    p.add_argument('--round', type=int, choices=[1, 2], default=1, help='1: ABLATIONS against the pinned baseline; 2: ROUND2 against --recipe cpu (default: %(default)s)')
    p.add_argument('--only', nargs='+', help="these runs only (names as in ABLATIONS or ROUND2, or 'final')")
    p.add_argument('--seeds', nargs='+', type=int, default=[0], help='seeds of each ablation (default: 0)')
    p.add_argument('--final-runs', nargs='+', help="the runs given --final-seeds and scored on test (default: 'final' in round 1, 'recipe cpu' in round 2)")
    p.add_argument('--final-seeds', nargs='+', type=int, default=[0, 1, 2], help='seeds of the final recipe, reported on test (default: 0 1 2)')
    main(p.parse_args())
