#!/usr/bin/env bash
# Run this repo's chapters with nbdev 2's `nbdev_test`, as a reader following an nbdev 2 tutorial would.
# nbdev 2 reads settings.ini (generated from pyproject.toml by tools/settings_ini.py); nbdev 3 ignores it.
# Usage: bash tools/nbdev2_test.sh [VENV]   (default VENV: .venv-nbdev2, a separate environment; reused when present)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv-nbdev2}
start=$(date +%s)
if [ ! -x "$venv/bin/nbdev_test" ]; then
  python3 -m venv "$venv"
  # The project without its dev extra (which asks for nbdev>=3), then nbdev 2 and the dev extra's other packages.
  # nbdev 2.4 needs fastcore 1.12-1.x (fastcore 2 dropped names it imports) and execnb 0.1 (0.2 moved execnb.nbio).
  dev=$("$venv/bin/python" -c "import tomllib; print(' '.join(d for d in tomllib.load(open('pyproject.toml','rb'))['project']['optional-dependencies']['dev'] if not d.startswith('nbdev')))")
  "$venv/bin/pip" install -q -e . "nbdev<3" "fastcore>=1.12.3,<2" "execnb<0.2" $dev
fi
"$venv/bin/python" -c "import nbdev; print('nbdev', nbdev.__version__)"
"$venv/bin/nbdev_test" --n_workers 2 --timing
echo "nbdev 2 test run: $(( $(date +%s) - start )) s"
