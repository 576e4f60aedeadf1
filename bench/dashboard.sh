#!/usr/bin/env bash
# Dashboard benchmark: the dashboard's latency over a freshly seeded desk, for its default range
# (90 days) and for a whole year (every seeded claim: the seed spreads them over the past 365 days),
# at 1 connection and at 16. With OLD_BIN, the same runs against a second binary over the same
# database in the same run, and first a check that both render the same numbers.
#
#   bash bench/dashboard.sh                      # 100k claims on SQLite
#   bash bench/dashboard.sh 1000000              # 1M claims (the target's figure)
#   OLD_BIN=/tmp/claimdesk-before bash bench/dashboard.sh 1000000
#                                                # beside a build of an earlier commit
#   bash bench/dashboard.sh 100000 --postgres postgres://postgres@127.0.0.1:5432/test
#   SMOKE=1 BIN=target/debug/claimdesk bash bench/dashboard.sh   # quick check that it works
#
# Environment: BIN (skip the release build), OLD_BIN (the binary to compare with), DURATION
# (seconds per run, default 10; SMOKE=1: 2), THREADS (wrk threads, 2), WORKERS (server workers, 2).
#
# Prints one table: range, connections, then req/s, p50, p99 and errors (wrk's 10 s timeouts among
# them) per binary, and the p50 ratio
# old / this when OLD_BIN is given. With OLD_BIN the database is seeded by OLD_BIN and measured with
# it first; then this build starts on the same file, so it runs its own newer migrations there as an
# upgrade would (the time that took is printed), and both are measured over the same claims, each
# with its own schema.
set -euo pipefail
cd "$(dirname "$0")/.."

claims=""
pg_base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg_base=${2:?--postgres needs a URL}; shift 2 ;;
    --postgres=*) pg_base=${1#--postgres=}; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) claims=$1; shift ;;
  esac
done
if [ -n "${SMOKE:-}" ]; then
  claims=${claims:-2000}; duration=${DURATION:-2}
else
  claims=${claims:-100000}; duration=${DURATION:-10}
fi
threads=${THREADS:-2}
connections=16
workers=${WORKERS:-2}
[[ "$claims" =~ ^[0-9]+$ ]] && [ "$claims" -ge 100 ] || { echo "error: claim count must be a number >= 100" >&2; exit 2; }

. bench/lib.sh
ensure_wrk
ensure_bin
# The binaries in the order they run: the old one first (it seeds), then this build.
binaries=("$bin")
labels=("this build")
if [ -n "${OLD_BIN:-}" ]; then
  binaries=("$OLD_BIN" "$bin")
  labels=("OLD_BIN" "this build")
fi
this=$(( ${#binaries[@]} - 1 ))
new_database claimdesk_dashboard
bin=${binaries[0]}
seed_database "$claims"

year_ago=$(date -u -d '365 days ago' +%F)
paths=("/dashboard" "/dashboard?from=$year_ago")
names=("90 days" "a year")

# The dashboard's tables (every number it shows), without what differs per request.
tables_of() { # FILE
  tr '\n' ' ' < "$1" | grep -o '<table[^>]*>.*</table>' | sed 's/<\/table>/&\n/g'
}

declare -A result
for b in "${!binaries[@]}"; do
  bin=${binaries[$b]}
  started=$(date +%s)
  START_WAIT=1800 start_server "dash$b" "$workers"
  [ "$b" = 0 ] || echo "${labels[$b]} started on the database in $(( $(date +%s) - started )) s (its migrations included)" >&2
  rm -f "$jar"
  sign_in "$base"
  for p in "${!paths[@]}"; do
    status=$(fetch -o "$work/dash-$b-$p.html" -w '%{http_code}' "$base${paths[$p]}")
    [ "$status" = 200 ] || { tail -n 5 "$work/server-dash$b.log" >&2; echo "error: ${paths[$p]} answered $status (${labels[$b]})" >&2; exit 1; }
    tables_of "$work/dash-$b-$p.html" > "$work/tables-$b-$p.txt"
    grep -q 'id="table-status"' "$work/tables-$b-$p.txt" ||
      { echo "error: no status table on ${paths[$p]} (${labels[$b]})" >&2; exit 1; }
    for c in 1 $connections; do
      result[$b,$p,$c]=$(WRK_CONNECTIONS=$c WRK_THREADS=$(( c < threads ? c : threads )) \
        run_wrk -H "Cookie: $cookie" "$base${paths[$p]}")
    done
  done
  peak[$b]=$(peak_rss_mib "$server_pid")
  kill "$server_pid"
  wait "$server_pid" 2> /dev/null || true
done

if [ "${#binaries[@]}" -gt 1 ]; then
  for p in "${!paths[@]}"; do
    if ! diff -q "$work/tables-0-$p.txt" "$work/tables-1-$p.txt" > /dev/null; then
      diff "$work/tables-0-$p.txt" "$work/tables-1-$p.txt" | head -n 20 >&2
      echo "error: the two binaries show different numbers for ${paths[$p]}" >&2
      exit 1
    fi
  done
  echo "both binaries show the same numbers in every table (${names[*]})" >&2
fi

echo
echo "$claims claims, $backend, $workers server workers, ${duration} s each; dashboard latency"
header=$(printf '%-9s %5s' range conn)
for b in "${!binaries[@]}"; do header+=$(printf ' | %-10s %8s %8s %8s %6s' "${labels[$b]}" req/s p50_ms p99_ms errors); done
[ "${#binaries[@]}" -gt 1 ] && header+=" | p50 old/this"
echo "$header"
for p in "${!paths[@]}"; do
  for c in 1 $connections; do
    line=$(printf '%-9s %5s' "${names[$p]}" "$c")
    for b in "${!binaries[@]}"; do
      read -r rps p50 p99 errors <<< "${result[$b,$p,$c]}"
      line+=$(printf ' | %-10s %8s %8s %8s %6s' "" "$rps" "$p50" "$p99" "$errors")
    done
    if [ "${#binaries[@]}" -gt 1 ]; then
      read -r _ old50 _ _ <<< "${result[0,$p,$c]}"
      read -r _ new50 _ _ <<< "${result[$this,$p,$c]}"
      line+=$(awk -v a="$old50" -v b="$new50" 'BEGIN { if (a ~ /^[0-9.]+$/ && b > 0) printf " | %.1fx", a / b; else printf " | n/a" }')
    fi
    echo "$line"
  done
done
for b in "${!binaries[@]}"; do echo "server peak RSS (VmHWM), ${labels[$b]}: ${peak[$b]} MiB"; done
