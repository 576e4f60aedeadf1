#!/usr/bin/env bash
# Scaling benchmark: do signed-in pages get faster with more server workers? The queue, a claim page
# and a search, each under wrk at 64 connections, against servers with 1, 2, 4 and 8 workers (as many
# as the machine has cores) over one freshly seeded database; req/s and efficiency against one worker.
#
#   bash bench/scaling.sh                   # 100k claims on SQLite, 10 s per endpoint and worker count
#   bash bench/scaling.sh 1000000           # 1M claims
#   bash bench/scaling.sh --stock           # and, in the same run, the same code built with SQLite's
#                                           # stock flags (target/stock-sqlite), the baseline for
#                                           # .cargo/config.toml's LIBSQLITE3_FLAGS
#   bash bench/scaling.sh 100000 --postgres postgres://postgres@127.0.0.1:5432/test
#   SMOKE=1 BIN=target/debug/claimdesk bash bench/scaling.sh    # quick check that it works
#
# Environment: BIN (skip the release build), STOCK_BIN (the baseline binary, implies --stock),
# DURATION (seconds per run, default 10; SMOKE=1: 2), CONNECTIONS (64), THREADS (wrk threads, 2),
# WORKER_COUNTS (default "1 2 4 8" cut at the number of cores).
#
# Prints one table per binary: endpoint, then req/s at each worker count, then the efficiency at the
# most workers: req/s(w) / (w × req/s(1)), 100% being perfect scaling. wrk runs on the same machine,
# so on a small one it takes cores from the server: compare binaries within one run, not runs.
set -euo pipefail
cd "$(dirname "$0")/.."

claims=""
pg_base=""
stock=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg_base=${2:?--postgres needs a URL}; shift 2 ;;
    --postgres=*) pg_base=${1#--postgres=}; shift ;;
    --stock) stock=1; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
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
[[ "$claims" =~ ^[0-9]+$ ]] && [ "$claims" -ge 100 ] || { echo "error: claim count must be a number >= 100" >&2; exit 2; }
cores=$(nproc)
if [ -n "${WORKER_COUNTS:-}" ]; then
  counts=($WORKER_COUNTS)
else
  counts=()
  for w in 1 2 4 8; do [ "$w" -le "$cores" ] && counts+=("$w"); done
fi

. bench/lib.sh
ensure_wrk
ensure_bin
binaries=("$bin")
labels=("this build")
if [ -n "${STOCK_BIN:-}" ] || [ -n "$stock" ]; then
  stock_bin=${STOCK_BIN:-target/stock-sqlite/release/claimdesk}
  if [ -z "${STOCK_BIN:-}" ]; then
    echo "building the baseline with SQLite's stock flags into target/stock-sqlite" >&2
    # An empty LIBSQLITE3_FLAGS in the environment wins over .cargo/config.toml's [env].
    LIBSQLITE3_FLAGS="" cargo build --release --quiet --target-dir target/stock-sqlite
  fi
  binaries+=("$stock_bin")
  labels+=("stock SQLite flags")
fi
new_database claimdesk_scaling
seed_database "$claims"

# One claim in the middle of the team, and a word in a few statements for the search.
claim_id=$(( claims / 2 ))
search_url="/claims?q=ministry"

declare -A rps p99
for b in "${!binaries[@]}"; do
  for w in "${counts[@]}"; do
    bin=${binaries[$b]}
    start_server "scaling-$b-$w" "$w"
    rm -f "$jar"
    sign_in "$base"
    status=$(fetch -o /dev/null -w '%{http_code}' "$base/claims/$claim_id")
    [ "$status" = 200 ] || { echo "error: /claims/$claim_id answered $status" >&2; exit 1; }
    echo "${labels[$b]}: $w worker(s)" >&2
    for endpoint in queue claim search; do
      case $endpoint in
        queue) url="$base/claims" ;;
        claim) url="$base/claims/$claim_id" ;;
        search) url="$base$search_url" ;;
      esac
      read -r r _ q _ <<< "$(run_wrk -H "Cookie: $cookie" "$url")"
      rps[$b,$w,$endpoint]=$r
      p99[$b,$w,$endpoint]=$q
    done
    kill "$server_pid"
    wait "$server_pid" 2> /dev/null || true
  done
done

echo
echo "$claims claims, $backend, $connections connections, $threads wrk threads, ${duration} s each, $cores cores"
last=${counts[-1]}
for b in "${!binaries[@]}"; do
  echo
  echo "${labels[$b]} (${binaries[$b]})"
  printf '%-14s' endpoint
  for w in "${counts[@]}"; do printf ' %11s' "req/s w=$w"; done
  printf ' %12s %12s\n' "p99_ms w=$last" "efficiency"
  for endpoint in queue claim search; do
    printf '%-14s' "$endpoint"
    for w in "${counts[@]}"; do printf ' %11s' "${rps[$b,$w,$endpoint]}"; done
    eff=$(awk -v one="${rps[$b,1,$endpoint]:-0}" -v n="${rps[$b,$last,$endpoint]}" -v w="$last" \
      'BEGIN { if (one > 0) printf "%.0f%%", 100 * n / (w * one); else print "?" }')
    printf ' %12s %12s\n' "${p99[$b,$last,$endpoint]}" "$eff"
  done
done
if [ "${#binaries[@]}" -gt 1 ]; then
  echo
  echo "this build vs stock SQLite flags, req/s ratio at each worker count"
  for endpoint in queue claim search; do
    printf '%-14s' "$endpoint"
    for w in "${counts[@]}"; do
      awk -v a="${rps[0,$w,$endpoint]}" -v b="${rps[1,$w,$endpoint]}" 'BEGIN { if (b > 0) printf " %10.2fx", a / b; else printf " %11s", "?" }'
    done
    echo
  done
fi
