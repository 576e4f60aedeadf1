#!/usr/bin/env bash
# Login storm: does a burst of sign-ins (argon2id verification, 19 MiB and two passes each) slow down
# the members already at work? wrk loads the signed-in queue (/claims) twice for the same time, once
# alone (the baseline) and once while a small generator signs in RATE times a second; the same run
# compares the two.
#
#   bash bench/login_storm.sh                 # 100k claims on SQLite, 20 sign-ins/s, 30 s each phase
#   bash bench/login_storm.sh 100000 --postgres postgres://postgres@127.0.0.1:5432/test
#                                             # on PostgreSQL: creates (and drops) its own database
#   SMOKE=1 BIN=target/debug/claimdesk bash bench/login_storm.sh   # 2000 claims, 3 s phases (CI)
#
# Environment: BIN (skip the release build), DURATION (seconds per phase, default 30; SMOKE=1: 3),
# RATE (sign-ins per second, 20), CONNECTIONS (64), THREADS (2), WORKERS (server workers, 2).
#
# Each sign-in is what a browser does, on a new connection with no cookies: GET /login for the CSRF
# token and the pre-session cookie, then POST /login; it succeeds on a 303 that sets the session
# cookie. The seeded members take turns. The generator starts sign-ins on a fixed schedule (open
# loop): a slow server does not slow the storm down, the sign-ins queue up instead.
#
# Prints the queue's req/s, p50 and p99 without and with the storm, the p99 ratio (target <= 2.0x),
# and the sign-ins attempted, succeeded and their latency (GET + POST) p50 and p99.
set -euo pipefail
cd "$(dirname "$0")/.."

claims=""
pg_base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg_base=${2:?--postgres needs a URL}; shift 2 ;;
    --postgres=*) pg_base=${1#--postgres=}; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) claims=$1; shift ;;
  esac
done
if [ -n "${SMOKE:-}" ]; then
  claims=${claims:-2000}; duration=${DURATION:-3}
else
  claims=${claims:-100000}; duration=${DURATION:-30}
fi
rate=${RATE:-20}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
workers=${WORKERS:-2}
[[ "$claims" =~ ^[0-9]+$ ]] && [ "$claims" -ge 100 ] || { echo "error: claim count must be a number >= 100" >&2; exit 2; }
[[ "$rate" =~ ^[0-9]+$ ]] && [ "$rate" -ge 1 ] || { echo "error: RATE must be a whole number >= 1" >&2; exit 2; }
command -v python3 > /dev/null || { echo "error: python3 is needed for the sign-in generator" >&2; exit 1; }

. bench/lib.sh
ensure_wrk
ensure_bin
new_database claimdesk_storm
seed_database "$claims"
start_server storm "$workers"
sign_in "$base"
queue_status=$(fetch -o /dev/null -w '%{http_code}' "$base/claims")
[ "$queue_status" = 200 ] || { echo "error: /claims answered $queue_status after sign-in" >&2; exit 1; }

# The sign-in generator (Python, standard library only). Prints one line:
# "attempted succeeded p50_ms p99_ms late", then a line per kind of failure on stderr.
cat > "$work/storm.py" << 'PY'
import http.client, math, re, sys, threading, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor

base, rate, duration, password = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
emails = sys.argv[5:]
host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
csrf_re = re.compile(r'name="csrf_token" value="([^"]*)"')
lock = threading.Lock()
latencies, failures = [], {}

def cookies_of(response):
    return [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]

def sign_in(email):
    started = time.monotonic()
    try:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        conn.request("GET", "/login")
        page = conn.getresponse()
        body = page.read().decode("utf-8", "replace")
        jar = cookies_of(page)
        match = csrf_re.search(body)
        if page.status != 200 or not match:
            return "GET /login %d" % page.status
        form = urllib.parse.urlencode({"csrf_token": match.group(1), "email": email,
                                       "password": password, "next": "/claims"})
        conn.request("POST", "/login", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(jar),
            "Origin": base, "Sec-Fetch-Site": "same-origin"})
        answer = conn.getresponse()
        answer.read()
        conn.close()
        if answer.status != 303 or not any(c and not c.endswith("=") for c in cookies_of(answer)):
            return "POST /login %d" % answer.status
    except Exception as e:  # a refused or timed-out connection counts as a failed sign-in
        return type(e).__name__
    with lock:
        latencies.append((time.monotonic() - started) * 1000)
    return None

def record(future):
    failure = future.result()
    if failure:
        with lock:
            failures[failure] = failures.get(failure, 0) + 1

total = int(rate * duration)
late = 0
with ThreadPoolExecutor(max_workers=256) as pool:
    start = time.monotonic()
    for i in range(total):
        due = start + i / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        elif now - due > 0.1:
            late += 1  # the generator itself fell behind its schedule
        pool.submit(sign_in, emails[i % len(emails)]).add_done_callback(record)

def pct(values, p):
    if not values:
        return "n/a"
    values = sorted(values)  # nearest rank
    return "%.2f" % values[max(0, math.ceil(p / 100 * len(values)) - 1)]

print(total, len(latencies), pct(latencies, 50), pct(latencies, 99), late)
for kind, count in sorted(failures.items()):
    print("sign-in failure: %s x%d" % (kind, count), file=sys.stderr)
PY

# Every seeded member who can sign in (src/devseed.rs: admin1, editor1-3, reviewer1-12, viewer1-2).
emails=()
for member in admin1 editor{1..3} reviewer{1..12} viewer{1..2}; do
  emails+=("$member@loaddesk.seed.example.org")
done

echo "running wrk on /claims: $connections connections, $threads threads, ${duration} s alone, then ${duration} s with $rate sign-ins/s" >&2
baseline=$(run_wrk -H "Cookie: $cookie" "$base/claims")

python3 "$work/storm.py" "$base" "$rate" "$duration" "$SEED_PASSWORD" "${emails[@]}" \
  > "$work/storm.out" 2> "$work/storm.err" &
storm_pid=$!
stormy=$(run_wrk -H "Cookie: $cookie" "$base/claims")
wait "$storm_pid" || { cat "$work/storm.err" >&2; echo "error: the sign-in generator failed" >&2; exit 1; }
read -r attempted succeeded login_p50 login_p99 late < "$work/storm.out"
peak_mib=$(peak_rss_mib "$server_pid")

read -r base_rps base_p50 base_p99 base_errors <<< "$baseline"
read -r storm_rps storm_p50 storm_p99 storm_errors <<< "$stormy"
ratio=$(awk -v a="$storm_p99" -v b="$base_p99" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else print "?" }')
verdict=$(awk -v a="$storm_p99" -v b="$base_p99" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) print ((a / b <= 2.0) ? "met" : "missed"); else print "?" }')

echo
echo "$claims claims, $backend, $connections connections, $threads wrk threads, $workers server workers, ${duration} s each"
printf '%-30s %9s %8s %8s %7s\n' "queue /claims" req/s p50_ms p99_ms errors
printf '%-30s %9s %8s %8s %7s\n' "alone (baseline)" "$base_rps" "$base_p50" "$base_p99" "$base_errors"
printf '%-30s %9s %8s %8s %7s\n' "during $rate sign-ins/s" "$storm_rps" "$storm_p50" "$storm_p99" "$storm_errors"
echo "queue p99 with/without the storm: $ratio (target <= 2.0x: $verdict)"
printf 'sign-ins: %s attempted, %s succeeded; latency (GET + POST) p50 %s ms, p99 %s ms\n' \
  "$attempted" "$succeeded" "$login_p50" "$login_p99"
[ "$late" = 0 ] || echo "the generator started $late sign-ins more than 100 ms late"
if [ -s "$work/storm.err" ]; then cat "$work/storm.err"; fi
echo "server peak RSS (VmHWM): $peak_mib MiB"
[ "$succeeded" -gt 0 ] || { echo "error: no sign-in succeeded" >&2; exit 1; }
