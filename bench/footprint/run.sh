#!/usr/bin/env bash
# Footprint benchmark of a Spean node (see docs/footprint.md).
#
# Builds the release binary, makes one SQLite node and one PostgreSQL node, loads
# CASES cases into each (default 100,000), then measures:
#   - the time from `spean serve` to the first 200 from /healthz (median of RUNS);
#   - the idle resident memory (VmRSS) after start and after the load runs;
#   - median and p99 latency under wrk of the case list: /cases (HTML, first page),
#     /api/cases (JSON), a page near the end (/cases?after=<cursor>), a search that
#     matches nothing (/cases?q=nomatch), and the home page (/, open-case count);
#   - the size of the binary.
#
# Everything listens on 127.0.0.1 only; every server started here is stopped on
# exit; every load run is bounded (wrk -d DURATION).
#
# Needs: cargo, curl, wrk, sqlite3, psql (for PostgreSQL; set PG_URL= to skip it).
#
# Environment:
#   CASES=100000        cases per node
#   RUNS=9              start-up runs (the median is reported)
#   DURATION=15s        each wrk run (after a 3 s warm-up run)
#   CONNECTIONS=8 THREADS=2
#   PORT=18480          first port (PostgreSQL node uses PORT+1)
#   PG_ADMIN=postgres://postgres@127.0.0.1:5432/postgres
#   PG_DB=spean_bench   dropped and re-created
#   PG_URL=...          default postgres://postgres@127.0.0.1:5432/$PG_DB; empty skips PG
#   WORK=DIR            where the data folders and logs go (default: a new temp dir)
#   SKIP_BUILD=1        use the binaries already in the target folder
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CASES="${CASES:-100000}"
RUNS="${RUNS:-9}"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18480}"
PG_ADMIN="${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_DB="${PG_DB:-spean_bench}"
PG_URL="${PG_URL-postgres://postgres@127.0.0.1:5432/$PG_DB}"
WORK="${WORK:-$(mktemp -d /tmp/spean-footprint.XXXXXX)}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/spean"
SEED="$TARGET/release/examples/seed_cases"
PASSWORD="footprint-bench-password"

SERVER_PID=""
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.05
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

log() { printf '== %s\n' "$*" >&2; }

# Median of the numbers on standard input.
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

kib_of() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }

# start_server DATA_DIR PORT [--database-url URL]: starts `spean serve` in the
# background (SERVER_PID) and sets STARTUP_MS to the milliseconds from launch to
# the first 200 from /healthz. Not to be called in a subshell.
STARTUP_MS=""
start_server() {
    local dir="$1" port="$2"
    shift 2
    local url="http://127.0.0.1:$port/healthz"
    local t0 t1
    t0=$(date +%s%N)
    "$BIN" serve --data-dir "$dir" --listen "127.0.0.1:$port" "$@" \
        >>"$WORK/serve-$port.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 20000); do
        if curl -fs -o /dev/null "$url" 2>/dev/null; then
            t1=$(date +%s%N)
            STARTUP_MS=$(((t1 - t0) / 1000000))
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "spean serve exited; see $WORK/serve-$port.log" >&2
            return 1
        fi
        sleep 0.002
    done
    echo "no /healthz answer within the bound; see $WORK/serve-$port.log" >&2
    return 1
}

# wrk_run URL TOKEN: prints "median_ms p99_ms requests_per_s non2xx timeouts".
# wrk leaves requests slower than --timeout out of its latency figures, so the
# bound is generous and the count of timed-out requests is reported beside them.
wrk_run() {
    local url="$1" token="$2" out
    wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --timeout 10s -H "Authorization: Bearer $token" "$url" >/dev/null
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency \
        -H "Authorization: Bearer $token" "$url")
    printf '%s\n' "$out" >>"$WORK/wrk.log"
    printf '%s\n' "$out" | awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000;
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0;
            if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000;
            return v;
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ { timeouts = $NF }
        END { printf "%.2f %.2f %.0f %d %d\n", p50, p99, rps, bad, timeouts }'
}

# bench_node NAME DATA_DIR PORT [--database-url URL]: sets up, seeds and measures one node.
bench_node() {
    local name="$1" dir="$2" port="$3"
    shift 3
    local db_url
    if [[ $# -gt 0 ]]; then db_url="$2"; else db_url="sqlite://$dir/spean.sqlite3"; fi

    log "$name: node, user and token"
    # The node flags go before the subcommand (`spean user --data-dir D add ...`).
    "$BIN" agency --data-dir "$dir" "$@" add DSI --name "DSI" --country TH >/dev/null
    printf '%s\n' "$PASSWORD" | "$BIN" user --data-dir "$dir" "$@" add bench \
        --display-name Bench --agency DSI --role investigator --password-stdin >/dev/null
    local token
    token=$("$BIN" user --data-dir "$dir" "$@" token bench | tail -n 1 | awk '{print $NF}')

    log "$name: seeding $CASES cases"
    "$SEED" "$db_url" "$CASES" 2>>"$WORK/seed-$name.log"
    # A page near the end of the list: the cursor of the 101st oldest case.
    local oldest="SELECT created_at || '_' || id FROM cases ORDER BY created_at, id LIMIT 1 OFFSET 100"
    local deep
    if [[ "$db_url" == postgres* ]]; then
        # The seeder bumps the agency's case counter once per case; a live node's
        # autovacuum would have cleaned up behind it, so do that before measuring.
        psql "$db_url" -q -c "VACUUM ANALYZE" >&2
        deep=$(psql "$db_url" -Atc "$oldest")
    else
        deep=$(sqlite3 "$dir/spean.sqlite3" "$oldest")
    fi

    log "$name: start-up, $RUNS runs after one warm-up"
    start_server "$dir" "$port" "$@"
    stop_server
    local times=()
    for _ in $(seq "$RUNS"); do
        start_server "$dir" "$port" "$@"
        times+=("$STARTUP_MS")
        stop_server
    done
    local startup
    startup=$(printf '%s\n' "${times[@]}" | median)
    log "$name: start-up ms: ${times[*]}"

    log "$name: idle memory and load"
    start_server "$dir" "$port" "$@"
    sleep 2
    local rss_start
    rss_start=$(kib_of "$SERVER_PID" VmRSS)

    local base="http://127.0.0.1:$port"
    local status
    status=$(curl -s -o "$WORK/cases-$name.html" -w '%{http_code}' \
        -H "Authorization: Bearer $token" "$base/cases")
    [[ "$status" == 200 ]] || { echo "$name: /cases answered $status" >&2; exit 1; }
    status=$(curl -s -o "$WORK/cases-$name.json" -w '%{http_code}' \
        -H "Authorization: Bearer $token" "$base/api/cases")
    [[ "$status" == 200 ]] || { echo "$name: /api/cases answered $status" >&2; exit 1; }

    local page
    for page in "/cases" "/api/cases" "/cases?after=$deep" "/cases?q=nomatch" "/"; do
        printf '%s|%s|%s\n' "$name" "$page" "$(wrk_run "$base$page" "$token")" >>"$WORK/latency"
    done
    sleep 2
    local rss_after hwm
    rss_after=$(kib_of "$SERVER_PID" VmRSS)
    hwm=$(kib_of "$SERVER_PID" VmHWM)
    stop_server

    printf '%s|%s|%s|%s|%s\n' "$name" "$startup" "$rss_start" "$rss_after" "$hwm" >>"$WORK/results"
}

cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" ]]; then
    # Two commands, the binary last: building the example turns on dev-dependency
    # features, and the measured binary must be the one `cargo build --release -p
    # spean` makes.
    log "building (release)"
    cargo build --release -p spean --example seed_cases >&2
    cargo build --release -p spean >&2
fi
mkdir -p "$WORK"
log "work folder: $WORK"
: >"$WORK/results"
: >"$WORK/latency"

bench_node sqlite "$WORK/sqlite" "$PORT"

if [[ -n "$PG_URL" ]]; then
    psql "$PG_ADMIN" -q -c "DROP DATABASE IF EXISTS $PG_DB" >&2
    psql "$PG_ADMIN" -q -c "CREATE DATABASE $PG_DB" >&2
    bench_node postgres "$WORK/postgres" "$((PORT + 1))" --database-url "$PG_URL"
fi

size=$(stat -c %s "$BIN")
strip -o "$WORK/spean.stripped" "$BIN"
stripped=$(stat -c %s "$WORK/spean.stripped")

echo
echo "Spean footprint: $CASES cases, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores"
printf 'binary: %.1f MiB (%.1f MiB stripped)\n' \
    "$(echo "$size / 1048576" | bc -l)" "$(echo "$stripped / 1048576" | bc -l)"
echo
printf '| %-8s | %-12s | %-12s | %-12s | %-12s |\n' database "start-up" "idle RSS" "RSS after" "peak RSS"
printf '| %-8s | %12s | %12s | %12s | %12s |\n' ":--" "--:" "--:" "--:" "--:"
while IFS='|' read -r name startup rss0 rss1 hwm; do
    printf '| %-8s | %12s | %12s | %12s | %12s |\n' "$name" "$startup ms" \
        "$((rss0 / 1024)) MiB" "$((rss1 / 1024)) MiB" "$((hwm / 1024)) MiB"
done <"$WORK/results"
echo
printf '| %-8s | %-40s | %9s | %9s | %8s |\n' database page "p50 ms" "p99 ms" "req/s"
printf '| %-8s | %-40s | %9s | %9s | %8s |\n' ":--" ":--" "--:" "--:" "--:"
while IFS='|' read -r name page figures; do
    read -r p50 p99 rps bad timeouts <<<"$figures"
    printf '| %-8s | %-40s | %9s | %9s | %8s |\n' "$name" "\`${page/after=*/after=<cursor>}\`" \
        "$p50" "$p99" "$rps"
    if [[ "$bad" != 0 || "$timeouts" != 0 ]]; then
        echo "  $name $page: $bad answers not 2xx/3xx, $timeouts over 10 s (not in the figures)" >&2
    fi
done <"$WORK/latency"
echo
echo "raw wrk output: $WORK/wrk.log; server logs: $WORK/serve-*.log"
