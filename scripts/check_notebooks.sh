#!/bin/bash
# check_notebooks.sh — execute GoNB notebooks headless and fail on any error.
#
# usage: scripts/check_notebooks.sh [-o OUTDIR] [-png N] [-html] NB.ipynb...
#
#   -o OUTDIR  where the executed notebooks (NAME.ipynb), logs (NAME.log) and, with -html,
#              NAME.html go (default: a new temporary directory)
#   -png N     fail a notebook that produced fewer than N image/png outputs
#   -html      also convert each executed notebook to HTML (no second execution)
#
# A notebook fails when nbconvert fails (compile error, panic, non-zero exit, timeout of a
# Go cell), and also when any output is an error or a stderr stream containing
# "exit status N": GoNB does not fail the cell when a `!cmd` or `%%bash` command fails.
# The last line reads "N passed, N failed"; exit status 1 if any notebook failed.
#
# Environment: NB_TIMEOUT (seconds per cell, default 600); SMP_JUPYTER_DIR (kernel dir made
# by setup.sh, default ~/.cache/smp-go/jupyter: its gonb kernel prints compile errors as
# plain text and is preferred when present). Works from any directory.
set -u

OUT= MIN_PNG=0 HTML=0
while [ $# -gt 0 ]; do
	case $1 in
	-o) OUT=${2:?-o needs a directory}; shift 2 ;;
	-png) MIN_PNG=${2:?-png needs a number}; shift 2 ;;
	-html) HTML=1; shift ;;
	-h | --help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	--) shift; break ;;
	-*) echo "check_notebooks.sh: unknown flag $1 (try --help)" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "usage: check_notebooks.sh [-o OUTDIR] [-png N] [-html] NB.ipynb..." >&2; exit 2; }
case $MIN_PNG in '' | *[!0-9]*) echo "check_notebooks.sh: -png wants a number, got $MIN_PNG" >&2; exit 2 ;; esac
[ -n "$OUT" ] || OUT=$(mktemp -d)
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)

# go and goimports on PATH: for the checks below, and for a kernel installed without
# scripts/kernel (whose kernel.json records none).
[ -d /usr/local/go/bin ] && PATH=/usr/local/go/bin:$PATH
if command -v go >/dev/null 2>&1; then
	gobin=$(go env GOBIN); [ -n "$gobin" ] || gobin=$(go env GOPATH | cut -d: -f1)/bin
	PATH=$gobin:$PATH
fi
export PATH
for tool in go goimports jupyter; do
	command -v $tool >/dev/null 2>&1 || { echo "check_notebooks.sh: $tool not found on PATH; run scripts/setup.sh" >&2; exit 1; }
done
KDIR=${SMP_JUPYTER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/smp-go/jupyter}
if [ -f "$KDIR/kernels/gonb/kernel.json" ]; then
	export JUPYTER_PATH=$KDIR${JUPYTER_PATH:+:$JUPYTER_PATH}
fi
# Debian's jupyter scripts run /usr/bin/python3; a pyenv python3 on PATH may lack nbformat.
PY=/usr/bin/python3; [ -x $PY ] || PY=python3

pass=0 fail=0
for nb in "$@"; do
	name=$(basename "$nb" .ipynb)
	if [ ! -f "$nb" ]; then echo "FAIL $nb (no such file)"; fail=$((fail + 1)); continue; fi
	t0=$(date +%s.%N)
	jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout="${NB_TIMEOUT:-600}" \
		--output-dir "$OUT" --output "$name" "$nb" >"$OUT/$name.log" 2>&1
	rc=$?
	secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
	if [ $rc -ne 0 ]; then
		echo "FAIL $nb (${secs} s; log: $OUT/$name.log)"
		# The cell error, without the kernel's klog lines.
		sed -n '/CellExecutionError\|CellTimeoutError\|DeadKernelError\|NoSuchKernel/,$p' "$OUT/$name.log" |
			grep -v '^[IWEF][0-9]\{4\} ' | head -40 | sed 's/^/    /'
		grep -q 'CellExecutionError\|CellTimeoutError\|DeadKernelError\|NoSuchKernel' "$OUT/$name.log" ||
			tail -20 "$OUT/$name.log" | sed 's/^/    /'
		fail=$((fail + 1)); continue
	fi
	# Error outputs and "exit status N" on stderr (failed !cmd / %%bash); count PNGs.
	scan=$($PY - "$OUT/$name.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
bad = png = 0
bad_lines = []
for i, c in enumerate(nb["cells"]):
    for o in c.get("outputs", []):
        t = o.get("output_type")
        if "image/png" in o.get("data", {}):
            png += 1
        txt = "".join(o.get("text", "")) if t == "stream" and o.get("name") == "stderr" else ""
        if t == "error" or "exit status " in txt:
            msg = (o.get("evalue") or txt).strip()
            bad += 1
            msg = msg[:300].replace("\n", "\n        ")
            bad_lines.append(f"    cell {i} ({c.get('id', '?')}): {msg}")
print(png)
print("\n".join(bad_lines))
sys.exit(1 if bad else 0)
PY
	)
	rc=$?
	npng=${scan%%$'\n'*}
	if [ $rc -ne 0 ] || [ -z "$npng" ]; then
		echo "FAIL $nb (${secs} s; error output in a cell)"
		printf '%s\n' "${scan#*$'\n'}"
		fail=$((fail + 1)); continue
	fi
	if [ "$npng" -lt "$MIN_PNG" ]; then
		echo "FAIL $nb (${secs} s; $npng png outputs, want at least $MIN_PNG)"
		fail=$((fail + 1)); continue
	fi
	if [ $HTML = 1 ] && ! jupyter nbconvert --to html --output-dir "$OUT" --output "$name" "$OUT/$name.ipynb" \
		>>"$OUT/$name.log" 2>&1; then
		echo "FAIL $nb (${secs} s; HTML conversion failed, see $OUT/$name.log)"
		fail=$((fail + 1)); continue
	fi
	echo "ok   $nb (${secs} s, $npng png outputs)"
	pass=$((pass + 1))
done
echo "outputs in $OUT"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
