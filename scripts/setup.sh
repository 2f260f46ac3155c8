#!/bin/bash
# setup.sh — idempotent set-up of a Debian/Ubuntu machine for running the smp-go notebooks.
#
# usage: scripts/setup.sh [--notebook] [--browser] [--gopls] [--no-synth]
#
#   --notebook   also install the classic Jupyter UI (Debian package jupyter-notebook)
#   --browser    what the browser test needs (scripts/browser/README.md): the classic
#                Jupyter UI, Debian's chromium, and puppeteer-core from npm (npm ci)
#   --gopls      also install gopls v0.23.0 (GoNB auto-complete in the UI; ~200 s to build)
#   --no-synth   do not generate the synthetic data set
#
# Steps (each is skipped when already done, and timed):
#   1. Jupyter from Debian packages, only when `jupyter nbconvert` is missing
#      (apt-get; run as root, or with sudo when not root).
#   2. `go mod download`: fills the module cache, so notebooks also run offline afterwards.
#   3. The GoNB kernel with `go run ./scripts/kernel` (goimports v0.52.0, GoNB as pinned in
#      go.mod, and go's and goimports' directories recorded in kernel.json, so that a Jupyter
#      started without them on its PATH still runs the notebooks): the user's kernel in
#      ~/.local/share/jupyter (for the UI), and a CI kernel with plain-text compile errors
#      (-raw_error) in $SMP_JUPYTER_DIR (default ~/.cache/smp-go/jupyter), which
#      check_notebooks.sh uses.
#   4. The synthetic data set (data/synthetic/) with `go run ./scripts/synth`, when
#      data/synthetic/manifest.json is absent.
#   5. With --browser: chromium (apt) and scripts/browser/node_modules (npm ci, the versions
#      pinned in scripts/browser/package-lock.json, no browser download).
#
# Environment: SMP_JUPYTER_DIR (CI kernel dir), GO (go binary, default: go on PATH or
# /usr/local/go/bin/go). Works from any directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

want_notebook=0 want_browser=0 want_gopls=0 want_synth=1
for arg in "$@"; do
	case $arg in
	--notebook) want_notebook=1 ;;
	--browser) want_notebook=1 want_browser=1 ;;
	--gopls) want_gopls=1 ;;
	--no-synth) want_synth=0 ;;
	-h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "setup.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
	esac
done

GOPLS_VERSION=v0.23.0
SMP_JUPYTER_DIR=${SMP_JUPYTER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/smp-go/jupyter}

# Timing: step NAME CMD... runs CMD and records its wall time.
declare -a step_names=() step_times=()
now() { date +%s.%N; }
step() {
	local name=$1; shift
	echo "==> $name"
	local t0; t0=$(now)
	"$@"
	local dt; dt=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')
	step_names+=("$name"); step_times+=("$dt")
	echo "    $name: ${dt} s"
}
summary() {
	echo "==> setup.sh timings"
	local i
	for i in "${!step_names[@]}"; do printf '    %-28s %7s s\n' "${step_names[$i]}" "${step_times[$i]}"; done
}
t_start=$(now)

# Go on PATH, and GOPATH/bin (goimports, gopls) too.
if ! command -v go >/dev/null 2>&1; then
	if [ -x /usr/local/go/bin/go ]; then
		export PATH=/usr/local/go/bin:$PATH
	else
		echo "setup.sh: Go not found (not on PATH, not in /usr/local/go); install Go >= 1.26 from https://go.dev/dl/" >&2
		exit 1
	fi
fi
case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) [ -d /usr/local/go/bin ] && export PATH=/usr/local/go/bin:$PATH ;; esac
GOBIN_DIR=$(go env GOBIN)
[ -n "$GOBIN_DIR" ] || GOBIN_DIR=$(go env GOPATH | cut -d: -f1)/bin
case ":$PATH:" in *:"$GOBIN_DIR":*) ;; *) export PATH=$GOBIN_DIR:$PATH ;; esac
echo "setup.sh: $(go version) in $ROOT"

# sudo when not root.
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else SUDO=(false-no-sudo); fi
fi

install_jupyter() {
	local pkgs=() v
	if v=$(jupyter nbconvert --version 2>/dev/null); then
		echo "    jupyter nbconvert $v already installed"
	else
		pkgs+=(jupyter-nbconvert jupyter-client python3-nbclient)
	fi
	if [ $want_notebook = 1 ] && ! jupyter notebook --version >/dev/null 2>&1; then pkgs+=(jupyter-notebook); fi
	if [ $want_browser = 1 ] && ! [ -x /usr/bin/chromium ]; then pkgs+=(chromium); fi
	if [ $want_browser = 1 ] && ! command -v npm >/dev/null 2>&1; then pkgs+=(nodejs npm); fi
	[ ${#pkgs[@]} -gt 0 ] || return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "setup.sh: jupyter nbconvert is missing and apt-get is not available; install nbconvert, nbclient and jupyter_client yourself" >&2
		return 1
	fi
	if [ "${SUDO[0]:-}" = false-no-sudo ]; then
		echo "setup.sh: installing ${pkgs[*]} needs root: run as root or install sudo" >&2
		return 1
	fi
	"${SUDO[@]}" apt-get update -q
	"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"
	hash -r
	if ! jupyter nbconvert --version >/dev/null 2>&1; then
		echo "setup.sh: 'jupyter nbconvert' still does not run after installing ${pkgs[*]}" >&2
		echo "    (is another 'jupyter' ahead of /usr/bin on PATH? $(command -v jupyter || echo none))" >&2
		return 1
	fi
	echo "    jupyter nbconvert $(jupyter nbconvert --version)"
}

# go_tool_is BIN MODULE VERSION: BIN is on PATH and was built from MODULE at VERSION.
go_tool_is() {
	local bin; bin=$(command -v "$1" 2>/dev/null) || return 1
	go version -m "$bin" 2>/dev/null | awk -v m="$2" -v v="$3" '$1=="mod" && $2==m && $3==v {ok=1} END {exit !ok}'
}

install_gopls() {
	if go_tool_is gopls golang.org/x/tools/gopls "$GOPLS_VERSION"; then
		echo "    gopls $GOPLS_VERSION already installed"
		return
	fi
	go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
}

install_kernels() {
	# goimports and GoNB at their pinned versions; kernel.json records go and goimports.
	go run ./scripts/kernel | sed 's/^/    user kernel: /'
	JUPYTER_DATA_DIR=$SMP_JUPYTER_DIR go run ./scripts/kernel -raw_error | sed 's/^/    CI kernel: /'
	echo "    GoNB $(go list -m -f '{{.Version}}' github.com/janpfeifer/gonb) (its --version says v0.11.1 for v0.11.4: stale tag upstream)"
}

install_puppeteer() {
	local dir=scripts/browser
	# npm ci only when package-lock.json changed since the last install (stamp: a copy of it).
	if [ -d $dir/node_modules/puppeteer-core ] && cmp -s $dir/package-lock.json $dir/node_modules/.smp-go-lock.json; then
		echo "    $dir/node_modules up to date"
		return
	fi
	(cd $dir && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
	cp $dir/package-lock.json $dir/node_modules/.smp-go-lock.json
}

make_synth() {
	if [ -f data/synthetic/manifest.json ]; then
		echo "    data/synthetic/manifest.json exists: synthetic data already generated"
		return
	fi
	if [ ! -d scripts/synth ]; then
		echo "    scripts/synth does not exist yet: synthetic data NOT generated (run 'go run ./scripts/synth' once it exists)"
		return
	fi
	go run ./scripts/synth
	if [ ! -f data/synthetic/manifest.json ]; then
		echo "setup.sh: 'go run ./scripts/synth' succeeded but did not write data/synthetic/manifest.json" >&2
		return 1
	fi
}

trap 'summary' EXIT
step "apt packages" install_jupyter
if [ $want_gopls = 1 ]; then step "gopls $GOPLS_VERSION" install_gopls; fi
step "go mod download" go mod download
step "gonb kernels" install_kernels
if [ $want_synth = 1 ]; then step "synthetic data" make_synth; fi
if [ $want_browser = 1 ]; then step "puppeteer-core (npm)" install_puppeteer; fi
step_names+=("total"); step_times+=("$(awk -v a="$t_start" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')")
echo "setup.sh: done. The kernel finds go and goimports by itself (kernel.json env)."
