#!/usr/bin/env bash
# The project's test command (README "Tests"; .ci/run calls exactly this).
#
#   bash scripts/test.sh            static checks, Go tests, then the notebooks as users
#                                   meet them (set-up included; the steps below)
#   bash scripts/test.sh --go-only  static checks and Go tests only
#
# Steps after the Go tests:
#   1. scripts/run_notebooks.sh (scripts/setup.sh --browser, then both notebooks executed
#      headless with the real GoNB kernel, and the figure command), and the outputs committed
#      in the notebooks checked to be this run's (scripts/sync_outputs.sh --check);
#   2. fresh clone: the committed HEAD cloned into a temporary directory, only the kernel
#      installed there (go run ./scripts/kernel), no set-up script, no data/synthetic, an empty
#      result cache: both notebooks executed headless (scripts/check_notebooks.sh);
#   3. the browser test (scripts/browser/run.sh): Jupyter Notebook 6 in Debian's chromium.
#
# Fails on a gofmt difference, a vet report, a failing Go test, any notebook cell error or
# failed shell command, a notebook without a PNG output, a missing figure file, or a failed
# browser check. A check named in XFAIL below is expected to fail until the work it needs has
# landed: its failure is reported as XFAIL (never as passed) and does not fail the run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[ -d /usr/local/go/bin ] && PATH=/usr/local/go/bin:$PATH
PATH=$(go env GOPATH | cut -d: -f1)/bin:$PATH
export PATH

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi
echo "== go vet"
go vet ./...
echo "== go test"
go test -count=1 ./...
[ "${1:-}" = --go-only ] && exit 0

# Expected failures, each until the named work lands on main (then remove it here); the
# browser kinds are those of scripts/browser/run.sh --xfail:
#   fresh     the fresh-clone run (notebooks make the synthetic world on first use)
#   restart   one line of guidance or a clean run after Kernel → Restart
#   outside   one line of guidance, and nothing else, for a notebook outside the repository
#   nogo      one line of guidance when go has gone (scripts/kernel/guard)
#   stderr    no stderr output in a successful run (progress on stdout)
# None is expected to fail now; SMP_XFAIL=kind,... marks some for a local run.
XFAIL=${SMP_XFAIL-}
xfail() { case ",$XFAIL," in *",$1,"*) return 0 ;; esac; return 1; }
declare -a summary=()
now() { date +%s; }
T0=$(now)
failed=0

echo "== notebooks and figures (scripts/run_notebooks.sh, set-up with --browser)"
t=$(now)
OUT=$ROOT/out/test
rm -rf "$OUT"
if scripts/run_notebooks.sh -o "$OUT" --browser; then
	missing=0
	for f in figure_2.png figure_2.svg figure_3.png figure_3.svg figure_2.ipynb figure_3.ipynb figure_2.html figure_3.html; do
		if [ ! -s "$OUT/$f" ]; then echo "missing or empty: $OUT/$f"; missing=1; fi
	done
	if [ $missing = 0 ]; then summary+=("ok    notebooks and figures ($(($(now) - t)) s)"); else summary+=("FAIL  notebooks and figures: missing files"); failed=1; fi
	# The outputs committed in the notebooks (what GitHub shows) must be those of this run.
	if bash scripts/sync_outputs.sh --check --from "$OUT"; then
		summary+=("ok    committed notebook outputs are current")
	else
		summary+=("FAIL  committed notebook outputs are not current: run bash scripts/sync_outputs.sh"); failed=1
	fi
else
	summary+=("FAIL  notebooks and figures ($(($(now) - t)) s)"); failed=1
fi
PATH=$(go env GOPATH | cut -d: -f1)/bin:$PATH

echo "== fresh clone: only the kernel installed, no data, empty cache"
t=$(now)
FRESH=$(mktemp -d /tmp/smp-go-fresh.XXXXXX)
trap 'rm -rf "$FRESH"' EXIT
fresh_ok=0
if git clone -q "$ROOT" "$FRESH/smp-go" && echo "    $(git -C "$FRESH/smp-go" log --oneline -1)" &&
	(cd "$FRESH/smp-go" && JUPYTER_DATA_DIR=$FRESH/jupyter go run ./scripts/kernel -raw_error >"$FRESH/kernel.log" 2>&1 ||
		{ cat "$FRESH/kernel.log"; false; }) &&
	[ ! -e "$FRESH/smp-go/data/synthetic" ] &&
	env -u SMP_DATA_DIR SMP_JUPYTER_DIR="$FRESH/jupyter" SMP_CACHE_DIR="$FRESH/cache" \
		bash "$FRESH/smp-go/scripts/check_notebooks.sh" -o "$OUT/fresh" -png 1 "$FRESH"/smp-go/notebooks/figure_*.ipynb; then
	fresh_ok=1
fi
if [ $fresh_ok = 1 ]; then summary+=("ok    fresh clone, both notebooks ($(($(now) - t)) s)")
elif xfail fresh; then summary+=("XFAIL fresh clone, both notebooks ($(($(now) - t)) s; expected until first-use data lands)")
else summary+=("FAIL  fresh clone, both notebooks ($(($(now) - t)) s)"); failed=1; fi
rm -rf "$FRESH"

echo "== browser test (scripts/browser/run.sh)"
t=$(now)
bx=
for k in restart outside nogo stderr; do xfail $k && bx=${bx:+$bx,}$k; done
if bash scripts/browser/run.sh -o "$OUT/browser" --require-explorer ${bx:+--xfail "$bx"}; then
	summary+=("ok    browser test ($(($(now) - t)) s): $(tail -1 "$OUT/browser/summary.txt" 2>/dev/null)")
else
	summary+=("FAIL  browser test ($(($(now) - t)) s): $(tail -1 "$OUT/browser/summary.txt" 2>/dev/null)"); failed=1
fi

echo "== summary ($(($(now) - T0)) s after the Go tests; outputs in $OUT)"
printf '    %s\n' "${summary[@]}"
[ $failed = 0 ] || { echo "== FAILED"; exit 1; }
echo "== all tests passed${XFAIL:+ (expected failures: $XFAIL)}"
