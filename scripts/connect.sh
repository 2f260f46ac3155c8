#!/bin/bash
# connect.sh — connect a GoNB kernel's Go module to this repository.
#
# The first line of every code cell of the notebooks runs it, in GoNB's temporary module
# ($GONB_TMP_DIR, with `!*`):
#
#     !*bash "${SMP_REPO:-$GONB_DIR/..}/scripts/connect.sh"
#
# It makes the repository's module importable from the kernel's module (a `require` of the
# module and a `replace` to this working tree, with the repository's go.sum, so nothing is
# looked up on the network), and writes smp_imports.go: the packages every cell uses, so that
# cells need no import block and still work after a kernel restart. It does this once per
# kernel (it returns at once when already connected) and prints nothing on success.
# A missing piece gives one line starting with "smp-go: " that says what to do.
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || exit 1
tmp=${GONB_TMP_DIR:-$PWD}
imports=$tmp/smp_imports.go
if [ -f "$imports" ] && grep -qxF "// repository: $root" "$imports"; then
	exit 0
fi
# A cell that uses functions declared by the cells above it passes --needs-cells-above. If the
# kernel is not connected yet, it is new or was restarted and those declarations are gone: the
# cell gets one line of guidance and exit status 3 (its guard then stops it before its Go code).
if [ "${1:-}" = --needs-cells-above ]; then
	echo "smp-go: this kernel has not run the cells above this one (new or restarted kernel): run them first (Run All Above), then this cell"
	exit 3
fi
if ! command -v goimports >/dev/null 2>&1; then
	echo "smp-go: goimports is not on the kernel's PATH ($PATH): run  bash $root/scripts/setup.sh  and restart the kernel"
	exit 0
fi
mod=$(go -C "$root" list -m 2>/dev/null) || { echo "smp-go: $root is not a Go module: point SMP_REPO at the smp-go repository"; exit 0; }
cp "$root/go.sum" "$tmp/go.sum" &&
	go -C "$tmp" mod edit -require="$mod@v0.0.0-00010101000000-000000000000" -replace="$mod=$root" || {
	echo "smp-go: could not connect the kernel's module in $tmp to $root"
	exit 0
}
cat >"$imports.tmp" <<GO
// Code written by scripts/connect.sh: the packages the notebooks' cells use.
// repository: $root

package main

import (
	"github.com/janpfeifer/gonb/gonbui"
	"$mod/smp"
	"$mod/smp/data"
	"$mod/smp/explore"
	"$mod/smp/figures"
	"$mod/smp/hdnet"
	"$mod/smp/notebook"
	"$mod/smp/synth"
)

var (
	_ = gonbui.DisplayMarkdown
	_ = smp.Classify
	_ = data.Load
	_ = explore.Figure2
	_ = figures.Figure2
	_ = hdnet.HDCutoff
	_ = notebook.Data
	_ = synth.ReadTruth
)
GO
mv "$imports.tmp" "$imports"
