#!/bin/bash
# run_notebooks.sh — the main job: set up, run every figure notebook headless, draw the figures.
#
# usage: scripts/run_notebooks.sh [-o OUTDIR] [--no-setup] [setup.sh flags...]
#
#   -o OUTDIR    output directory (default: out/ in the repository root)
#   --no-setup   skip scripts/setup.sh (the machine is already set up)
#
# 1. scripts/setup.sh (idempotent; jupyter, goimports, GoNB kernels, synthetic data).
# 2. Every notebooks/figure_*.ipynb that exists is executed by scripts/check_notebooks.sh
#    into OUTDIR: NAME.ipynb (executed), NAME.html, NAME.log. Each must show at least
#    NB_MIN_PNG (default 1) image/png outputs.
# 3. `go run ./scripts/figures -o OUTDIR`, if scripts/figures exists
#    (figure_2.png/.svg, figure_3.png/.svg).
# Steps 2 and 3 both run even if one fails; the exit status is 1 if anything failed.
# Works from any directory. NB_TIMEOUT and SMP_JUPYTER_DIR are passed on (see check_notebooks.sh).
set -uo pipefail

CALLER=$PWD
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

OUT=$ROOT/out setup=1 setup_args=()
while [ $# -gt 0 ]; do
	case $1 in
	-o) OUT=${2:?-o needs a directory}; shift 2 ;;
	--no-setup) setup=0; shift ;;
	-h | --help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) setup_args+=("$1"); shift ;;
	esac
done
case $OUT in /*) ;; *) OUT=$CALLER/$OUT ;; esac # relative to where the script was called from
mkdir -p "$OUT" || exit 1

t0=$(date +%s)
failed=()

if [ $setup = 1 ]; then
	scripts/setup.sh "${setup_args[@]}" || { echo "run_notebooks.sh: setup.sh failed" >&2; exit 1; }
fi
[ -d /usr/local/go/bin ] && PATH=/usr/local/go/bin:$PATH
PATH=$(go env GOPATH | cut -d: -f1)/bin:$PATH
export PATH

shopt -s nullglob
notebooks=(notebooks/figure_*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
	echo "==> no notebooks/figure_*.ipynb yet: nothing to execute"
else
	echo "==> executing ${#notebooks[@]} notebook(s) into $OUT"
	scripts/check_notebooks.sh -o "$OUT" -html -png "${NB_MIN_PNG:-1}" "${notebooks[@]}" || failed+=(notebooks)
fi

if [ -d scripts/figures ]; then
	echo "==> go run ./scripts/figures -o $OUT"
	t1=$(date +%s)
	if go run ./scripts/figures -o "$OUT"; then
		echo "    figures: $(($(date +%s) - t1)) s"
	else
		failed+=(figures)
	fi
else
	echo "==> scripts/figures does not exist yet: figures not drawn"
fi

echo "==> run_notebooks.sh: $(($(date +%s) - t0)) s; outputs in $OUT"
if [ ${#failed[@]} -gt 0 ]; then
	echo "run_notebooks.sh: FAILED: ${failed[*]}" >&2
	exit 1
fi
echo "run_notebooks.sh: all passed"
