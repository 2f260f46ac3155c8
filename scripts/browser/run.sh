#!/bin/bash
# run.sh — the browser test: the notebooks in Jupyter Notebook 6, driven in Debian's chromium.
#
# usage: scripts/browser/run.sh [-o OUTDIR] [--xfail KINDS] [--require-explorer]
#                               [--cases runall,restart,outside,nopath,nogo] [NB.ipynb...]
#
#   -o OUTDIR            screenshots, per-cell reports (LABEL.cells.json), results.json and the
#                        servers' logs (default: out/browser in the repository)
#   --xfail KINDS        report failures of these kinds of check as XFAIL (expected failures,
#                        never counted as passed): restart, outside, nogo (those cases' guidance
#                        checks), stderr (no stderr output)
#   --require-explorer   fail a notebook without an interactive explorer (class smp-explorer);
#                        without it such a notebook's explorer check is reported SKIP
#   --cases LIST         which cases to play (default: all five)
#   NB.ipynb...          notebooks (default: notebooks/figure_*.ipynb)
#
# What it does (scripts/browser/README.md says more):
#   1. installs the kernel as a user would (`go run ./scripts/kernel`, no -raw_error) into
#      OUTDIR/jupyter, which the servers below use as JUPYTER_DATA_DIR;
#   2. starts Jupyter Notebook servers (token auth, 127.0.0.1, free ports):
#        repo    rooted at the repository, with this shell's environment;
#        outside rooted at a temporary directory outside the repository holding copies of the
#                notebooks;
#        nopath  rooted at the repository, started with `env -i HOME=$HOME PATH=/usr/bin:/bin`,
#                as from a desktop launcher: go is not on its PATH;
#        nogo    as nopath, with a copy of the kernel whose recorded PATH has no go (Go
#                removed after the kernel was installed);
#   3. runs scripts/browser/notebooks.js with these cases:
#        runall  (repo)    Kernel → Restart & Run All: no error, no stderr, every cell run, an
#                          image, screenshots, and every explorer control changes a picture;
#        restart (repo)    Kernel → Restart, then a late cell first, then the imports cell:
#                          each runs cleanly or shows one line of guidance;
#        outside (outside) Restart & Run All: one line of guidance in the whole notebook;
#        nopath  (nopath)  Restart & Run All must work as in runall (the kernel.json env);
#        nogo    (nogo)    Restart & Run All of the first notebook: one line of guidance (the
#                          kernel's guard, scripts/kernel/guard).
#   4. stops the servers (by PID) and removes the temporary directory.
# Needs: chromium, jupyter notebook, node, and scripts/browser/node_modules
# (`bash scripts/setup.sh --browser` installs them all). Exit status 1 if any check failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CALLER=$PWD
cd "$ROOT" || exit 1

OUT=$ROOT/out/browser flags=() cases=runall,restart,outside,nopath,nogo notebooks=()
while [ $# -gt 0 ]; do
	case $1 in
	-o) OUT=${2:?-o needs a directory}; shift 2 ;;
	--xfail) flags+=("$1" "${2:?--xfail needs a list}"); shift 2 ;;
	--require-explorer) flags+=("$1"); shift ;;
	--cases) cases=${2:?--cases needs a list}; shift 2 ;;
	-h | --help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "run.sh: unknown flag $1 (try --help)" >&2; exit 2 ;;
	*) case $1 in /*) notebooks+=("$1") ;; *) notebooks+=("$CALLER/$1") ;; esac; shift ;;
	esac
done
case $OUT in /*) ;; *) OUT=$CALLER/$OUT ;; esac
if [ ${#notebooks[@]} -eq 0 ]; then
	shopt -s nullglob
	notebooks=("$ROOT"/notebooks/figure_*.ipynb)
	shopt -u nullglob
fi
[ ${#notebooks[@]} -gt 0 ] || { echo "run.sh: no notebooks" >&2; exit 2; }

[ -d /usr/local/go/bin ] && PATH=/usr/local/go/bin:$PATH
export PATH
missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
jupyter notebook --version >/dev/null 2>&1 || missing+=("jupyter notebook")
command -v node >/dev/null 2>&1 || missing+=(node)
[ -d scripts/browser/node_modules/puppeteer-core ] || missing+=("scripts/browser/node_modules")
command -v go >/dev/null 2>&1 || missing+=(go)
if [ ${#missing[@]} -gt 0 ]; then
	echo "run.sh: missing: ${missing[*]}; run: bash scripts/setup.sh --browser" >&2
	exit 1
fi

rm -rf "$OUT" && mkdir -p "$OUT" || exit 1
TMP=$(mktemp -d /tmp/smp-go-browser.XXXXXX)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

echo "==> kernel (go run ./scripts/kernel) into $OUT/jupyter"
KD=$OUT/jupyter
JUPYTER_DATA_DIR=$KD go run ./scripts/kernel >"$OUT/kernel.log" 2>&1 || { cat "$OUT/kernel.log"; exit 1; }
sed 's/^/    /' "$OUT/kernel.log"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
root_flag=(); [ "$(id -u)" -eq 0 ] && root_flag=(--allow-root)

# start_server NAME DIR [env -i ...]: starts a server rooted at DIR; sets BASE_<NAME>.
start_server() {
	local name=$1 dir=$2; shift 2
	local port; port=$(free_port)
	"$@" JUPYTER_DATA_DIR="$KD" jupyter notebook --no-browser "${root_flag[@]}" --ip=127.0.0.1 --port="$port" \
		--port-retries=0 --NotebookApp.token="$TOKEN" --notebook-dir="$dir" >"$OUT/server-$name.log" 2>&1 &
	pids+=($!)
	local i
	for i in $(seq 1 120); do
		if curl -sf -o /dev/null -H "Authorization: token $TOKEN" "http://127.0.0.1:$port/api/status"; then
			printf -v "BASE_$name" 'http://127.0.0.1:%s' "$port"
			echo "    server $name: http://127.0.0.1:$port, root $dir (log: $OUT/server-$name.log)"
			return 0
		fi
		kill -0 "${pids[-1]}" 2>/dev/null || break
		sleep 0.5
	done
	echo "run.sh: the $name server did not start; its log:" >&2
	tail -20 "$OUT/server-$name.log" >&2
	exit 1
}

want() { case ",$cases," in *",$1,"*) return 0 ;; esac; return 1; }
echo "==> servers"
args=()
start_server repo "$ROOT" env
for nb in "${notebooks[@]}"; do
	rel=${nb#"$ROOT"/}
	name=$(basename "$nb" .ipynb)
	want runall && args+=("runall,$BASE_repo,$TOKEN,$rel,runall-$name")
	want restart && args+=("restart,$BASE_repo,$TOKEN,$rel,restart-$name")
done
if want outside; then
	mkdir -p "$TMP/outside"
	cp "${notebooks[@]}" "$TMP/outside/"
	start_server outside "$TMP/outside" env
	for nb in "${notebooks[@]}"; do
		args+=("guidance,$BASE_outside,$TOKEN,$(basename "$nb"),outside-$(basename "$nb" .ipynb)")
	done
fi
if want nogo; then
	# Go removed after the kernel was installed: the same kernel, its recorded PATH without go.
	mkdir -p "$TMP/nogo/kernels" && cp -r "$KD/kernels/gonb" "$TMP/nogo/kernels/"
	/usr/bin/python3 - "$TMP/nogo/kernels/gonb/kernel.json" <<'PY' || exit 1
import json, sys
p = sys.argv[1]; spec = json.load(open(p)); spec["env"]["PATH"] = "/usr/bin:/bin"; json.dump(spec, open(p, "w"))
PY
	KD_SAVED=$KD KD=$TMP/nogo
	start_server nogo "$ROOT" env -i HOME="$HOME" PATH=/usr/bin:/bin LANG=C.UTF-8
	KD=$KD_SAVED
	args+=("guidance,$BASE_nogo,$TOKEN,${notebooks[0]#"$ROOT"/},nogo-$(basename "${notebooks[0]}" .ipynb)")
fi
if want nopath; then
	start_server nopath "$ROOT" env -i HOME="$HOME" PATH=/usr/bin:/bin LANG=C.UTF-8
	for nb in "${notebooks[@]}"; do
		args+=("clean,$BASE_nopath,$TOKEN,${nb#"$ROOT"/},nopath-$(basename "$nb" .ipynb)")
	done
fi

echo "==> chromium + puppeteer-core: scripts/browser/notebooks.js"
t0=$(date +%s)
sums=$(sha256sum "${notebooks[@]}")
node scripts/browser/notebooks.js --out "$OUT" "${flags[@]}" "${args[@]}" | tee "$OUT/summary.txt"
rc=${PIPESTATUS[0]}
if [ "$(sha256sum "${notebooks[@]}")" != "$sums" ]; then
	echo "FAIL  the browser test changed a notebook it opened (autosave?): ${notebooks[*]}"
	rc=1
fi
echo "==> browser test: $(($(date +%s) - t0)) s; screenshots and reports in $OUT"
exit $rc
