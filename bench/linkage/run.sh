#!/usr/bin/env bash
# Linkage benchmark: `spean link` beside Splink and recordlinkage, in the same run,
# on FEBRL4 and on the synthetic 100k x 100k set (and optionally 1M x 1M, spean only).
#
#   bash bench/linkage/run.sh                  FEBRL4 + synth100k, all three tools
#   DATASETS=febrl4 bash bench/linkage/run.sh  one dataset
#   PEERS="" bash bench/linkage/run.sh         spean only
#   WITH_1M=1 bash bench/linkage/run.sh        also synth 1M x 1M (spean only)
#   DATASETS=synth1m SPEAN_RUNS=1 bash ...     only the 1M set (spean only)
#   SPEAN_RUNS=3 PEER_RUNS=1 (defaults)        timed runs per configuration
#   SKIP_BUILD=1                               use target/release/spean as it is
#
# The peers' scripts, their pinned requirements, the data generator and the scorer are
# the shared ones (PEERS_DIR, default /work/shared/benchmarks/peers/linkage), so the
# peers' figures are comparable to their RESULTS.md. Every run is timed as a whole
# process by /usr/bin/time -v (wall clock, peak RSS); the median of the runs is
# reported. spean uses its defaults: generated blocking, EM without labels and the
# default threshold 0.9 - nothing is chosen by looking at the true links. The
# "spean-1to1" row adds --one-to-one (each record linked at most once).
#
# Output: $WORK/out/summary.md (WORK defaults to bench/linkage/work, gitignored).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PEERS_DIR="${PEERS_DIR:-/work/shared/benchmarks/peers/linkage}"
export LINKAGE_WORK="${LINKAGE_WORK:-$HERE/work}"
WORK="$LINKAGE_WORK"
DATASETS="${DATASETS:-febrl4 synth100k}"
PEERS="${PEERS-splink recordlinkage-ecm recordlinkage-logreg}"
SPEAN_RUNS="${SPEAN_RUNS:-3}"
PEER_RUNS="${PEER_RUNS:-1}"
mkdir -p "$WORK/out" "$WORK/logs"
cd "$WORK"
PY="$WORK/.venv/bin/python"

if [ ! -x "$PY" ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r "$PEERS_DIR/requirements.txt"
fi
[ -f data/febrl4_a.csv ] || $PY "$PEERS_DIR/make_data.py" febrl4
[ -f data/synth100k_a.csv ] || $PY "$PEERS_DIR/make_data.py" synth 100000
if [ "${WITH_1M:-0}" = 1 ]; then
  case " $DATASETS " in *" synth1m "*) ;; *) DATASETS="$DATASETS synth1m" ;; esac
fi
case " $DATASETS " in
  *" synth1m "*) [ -f data/synth1m_a.csv ] || $PY "$PEERS_DIR/make_data.py" synth 1000000 ;;
esac

# SKIP_BUILD=1 uses the release binary already built (e.g. while others hold the
# cargo lock on a shared machine).
[ "${SKIP_BUILD:-0}" = 1 ] || (cd "$REPO" && cargo build --release -p spean)
SPEAN="$REPO/target/release/spean"

FEBRL_FIELDS=(--field given_name=given_name --field surname=surname
  --field street_number=street_number --field address_1=address --field address_2=address
  --field suburb=locality --field postcode=postcode --field state=region
  --field date_of_birth=date_of_birth --field soc_sec_id=id_number)
SYNTH_FIELDS=(--field given_name=given_name --field surname=surname
  --field date_of_birth=date_of_birth --field street_number=street_number
  --field address_1=address --field suburb=locality --field postcode=postcode
  --field state=region --field phone=phone --region AU)

TIMINGS="$WORK/out/timings.tsv"
printf 'tool\tdataset\trun\twall\tmaxrss_kib\n' > "$TIMINGS"
: > "$WORK/out/metrics.jsonl"

record() {  # record TOOL DATASET RUN: append the last /usr/bin/time figures
  local wall rss
  wall=$(grep "Elapsed (wall clock)" logs/time.tmp | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" logs/time.tmp | awk '{print $NF}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" "$rss" >> "$TIMINGS"
}

run_spean() {  # run_spean TOOL DATASET EXTRA_ARGS...
  local tool=$1 ds=$2; shift 2
  local fields=("${SYNTH_FIELDS[@]}")
  [ "$ds" = febrl4 ] && fields=("${FEBRL_FIELDS[@]}")
  for i in $(seq "$SPEAN_RUNS"); do
    /usr/bin/time -v -o logs/time.tmp "$SPEAN" link "data/${ds}_a.csv" "data/${ds}_b.csv" \
      --id rec_id "${fields[@]}" --out "out/${tool}_${ds}_raw.csv" "$@" \
      > "logs/${tool}_${ds}_run$i.log" 2>&1
    record "$tool" "$ds" "$i"
  done
  # evaluate.py reads id_a,id_b; spean writes left_id,right_id,match_probability.
  sed '1s/.*/id_a,id_b,match_probability/' "out/${tool}_${ds}_raw.csv" > "out/${tool}_${ds}_links.csv"
  $PY "$PEERS_DIR/evaluate.py" "$tool" "$ds"
}

run_peer() {  # run_peer TOOL DATASET SCRIPT ARGS...
  local tool=$1 ds=$2; shift 2
  for i in $(seq "$PEER_RUNS"); do
    /usr/bin/time -v -o logs/time.tmp $PY "$@" > "logs/${tool}_${ds}_run$i.log" 2>&1
    record "$tool" "$ds" "$i"
  done
  $PY "$PEERS_DIR/evaluate.py" "$tool" "$ds"
}

for ds in $DATASETS; do
  run_spean spean "$ds"
  run_spean spean-1to1 "$ds" --one-to-one
  [ "$ds" = synth1m ] && continue
  for peer in $PEERS; do
    case $peer in
      splink) run_peer splink "$ds" "$PEERS_DIR/run_splink.py" "$ds" ;;
      recordlinkage-ecm) run_peer "$peer" "$ds" "$PEERS_DIR/run_recordlinkage.py" "$ds" ecm ;;
      recordlinkage-logreg) run_peer "$peer" "$ds" "$PEERS_DIR/run_recordlinkage.py" "$ds" logreg ;;
    esac
  done
done

$PY - "$TIMINGS" "$WORK/out/metrics.jsonl" > "$WORK/out/summary.md" <<'PYEOF'
import csv, json, statistics, sys
def secs(t):
    parts = [float(p) for p in t.split(":")]
    return sum(p * 60 ** k for k, p in enumerate(reversed(parts)))
runs = {}
for row in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    runs.setdefault((row["tool"], row["dataset"]), []).append(
        (secs(row["wall"]), int(row["maxrss_kib"]) / 1024))
metrics = {}
for line in open(sys.argv[2]):
    m = json.loads(line)
    metrics[(m["peer"], m["dataset"])] = m
print("| tool | dataset | precision | recall | F1 | links | median wall s (min-max) | peak RSS MiB | runs |")
print("|---|---|---|---|---|---|---|---|---|")
for (tool, ds), r in runs.items():
    m = metrics.get((tool, ds), {})
    walls = [w for w, _ in r]
    print(f"| {tool} | {ds} | {m.get('precision', '-')} | {m.get('recall', '-')} | "
          f"{m.get('f1', '-')} | {m.get('pred', '-')} | {statistics.median(walls):.2f} "
          f"({min(walls):.2f}-{max(walls):.2f}) | {statistics.median(x for _, x in r):.0f} | {len(r)} |")
PYEOF
cat "$WORK/out/summary.md"
