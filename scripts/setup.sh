#!/bin/bash
# setup.sh — idempotent set-up of a Debian/Ubuntu machine for running the smp-go notebooks.
#
# usage: scripts/setup.sh [--notebook] [--gopls] [--no-synth]
#
#   --notebook   also install the classic Jupyter UI (Debian package jupyter-notebook)
#   --gopls      also install gopls v0.23.0 (GoNB auto-complete in the UI; ~200 s to build)
#   --no-synth   do not generate the synthetic data set
#
# Steps (each is skipped when already done, and timed):
#   1. Jupyter from Debian packages, only when `jupyter nbconvert` is missing
#      (apt-get; run as root, or with sudo when not root).
#   2. goimports v0.52.0 (GoNB runs it on every cell) via `go install`.
#   3. `go mod download`: fills the module cache, so notebooks also run offline afterwards.
#   4. The GoNB kernel, built from the version pinned in go.mod (`go tool gonb`):
#      the user's kernel in ~/.local/share/jupyter (for the UI), and a CI kernel with
#      plain-text compile errors (--raw_error) in $SMP_JUPYTER_DIR
#      (default ~/.cache/smp-go/jupyter), which check_notebooks.sh uses.
#   5. The synthetic data set (data/synthetic/) with `go run ./scripts/synth`, when
#      data/synthetic/manifest.json is absent.
#
# Environment: SMP_JUPYTER_DIR (CI kernel dir), GO (go binary, default: go on PATH or
# /usr/local/go/bin/go). Works from any directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

want_notebook=0 want_gopls=0 want_synth=1
for arg in "$@"; do
	case $arg in
	--notebook) want_notebook=1 ;;
	--gopls) want_gopls=1 ;;
	--no-synth) want_synth=0 ;;
	-h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "setup.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
	esac
done

GOIMPORTS_VERSION=v0.52.0
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

install_goimports() {
	if go_tool_is goimports golang.org/x/tools "$GOIMPORTS_VERSION"; then
		echo "    goimports $GOIMPORTS_VERSION already installed"
		return
	fi
	go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION"
}

install_gopls() {
	if go_tool_is gopls golang.org/x/tools/gopls "$GOPLS_VERSION"; then
		echo "    gopls $GOPLS_VERSION already installed"
		return
	fi
	go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
}

install_kernels() {
	# Builds the GoNB version pinned in go.mod (cached by the go command after the first build).
	# --force_deps: install even without gopls, which headless runs do not need.
	# Its log lines go to a file: they include an "install gopls@latest" notice that does not
	# apply (gopls is optional, and @latest is not served by the proxy on some machines).
	local log; log=$(mktemp)
	if ! go tool gonb --install --force_deps >"$log" 2>&1 ||
		! JUPYTER_DATA_DIR=$SMP_JUPYTER_DIR go tool gonb --install --force_deps --raw_error >>"$log" 2>&1; then
		cat "$log" >&2; rm -f "$log"
		return 1
	fi
	rm -f "$log"
	echo "    user kernel: $(jupyter --data-dir)/kernels/gonb"
	echo "    CI kernel (raw errors): $SMP_JUPYTER_DIR/kernels/gonb"
	echo "    GoNB $(go list -m -f '{{.Version}}' github.com/janpfeifer/gonb) (its --version says v0.11.1 for v0.11.4: stale tag upstream)"
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
step "jupyter (apt)" install_jupyter
step "goimports $GOIMPORTS_VERSION" install_goimports
if [ $want_gopls = 1 ]; then step "gopls $GOPLS_VERSION" install_gopls; fi
step "go mod download" go mod download
step "gonb kernels" install_kernels
if [ $want_synth = 1 ]; then step "synthetic data" make_synth; fi
step_names+=("total"); step_times+=("$(awk -v a="$t_start" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')")
echo "setup.sh: done. Before running jupyter yourself: export PATH=$GOBIN_DIR:/usr/local/go/bin:\$PATH"
