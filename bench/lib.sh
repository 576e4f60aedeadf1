# Shell functions shared by the HTTP benchmarks (load.sh, login_storm.sh, scaleout.sh): the binary,
# wrk, a fresh seeded database, servers on 127.0.0.1:0, signing in with curl, and reading wrk's output.
# Source it from bash with `set -euo pipefail`, from the repository root. State lives in a few globals:
#
#   work        a temporary directory, removed on exit with everything below
#   bin         the claimdesk binary (BIN=… or a release build)
#   pg_base     a PostgreSQL server URL (set it before new_database to get a PostgreSQL database)
#   db_url      the database new_database made (exported as DATABASE_URL), backend its name
#   base        the address of the server start_server started last, server_pid its process
#   jar         the curl cookie jar that fetch uses; cookie the Cookie header sign_in read from it
#   duration, threads, connections   wrk's settings (run_wrk)
#
# On exit every server started here is stopped and the PostgreSQL database dropped.

# The seeded members' sign-in (src/devseed.rs: SEED_PASSWORD, team "Load Desk").
SEED_EMAIL="reviewer1@loaddesk.seed.example.org"
SEED_PASSWORD="seeded members share this long password"

work=$(mktemp -d)
jar="$work/cookies"
server_pids=()
pg_db=""
pg_base=${pg_base:-}

bench_cleanup() {
  local pid
  for pid in "${server_pids[@]+"${server_pids[@]}"}"; do
    if kill -0 "$pid" 2> /dev/null; then
      kill "$pid" 2> /dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2> /dev/null || true
    fi
  done
  if [ -n "$pg_db" ]; then
    psql "$pg_base" -qc "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" > /dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# wrk from apt-get when it is missing.
ensure_wrk() {
  if ! command -v wrk > /dev/null; then
    echo "wrk not found; installing it with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
  fi
}

# BIN=target/debug/claimdesk skips the release build (the CI smoke runs use the test build).
ensure_bin() {
  bin=${BIN:-target/release/claimdesk}
  [ -n "${BIN:-}" ] || cargo build --release --quiet
}

# A fresh SQLite file, or a new PostgreSQL database next to the one named by $pg_base (NAME is its
# prefix; the process id makes it unique). Sets db_url, backend and exports DATABASE_URL.
new_database() { # [NAME]
  if [ -n "$pg_base" ]; then
    pg_db="${1:-claimdesk_load}_$$"
    psql "$pg_base" -qc "CREATE DATABASE \"$pg_db\"" > /dev/null
    # Replace the database name (the path after the host) and keep any ?query.
    db_url=$(printf '%s' "$pg_base" | sed -E "s#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\1/$pg_db#")
    backend="PostgreSQL"
  else
    db_url="$work/load.db"
    backend="SQLite"
  fi
  export DATABASE_URL="$db_url"
}

# `claimdesk dev seed --claims N` into $DATABASE_URL; reports the time on stderr.
seed_database() { # N
  local seed_start
  seed_start=$(date +%s)
  timeout 3600 "$bin" dev seed --claims "$1" > "$work/seed.log" 2>&1 ||
    { cat "$work/seed.log" >&2; exit 1; }
  echo "seeded $1 claims ($backend) in $(( $(date +%s) - seed_start )) s" >&2
}

# Starts `claimdesk serve` on 127.0.0.1:0 with WORKERS workers (and any extra VAR=value settings),
# waits for its address (START_WAIT seconds, 30 by default: migrations run first). Sets base and
# server_pid; logs go to $work/server-NAME.log.
start_server() { # NAME WORKERS [VAR=value...]
  local name=$1 workers=$2
  shift 2
  local log="$work/server-$name.log"
  env "$@" CLAIMDESK_BIND=127.0.0.1:0 CLAIMDESK_WORKERS="$workers" RUST_LOG=warn,claimdesk=info \
    "$bin" serve > "$work/server-$name.out" 2> "$log" &
  server_pid=$!
  server_pids+=("$server_pid")
  base=""
  for _ in $(seq $(( ${START_WAIT:-30} * 10 ))); do
    base=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 | sed 's/listening on //') || true
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2> /dev/null || { cat "$log" >&2; echo "error: server exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$base" ] || { cat "$log" >&2; echo "error: server did not start in ${START_WAIT:-30} s" >&2; exit 1; }
  case "$base" in http://127.0.0.1:*) ;; *) echo "error: refusing non-loopback target $base" >&2; exit 1 ;; esac
}

# curl with the cookie jar, 30 s at most per call.
fetch() { curl -sS --max-time 30 -b "$jar" -c "$jar" "$@"; }

# The first csrf_token field of an HTML page on stdin.
csrf_in() { grep -o 'name="csrf_token" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }

# Signs in through BASE as a seeded member the way a browser does: the login form's CSRF token and
# pre-session cookie, then the POST. Sets cookie (every cookie in the jar, as one Cookie header).
sign_in() { # BASE [EMAIL]
  local base=$1 email=${2:-$SEED_EMAIL} csrf status
  csrf=$(fetch "$base/login" | csrf_in)
  [ -n "$csrf" ] || { echo "error: no csrf_token on /login" >&2; exit 1; }
  status=$(fetch -o /dev/null -w '%{http_code}' \
    --data-urlencode "csrf_token=$csrf" \
    --data-urlencode "email=$email" \
    --data-urlencode "password=$SEED_PASSWORD" \
    --data-urlencode "next=/claims" "$base/login")
  [ "$status" = 303 ] || [ "$status" = 302 ] || { echo "error: sign-in answered $status" >&2; exit 1; }
  # curl marks HttpOnly cookies with a #HttpOnly_ prefix.
  cookie=$(awk -F'\t' '/^#HttpOnly_/ { sub(/^#HttpOnly_/, "") } /^#/ || NF < 7 { next } { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
}

# wrk's latency figure (850.00us, 12.3ms, 1.2s, 1.5m) in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN {
  if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
  else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
  else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
  else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
  else printf "?" }'; }

# One wrk run into OUT (capped at its duration plus 60 s); exits the script if wrk fails.
# WRK_THREADS / WRK_CONNECTIONS override threads / connections for one call.
wrk_run() { # OUT wrk-arguments...
  local out=$1
  shift
  timeout $(( duration + 60 )) wrk -t "${WRK_THREADS:-$threads}" -c "${WRK_CONNECTIONS:-$connections}" \
    -d "${duration}s" --timeout 10s --latency "$@" > "$out" 2>&1 ||
    { cat "$out" >&2; echo "error: wrk failed" >&2; exit 1; }
}

# A wrk run's output as "req/s p50_ms p99_ms errors". errors: non-2xx/3xx answers and socket errors
# (wrk's 10 s request timeouts among them); p99 ">D000" means no request finished within the run.
wrk_summary() { # OUT
  local out=$1 rps p50 p99 non2xx sockerr
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
  if [ "$(awk '/ requests in / { print $1 }' "$out")" = 0 ]; then p50="n/a"; p99=">${duration}000"; fi
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${sockerr:-0} ))"
}

# One wrk run: prints "req/s p50_ms p99_ms errors".
run_wrk() { # wrk-arguments...
  wrk_run "$work/wrk.out" "$@"
  wrk_summary "$work/wrk.out"
}

# A process's peak resident memory (VmHWM) in MiB.
peak_rss_mib() { # PID
  echo $(( $(awk '/^VmHWM:/ { print $2 }' "/proc/$1/status") / 1024 ))
}
