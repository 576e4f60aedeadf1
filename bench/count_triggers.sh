#!/usr/bin/env bash
# What the per-status counters cost a bulk insert on PostgreSQL: 100k claims (a copy of a seeded
# team's claims) inserted by one INSERT … SELECT in one transaction, once with the statement-level
# counter triggers (migration 000090, what ClaimDesk runs) and once with the row-level triggers they
# replaced (that migration's down.sql, applied for the measurement inside the same database), then
# with no counter triggers at all as the floor. Each insert is rolled back; three runs each, the
# median printed.
#
#   bash bench/count_triggers.sh --postgres postgres://postgres@127.0.0.1:5432/test [N]
#
# Environment: BIN (skip the release build). Makes its own database next to the one named, and
# drops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

claims=100000
pg_base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg_base=${2:?--postgres needs a URL}; shift 2 ;;
    --postgres=*) pg_base=${1#--postgres=}; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) claims=$1; shift ;;
  esac
done
[ -n "$pg_base" ] || { echo "error: --postgres URL is required (this measures PostgreSQL)" >&2; exit 2; }

. bench/lib.sh
ensure_bin
new_database claimdesk_counts
seed_database "$claims"

migration=$(ls -d migrations/postgres/*_statement_count_triggers)
cols=$(psql "$db_url" -Atc "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
  FROM information_schema.columns WHERE table_name = 'claims' AND column_name <> 'id'
  AND is_generated = 'NEVER'")
insert="INSERT INTO claims ($cols) SELECT $cols FROM claims ORDER BY id LIMIT $claims"

# One timed insert in a transaction that is rolled back; prints milliseconds.
timed_insert() { # [SQL to run first, inside the transaction]
  psql "$db_url" -qAt -v ON_ERROR_STOP=1 <<SQL | awk '/^Time:/ { print $2 }' | tail -n1
BEGIN;
${1:-}
\\timing on
$insert;
\\timing off
ROLLBACK;
SQL
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

row_triggers=$(cat "$migration/down.sql")
no_triggers="DROP TRIGGER claim_counts_insert ON claims; DROP TRIGGER claim_counts_delete ON claims;
DROP TRIGGER claim_counts_update ON claims;"
declare -A ms
for round in 1 2 3; do
  ms[statement]+="$(timed_insert) "
  ms[row]+="$(timed_insert "$row_triggers") "
  ms[none]+="$(timed_insert "$no_triggers") "
done

echo
echo "$claims claims inserted in one transaction (INSERT … SELECT), PostgreSQL, median of 3"
printf '%-34s %10s %8s\n' "counter triggers" "ms" "vs none"
none=$(echo "${ms[none]}" | tr ' ' '\n' | grep . | median)
for kind in statement row none; do
  m=$(echo "${ms[$kind]}" | tr ' ' '\n' | grep . | median)
  ratio=$(awk -v a="$m" -v b="$none" 'BEGIN { printf "%.2fx", a / b }')
  case $kind in
    statement) label="statement-level (000090)" ;;
    row) label="row-level (before 000090)" ;;
    none) label="none (the floor)" ;;
  esac
  printf '%-34s %10.0f %8s\n' "$label" "$m" "$ratio"
done
