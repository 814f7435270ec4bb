#!/usr/bin/env bash
# Screening throughput: Spean against the Python `re` baseline on the same generated
# corpus, in the same run, both pinned to one core, runs taken in turn.
#
# Two figures, each in ads per second per core:
#   whole process  `spean screen --input … --output …` against `baseline.py`, CPU time
#                  (user + system) of the process: start-up, reading and writing included;
#   per-ad loop    the bench binary of spean-screen (read line, screen, write row, on one
#                  thread) against the baseline's own loop (read line, match, write row),
#                  each timed inside its process: what every further ad costs.
#
# usage: bench/screen/run.sh [N_ADS] [RUNS]   (from the repository root; 100000 and 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-100000}"
RUNS="${2:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
RULES=crates/spean-screen/rules/default.toml

cargo build --release -p spean >/dev/null 2>&1
cargo bench -p spean-screen --bench throughput --no-run >/dev/null 2>&1
python3 bench/screen/generate.py "$N" "$WORK/ads.jsonl"
echo "corpus: $N ads, $(du -h "$WORK/ads.jsonl" | cut -f1); $RUNS runs of each, in turn, on core 0"

cpu_of() { # time file -> user + system seconds
    python3 -c "import sys; u, s, _ = open(sys.argv[1]).read().split(); print(float(u) + float(s))" "$1"
}

for run in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S %e" -o "$WORK/time" taskset -c 0 \
        target/release/spean screen --input "$WORK/ads.jsonl" --output "$WORK/spean.jsonl"
    cpu_of "$WORK/time" >>"$WORK/spean.process"
    /usr/bin/time -f "%U %S %e" -o "$WORK/time" taskset -c 0 \
        python3 bench/screen/baseline.py "$RULES" "$WORK/ads.jsonl" --timed \
        >"$WORK/baseline.jsonl" 2>"$WORK/baseline.loop"
    cpu_of "$WORK/time" >>"$WORK/baseline.process"
    python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['seconds'])" \
        "$WORK/baseline.loop" >>"$WORK/baseline.loops"
    taskset -c 0 cargo bench -q -p spean-screen --bench throughput -- "$WORK/ads.jsonl" \
        2>/dev/null | tail -1 >"$WORK/spean.loop"
    python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['seconds'])" \
        "$WORK/spean.loop" >>"$WORK/spean.loops"
done

python3 - "$N" "$WORK" <<'EOF'
import statistics, sys
n, work = int(sys.argv[1]), sys.argv[2]
def runs(name):
    return [float(x) for x in open(f"{work}/{name}").read().split()]
def row(label, name):
    xs = runs(name)
    med = statistics.median(xs)
    print(f"  {label:<22} {min(xs):7.3f} / {med:7.3f} / {max(xs):7.3f} s   {n / med:>12,.0f} ads/s per core")
    return med
print("whole process (CPU s min / median / max)")
a = row("spean screen", "spean.process")
b = row("python re baseline", "baseline.process")
print(f"  ratio {b / a:.1f}x")
print("per-ad loop (wall-clock s on the pinned core, min / median / max)")
c = row("spean-screen loop", "spean.loops")
d = row("python re loop", "baseline.loops")
print(f"  ratio {d / c:.1f}x")
EOF
echo "flagged by spean: $(grep -c '"flagged":true' "$WORK/spean.jsonl") of $N"
