#!/usr/bin/env bash
# Scale-out benchmark: two claimdesk instances on one PostgreSQL database. wrk loads each instance
# alone, then both at once (two wrk processes side by side, their req/s added), for the queue and a
# claim page, with one session made through instance A (sessions live in the database, so B takes it).
#
#   bash bench/scaleout.sh                    # 100k claims, 10 s per run
#   bash bench/scaleout.sh 1000000 --postgres postgres://postgres@127.0.0.1:5432/test
#   SMOKE=1 BIN=target/debug/claimdesk bash bench/scaleout.sh   # 2000 claims, 2 s per run (CI)
#
# --postgres names the server (default postgres://postgres@127.0.0.1:5432/test); the script creates
# its own database there and drops it after.
# Environment: BIN (skip the release build), DURATION (seconds per run, default 10; SMOKE=1: 2),
# CONNECTIONS (64, in total: each of the two side-by-side wrk runs gets half), THREADS (2),
# WORKERS (server workers per instance, 2).
#
# Prints one table: for each page, instance A alone, B alone and A+B together (req/s added, p50 and
# p99 the worse of the two), and the pair's req/s as a multiple of one instance's (the mean of A and
# B alone). Every instance shares the CPU and the database server with the others on this host.
set -euo pipefail
cd "$(dirname "$0")/.."

claims=""
pg_base=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg_base=${2:?--postgres needs a URL}; shift 2 ;;
    --postgres=*) pg_base=${1#--postgres=}; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) claims=$1; shift ;;
  esac
done
if [ -n "${SMOKE:-}" ]; then
  claims=${claims:-2000}; duration=${DURATION:-2}
else
  claims=${claims:-100000}; duration=${DURATION:-10}
fi
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
workers=${WORKERS:-2}
[[ "$claims" =~ ^[0-9]+$ ]] && [ "$claims" -ge 100 ] || { echo "error: claim count must be a number >= 100" >&2; exit 2; }
[ "$connections" -ge 2 ] || { echo "error: CONNECTIONS must be at least 2" >&2; exit 2; }

. bench/lib.sh
ensure_wrk
ensure_bin
new_database claimdesk_scaleout
seed_database "$claims"
# One server key for both, as every instance sharing a database needs (two-factor secrets).
secret_key=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
start_server a "$workers" CLAIMDESK_SECRET_KEY="$secret_key"
base_a=$base pid_a=$server_pid
start_server b "$workers" CLAIMDESK_SECRET_KEY="$secret_key"
base_b=$base pid_b=$server_pid

# A session made through A, used on both.
sign_in "$base_a"
for target in "$base_a" "$base_b"; do
  status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$target/claims")
  [ "$status" = 200 ] || { echo "error: /claims on $target answered $status with A's session" >&2; exit 1; }
done
claim_id=$(( claims / 2 ))
status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base_b/claims/$claim_id")
[ "$status" = 200 ] || { echo "error: /claims/$claim_id answered $status" >&2; exit 1; }

rows=()
bench_pair() { # label, path
  local label=$1 path=$2 a b pair_a pair_b
  a=$(run_wrk -H "Cookie: $cookie" "$base_a$path")
  b=$(run_wrk -H "Cookie: $cookie" "$base_b$path")
  # Side by side, half the connections each, so the pair has the same total concurrency.
  local half=$(( connections / 2 )) half_threads=$(( threads > 1 ? threads / 2 : 1 ))
  WRK_CONNECTIONS=$half WRK_THREADS=$half_threads wrk_run "$work/wrk-a.out" -H "Cookie: $cookie" "$base_a$path" &
  local wrk_a=$!
  WRK_CONNECTIONS=$half WRK_THREADS=$half_threads wrk_run "$work/wrk-b.out" -H "Cookie: $cookie" "$base_b$path" &
  local wrk_b=$!
  wait "$wrk_a" || exit 1
  wait "$wrk_b" || exit 1
  pair_a=$(wrk_summary "$work/wrk-a.out")
  pair_b=$(wrk_summary "$work/wrk-b.out")
  rows+=("$label|A alone|$a" "$label|B alone|$b" "$label|A+B together|$(combine "$pair_a" "$pair_b")")
  scaling+=("$label|$(awk -v p="${rows[-1]##*|}" -v a="${a%% *}" -v b="${b%% *}" \
    'BEGIN { split(p, f, " "); m = (a + b) / 2; if (m > 0) printf "%.2fx", f[1] / m; else print "?" }')")
}
# Two summaries as one: req/s and errors added, p50 and p99 the larger.
combine() { # "rps p50 p99 errors" twice
  awk -v x="$1" -v y="$2" 'BEGIN {
    split(x, a, " "); split(y, b, " ")
    p50 = (a[2] + 0 > b[2] + 0) ? a[2] : b[2]; p99 = (a[3] + 0 > b[3] + 0) ? a[3] : b[3]
    if (a[2] == "n/a" || b[2] == "n/a") { p50 = "n/a"; p99 = (a[2] == "n/a") ? a[3] : b[3] }
    printf "%d %s %s %d", a[1] + b[1], p50, p99, a[4] + b[4] }'
}
scaling=()
echo "running wrk: $connections connections in total, ${duration} s per run, $workers server workers per instance" >&2
bench_pair "queue /claims" "/claims"
bench_pair "claim page /claims/$claim_id" "/claims/$claim_id"

echo
echo "$claims claims, PostgreSQL, two instances ($workers workers each), $connections connections in total, ${duration} s each"
printf '%-30s %-14s %9s %8s %8s %7s\n' endpoint instances req/s p50_ms p99_ms errors
for row in "${rows[@]}"; do
  IFS='|' read -r label setup summary <<< "$row"
  read -r rps p50 p99 errors <<< "$summary"
  printf '%-30s %-14s %9s %8s %8s %7s\n' "$label" "$setup" "$rps" "$p50" "$p99" "$errors"
done
for row in "${scaling[@]}"; do
  echo "${row%%|*}: the pair serves ${row##*|} what one instance does"
done
echo "peak RSS (VmHWM): A $(peak_rss_mib "$pid_a") MiB, B $(peak_rss_mib "$pid_b") MiB"
