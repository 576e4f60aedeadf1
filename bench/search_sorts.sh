#!/usr/bin/env bash
# What best match costs: the same searches in the score's order and by relevance (`sort=relevance`),
# one request at a time and under load, against a server on 127.0.0.1 (2 workers).
#
#   bash bench/search_sorts.sh                        # 100k claims on SQLite, 5 s per run
#   bash bench/search_sorts.sh 1000000                # 1M claims
#   DB_FILE=/tmp/seeded.db bash bench/search_sorts.sh # an SQLite file seeded before (not changed)
#   bash bench/search_sorts.sh 100000 --postgres postgres://postgres@127.0.0.1:5432/test
#
# Environment: BIN (skip the release build), DURATION (seconds per run, 5), CONNECTIONS (16),
# WORKERS (2), QUERIES (searches separated by ';', default "602;ministry 602;ministry": the seeded
# statements' words are all common, so the rare searches are numbers: "602" is in ~760 claims of a
# million, "ministry" in a third, too many to rank).
#
# Prints one table: the search, the sort, whether the page was ranked (no "too many to rank" hint),
# then req/s and p50 / p99 ms with one connection and with CONNECTIONS.
set -euo pipefail
cd "$(dirname "$0")/.."

claims=""
pg_base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg_base=${2:?--postgres needs a URL}; shift 2 ;;
    --postgres=*) pg_base=${1#--postgres=}; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) claims=$1; shift ;;
  esac
done
claims=${claims:-100000}
duration=${DURATION:-5}
connections=${CONNECTIONS:-16}
threads=2
workers=${WORKERS:-2}
IFS=';' read -r -a queries <<< "${QUERIES:-602;ministry 602;ministry}"

. bench/lib.sh
ensure_wrk
ensure_bin
if [ -n "${DB_FILE:-}" ] && [ -z "$pg_base" ]; then
  export DATABASE_URL="sqlite://$DB_FILE"
  backend="SQLite"
  claims="(DB_FILE)"
else
  new_database claimdesk_sorts
  seed_database "$claims"
fi
START_WAIT=${START_WAIT:-600} start_server sorts "$workers"
sign_in "$base"

printf '%s claims, %s, %s server workers, %s s per run\n' "$claims" "$backend" "$workers" "$duration"
printf '%-14s %-9s %-6s | %8s %8s %8s | %8s %8s %8s\n' search sort ranked "c1 req/s" p50_ms p99_ms \
  "c$connections req/s" p50_ms p99_ms
for q in "${queries[@]}"; do
  enc=${q// /+}
  for sort in score relevance; do
    url="$base/claims?q=$enc&sort=$sort"
    page=$(fetch "$url")
    ranked=yes
    if [ "$sort" = score ]; then ranked="-"; elif grep -q 'id="unranked"' <<< "$page"; then ranked=no; fi
    one=$(WRK_THREADS=1 WRK_CONNECTIONS=1 run_wrk -H "Cookie: $cookie" "$url")
    many=$(run_wrk -H "Cookie: $cookie" "$url")
    read -r r1 p501 p991 e1 <<< "$one"
    read -r rn p50n p99n en <<< "$many"
    [ "$e1" = 0 ] && [ "$en" = 0 ] || echo "warning: $q $sort: $e1 / $en errors" >&2
    printf '%-14s %-9s %-6s | %8s %8s %8s | %8s %8s %8s\n' "$q" "$sort" "$ranked" "$r1" "$p501" "$p991" \
      "$rn" "$p50n" "$p99n"
  done
done
printf 'server peak RSS (VmHWM): %s MiB\n' "$(peak_rss_mib "$server_pid")"
