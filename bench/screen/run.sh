#!/usr/bin/env bash
# Screening throughput: `spean screen` against the Python `re` baseline on the same
# generated corpus, in the same run. Reports ads per second per core, computed from
# CPU time (user + system) so that the figure does not depend on the core count.
#
# usage: bench/screen/run.sh [N_ADS]   (from the repository root; default 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-100000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release -p spean >/dev/null
python3 bench/screen/generate.py "$N" "$WORK/ads.jsonl"
echo "corpus: $N ads, $(du -h "$WORK/ads.jsonl" | cut -f1)"

measure() { # name, command...
    local name="$1"; shift
    local best=""
    for run in 1 2 3; do
        /usr/bin/time -f "%U %S %e" -o "$WORK/time" "$@" >"$WORK/out.$name" 2>/dev/null || true
        read -r user sys wall <"$WORK/time"
        cpu=$(python3 -c "print($user + $sys)")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $cpu < $best else 1)"; then
            best=$cpu; best_wall=$wall
        fi
    done
    rate=$(python3 -c "print(f'{$N / $best:,.0f}')")
    printf '%-10s cpu %6.2f s  wall %6.2f s  %12s ads/s per core\n' "$name" "$best" "$best_wall" "$rate"
    echo "$best" >"$WORK/cpu.$name"
}

measure spean taskset -c 0 target/release/spean screen --input "$WORK/ads.jsonl" --output "$WORK/spean.jsonl"
measure baseline taskset -c 0 python3 bench/screen/baseline.py crates/spean-screen/rules/default.toml "$WORK/ads.jsonl"
python3 -c "print(f'speed-up: {$(cat "$WORK/cpu.baseline")} / {$(cat "$WORK/cpu.spean")} = {$(cat "$WORK/cpu.baseline") / $(cat "$WORK/cpu.spean"):.1f}x')"
echo "flagged by spean: $(grep -c '"flagged":true' "$WORK/spean.jsonl") of $N"
