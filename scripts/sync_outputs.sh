#!/bin/bash
# sync_outputs.sh — keep the outputs committed in the notebooks in step with their code.
#
# usage: scripts/sync_outputs.sh [--check] [--from DIR] [NB.ipynb...]   (default: both notebooks)
#
# Readers of the repository on GitHub see the notebooks' outputs (figures, printed results)
# without running anything, because the notebooks are committed with their outputs. This
# script executes each notebook headless (scripts/check_notebooks.sh, which fails on any error
# or stderr) on the default synthetic world (data/synthetic, made when absent, whatever
# data/real holds), normalizes the outputs and writes them into the notebook in place.
# Normalizing keeps only what does not change from run to run:
#   - progress lines, which are parenthesized, e.g. "(classification: computed in 1.2 s)",
#     and the synthetic world's "synth: ..." lines, are removed (they depend on the cache);
#   - the interactive explorers' HTML (1.4 MB, and GitHub does not run its script) is
#     replaced by a one-line note;
#   - execution timestamps are removed; the repository's path becomes "." .
#
#   --check     do not write: fail (exit 1) when a committed notebook's outputs differ from
#               a fresh run's; CI runs this
#   --from DIR  take the executed notebooks from DIR (DIR/NAME.ipynb, as check_notebooks.sh -o
#               DIR writes them) instead of executing them again
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
check=0 from=
while [ $# -gt 0 ]; do
	case $1 in
	--check) check=1; shift ;;
	--from) from=${2:?--from needs a directory}; shift 2 ;;
	-h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "sync_outputs.sh: unknown flag $1 (try --help)" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || set -- "$ROOT/notebooks/figure_2.ipynb" "$ROOT/notebooks/figure_3.ipynb"

if [ -z "$from" ]; then
	from=$(mktemp -d)
	trap 'rm -rf "$from"' EXIT
	if [ ! -f "$ROOT/data/synthetic/manifest.json" ]; then
		(cd "$ROOT" && go run ./scripts/synth)
	fi
	SMP_DATA_DIR=$ROOT/data/synthetic bash "$ROOT/scripts/check_notebooks.sh" -o "$from" "$@"
fi

status=0
for nb in "$@"; do
	name=$(basename "$nb" .ipynb)
	/usr/bin/python3 - "$nb" "$from/$name.ipynb" "$ROOT" "$check" <<'PY' || status=1
import json, re, sys
committed, executed, root, check = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
PROGRESS = re.compile(r"^(\(.*\)|synth: .*)$")
EXPLORER_NOTE = ("*The interactive explorer is left out of the committed notebook (it is 1.4 MB of "
                 "HTML and JavaScript, which GitHub does not run): run the notebook to use it.*")

def text(v):
    return "".join(v) if isinstance(v, list) else v

def lines(s):
    out = s.splitlines(keepends=True)
    return out

def normalize_outputs(outs):
    res = []
    for o in outs:
        o = json.loads(json.dumps(o).replace(root + "/", "").replace(root, "."))
        if o["output_type"] == "stream":
            kept = [l for l in text(o["text"]).splitlines(keepends=True) if not PROGRESS.match(l.rstrip("\n"))]
            if not kept:
                continue
            o["text"] = kept
        elif o["output_type"] in ("display_data", "execute_result"):
            html = text(o.get("data", {}).get("text/html", ""))
            if "smp-explorer" in html:
                o = {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": [EXPLORER_NOTE]}}
        res.append(o)
    # Merge consecutive stream outputs of the same name (progress removal can leave them split).
    merged = []
    for o in res:
        if merged and o["output_type"] == "stream" and merged[-1]["output_type"] == "stream" and merged[-1]["name"] == o["name"]:
            merged[-1]["text"] = lines(text(merged[-1]["text"]) + text(o["text"]))
        else:
            merged.append(o)
    return merged

cur = json.load(open(committed))
run = json.load(open(executed))
code = lambda nb: [text(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
if code(cur) != code(run) or len(cur["cells"]) != len(run["cells"]):
    sys.exit(f"sync_outputs: {executed} was not executed from the current {committed}")
new = json.loads(json.dumps(cur))
for c, r in zip(new["cells"], run["cells"]):  # same cells; markdown may have changed since the run
    c.get("metadata", {}).pop("execution", None)
    if c["cell_type"] == "code":
        c["outputs"] = normalize_outputs(r.get("outputs", []))
        c["execution_count"] = r.get("execution_count")
if "language_info" in run["metadata"]:
    new["metadata"]["language_info"] = run["metadata"]["language_info"]
dump = json.dumps(new, indent=1, ensure_ascii=False) + "\n"
old = open(committed).read()
if check:
    if dump != old:
        a = [json.dumps(c.get("outputs"), sort_keys=True) for c in json.loads(old)["cells"]]
        b = [json.dumps(c.get("outputs"), sort_keys=True) for c in new["cells"]]
        diff = [new["cells"][i]["id"] for i in range(min(len(a), len(b))) if a[i] != b[i]]
        print(f"FAIL {committed}: committed outputs are not current (cells {', '.join(diff) or 'metadata'}); run scripts/sync_outputs.sh")
        sys.exit(1)
    print(f"ok   {committed}: committed outputs are current")
else:
    open(committed, "w").write(dump)
    print(f"wrote {committed} ({len(dump.encode()) / 1e6:.2f} MB)")
PY
done
exit $status
