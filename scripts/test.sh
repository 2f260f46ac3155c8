#!/usr/bin/env bash
# The project's test command (README "Tests"; .ci/run calls exactly this).
#
#   bash scripts/test.sh            static checks, Go tests, then both notebooks
#                                   executed headless with the real GoNB kernel
#                                   and the figure command (set-up included)
#   bash scripts/test.sh --go-only  static checks and Go tests only
#
# Fails on a gofmt difference, a vet report, a failing Go test, any notebook
# cell error or failed shell command, a notebook without a PNG output, or a
# missing figure file.
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

echo "== notebooks and figures (scripts/run_notebooks.sh)"
OUT=$ROOT/out/test
rm -rf "$OUT"
scripts/run_notebooks.sh -o "$OUT"
missing=0
for f in figure_2.png figure_2.svg figure_3.png figure_3.svg figure_2.ipynb figure_3.ipynb figure_2.html figure_3.html; do
	if [ ! -s "$OUT/$f" ]; then echo "missing or empty: $OUT/$f"; missing=1; fi
done
[ $missing = 0 ] || exit 1
echo "== all tests passed; outputs in $OUT"
