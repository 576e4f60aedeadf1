#!/usr/bin/env bash
# Load benchmark: requests per second and latency of the main pages under 64 concurrent connections,
# with wrk, against a server on 127.0.0.1 (2 workers) over a freshly seeded database.
#
#   bash bench/load.sh                    # 100k claims on SQLite, 10 s per endpoint
#   bash bench/load.sh 1000000            # 1M claims (seeding takes a few minutes)
#   bash bench/load.sh 100000 --postgres postgres://postgres@127.0.0.1:5432/test
#                                         # on PostgreSQL: creates (and drops) its own database
#   SMOKE=1 BIN=target/debug/claimdesk bash bench/load.sh   # quick check that it works (CI)
#
# Environment: BIN (skip the release build), DURATION (seconds per endpoint, default 10; SMOKE=1: 2),
# CONNECTIONS (64), THREADS (2), WORKERS (server workers, 2).
#
# Prints one table: endpoint, req/s, p50 ms, p99 ms, errors (non-2xx/3xx and socket errors) and req/s
# as a ratio of /healthz in the same run; then the server's peak RSS (VmHWM) over the whole run.
# errors include wrk's 10 s request timeouts; p99 ">10000" means no request finished within the run.
set -euo pipefail
cd "$(dirname "$0")/.."

claims=""
pg_base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg_base=${2:?--postgres needs a URL}; shift 2 ;;
    --postgres=*) pg_base=${1#--postgres=}; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
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

if ! command -v wrk > /dev/null; then
  echo "wrk not found; installing it with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
fi

# BIN=target/debug/claimdesk skips the release build (the CI smoke run uses the test build).
bin=${BIN:-target/release/claimdesk}
[ -n "${BIN:-}" ] || cargo build --release --quiet

work=$(mktemp -d)
server_pid=""
pg_db=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then
    kill "$server_pid" 2> /dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2> /dev/null || true
  fi
  if [ -n "$pg_db" ]; then
    psql "$pg_base" -qc "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" > /dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The database: a fresh SQLite file, or a new PostgreSQL database next to the one named by --postgres.
if [ -n "$pg_base" ]; then
  pg_db="claimdesk_load_$$"
  psql "$pg_base" -qc "CREATE DATABASE \"$pg_db\"" > /dev/null
  # Replace the database name (the path after the host) and keep any ?query.
  db_url=$(printf '%s' "$pg_base" | sed -E "s#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\1/$pg_db#")
  backend="PostgreSQL"
else
  db_url="$work/load.db"
  backend="SQLite"
fi
export DATABASE_URL="$db_url"

seed_start=$(date +%s)
timeout 3600 "$bin" dev seed --claims "$claims" > "$work/seed.log" 2>&1 ||
  { cat "$work/seed.log" >&2; exit 1; }
echo "seeded $claims claims ($backend) in $(( $(date +%s) - seed_start )) s" >&2

CLAIMDESK_BIND=127.0.0.1:0 CLAIMDESK_WORKERS=$workers RUST_LOG=warn,claimdesk=info \
  "$bin" serve > "$work/server.out" 2> "$work/server.log" &
server_pid=$!
base=""
for _ in $(seq 300); do
  base=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -n1 | sed 's/listening on //') || true
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2> /dev/null || { cat "$work/server.log" >&2; echo "error: server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/server.log" >&2; echo "error: server did not start in 30 s" >&2; exit 1; }
case "$base" in http://127.0.0.1:*) ;; *) echo "error: refusing non-loopback target $base" >&2; exit 1 ;; esac

# Sign in as a seeded reviewer: the login form's CSRF token and pre-session cookie, then the session.
jar="$work/cookies"
fetch() { curl -sS --max-time 30 -b "$jar" -c "$jar" "$@"; }
login_html=$(fetch "$base/login")
csrf=$(printf '%s' "$login_html" | grep -o 'name="csrf_token" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || { echo "error: no csrf_token on /login" >&2; exit 1; }
status=$(fetch -o /dev/null -w '%{http_code}' \
  --data-urlencode "csrf_token=$csrf" \
  --data-urlencode "email=reviewer1@loaddesk.seed.example.org" \
  --data-urlencode "password=seeded members share this long password" \
  --data-urlencode "next=/claims" "$base/login")
[ "$status" = 303 ] || [ "$status" = 302 ] || { echo "error: sign-in answered $status" >&2; exit 1; }
# Every cookie in the jar, as one Cookie header (curl marks HttpOnly cookies with a #HttpOnly_ prefix).
cookie=$(awk -F'\t' '/^#HttpOnly_/ { sub(/^#HttpOnly_/, "") } /^#/ || NF < 7 { next } { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
queue_status=$(fetch -o "$work/queue1.html" -w '%{http_code}' "$base/claims")
[ "$queue_status" = 200 ] || { echo "error: /claims answered $queue_status after sign-in" >&2; exit 1; }

# A deep page the way a reader reaches it: follow the queue's rel="next" link 20 times (page 21).
next_of() { grep -o 'href="[^"]*" rel="next"' "$1" | head -n1 | sed 's/^href="//; s/" rel="next"$//; s/&amp;/\&/g'; }
page_url="/claims"
deep_pages=20
for i in $(seq "$deep_pages"); do
  fetch -o "$work/page.html" "$base$page_url"
  next=$(next_of "$work/page.html")
  [ -n "$next" ] || { echo "error: no rel=next link on page $i ($page_url)" >&2; exit 1; }
  page_url=$next
done
deep_url=$page_url
# The very last page of the queue: newest first, after a cursor near the smallest id.
first_id=$(grep -o 'href="/claims/[0-9]*"' "$work/queue1.html" | head -n1 | grep -o '[0-9]*')
last_url="/claims?sort=newest&after=0_60"
last_rows=$(fetch "$base$last_url" | grep -c 'href="/claims/[0-9]*"' || true)
[ "$last_rows" -gt 0 ] || { echo "error: $last_url lists no claims" >&2; exit 1; }
# A claim in the middle of the team and its page's CSRF token (the session's, for the comment POST).
claim_id=$(( claims / 2 ))
claim_status=$(fetch -o "$work/claim.html" -w '%{http_code}' "$base/claims/$claim_id")
if [ "$claim_status" != 200 ]; then claim_id=$first_id; fetch -o "$work/claim.html" "$base/claims/$claim_id"; fi
session_csrf=$(grep -o 'name="csrf_token" value="[^"]*"' "$work/claim.html" | head -n1 | sed 's/.*value="//; s/"$//')
[ -n "$session_csrf" ] || { echo "error: no csrf_token on /claims/$claim_id" >&2; exit 1; }
search_url="/claims?q=ministry"

# One wrk run: prints "req/s p50_ms p99_ms errors".
to_ms() { awk -v v="$1" 'BEGIN {
  if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
  else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
  else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
  else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
  else printf "?" }'; }
run_wrk() {
  local out="$work/wrk.out"
  timeout $(( duration + 60 )) wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 10s --latency "$@" > "$out" 2>&1 ||
    { cat "$out" >&2; echo "error: wrk failed" >&2; exit 1; }
  local rps p50 p99 non2xx sockerr
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
  # No request finished within the run: there is no latency to report (each took over D seconds).
  if [ "$(awk '/ requests in / { print $1 }' "$out")" = 0 ]; then p50="n/a"; p99=">${duration}000"; fi
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${sockerr:-0} ))"
}

rows=()
bench() { # label, then wrk arguments
  local label=$1; shift
  local r; r=$(run_wrk "$@")
  rows+=("$label|$r")
}
echo "running wrk: $connections connections, $threads threads, ${duration} s per endpoint, server workers $workers" >&2
bench "/healthz" "$base/healthz"
bench "queue /claims" -H "Cookie: $cookie" "$base/claims"
bench "queue page $((deep_pages + 1)) (rel=next x$deep_pages)" -H "Cookie: $cookie" "$base$deep_url"
bench "queue newest, first page" -H "Cookie: $cookie" "$base/claims?sort=newest"
bench "queue newest, last page" -H "Cookie: $cookie" "$base$last_url"
bench "search ?q=ministry" -H "Cookie: $cookie" "$base$search_url"
bench "claim page /claims/$claim_id" -H "Cookie: $cookie" "$base/claims/$claim_id"
export LOAD_CLAIM=$claim_id LOAD_CSRF=$session_csrf
bench "write (comment)" -H "Cookie: $cookie" -s bench/comment.lua "$base/claims/$claim_id/comments"

# The comments were written (a redirect to /login would also count as a 3xx "success" in wrk).
fetch -o "$work/claim.html" "$base/claims/$claim_id"
grep -q 'Load test comment' "$work/claim.html" || { echo "error: the write run left no comment on claim $claim_id" >&2; exit 1; }

peak_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
healthz_rps=$(echo "${rows[0]}" | cut -d'|' -f2 | cut -d' ' -f1)

echo
echo "$claims claims, $backend, $connections connections, $threads wrk threads, $workers server workers, ${duration} s each"
printf '%-36s %9s %8s %8s %7s %9s\n' endpoint req/s p50_ms p99_ms errors vs_healthz
for row in "${rows[@]}"; do
  label=${row%%|*}
  read -r rps p50 p99 errors <<< "${row#*|}"
  ratio=$(awk -v a="$rps" -v b="$healthz_rps" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "?" }')
  printf '%-36s %9s %8s %8s %7s %9s\n' "$label" "$rps" "$p50" "$p99" "$errors" "$ratio"
done
echo "server peak RSS (VmHWM): $(( peak_kib / 1024 )) MiB"
echo "deep page: $deep_url" >&2
