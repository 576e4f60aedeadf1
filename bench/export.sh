#!/usr/bin/env bash
# Export benchmark: peak memory and speed of the verdict CSV as the claim count grows, beside
# `sqlite3 -csv` selecting the same columns from the same file, in one run.
#
#   bash bench/export.sh                 # 10k and 100k claims
#   bash bench/export.sh 10000 1000000   # any sizes (1M claims take a few minutes to seed)
#   SMOKE=1 BIN=target/debug/claimdesk bash bench/export.sh   # a quick check that it works (CI)
#
# Prints one table: claims, ClaimDesk seconds (median of 3), peak RSS, sqlite3 seconds (median of 3),
# and ClaimDesk's speed as a ratio of sqlite3's.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  if [ -n "${SMOKE:-}" ]; then sizes=(2000); else sizes=(10000 100000); fi
fi
runs=3
[ -n "${SMOKE:-}" ] && runs=1
# BIN=target/debug/claimdesk skips the release build (the CI smoke run uses the test build).
bin=${BIN:-target/release/claimdesk}
[ -n "${BIN:-}" ] || cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-10s %-14s %-14s %-14s %-10s\n' claims claimdesk_s peak_rss_mib sqlite3_s ratio
for n in "${sizes[@]}"; do
  db="$work/export-$n.db"
  DATABASE_URL="$db" "$bin" dev seed --claims "$n" --team "Bench Desk" > /dev/null
  ours=(); rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" env DATABASE_URL="$db" RUST_LOG=error \
      "$bin" export --team "Bench Desk" -o "$work/out.csv" 2> /dev/null
    read -r secs kib < "$work/time"
    ours+=("$secs"); [ "$kib" -gt "$rss" ] && rss=$kib
    rm -f "$work/out.csv"
  done
  theirs=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    sqlite3 -csv "$db" "SELECT c.id, c.statement, c.surface, c.value, c.unit, c.qualifier, c.subject, c.speaker,
      a.title, a.url, a.publisher, a.published_on, c.status, v.label, v.rating, c.rationale,
      (SELECT group_concat(ci.stance || ': ' || ci.url, char(10)) FROM citations ci WHERE ci.claim_id = c.id),
      (SELECT count(*) FROM citations ci WHERE ci.claim_id = c.id),
      ua.name, up.name, ub.name, c.created_at, c.verified_at, c.published_at, c.updated_at, c.correction_note
      FROM claims c LEFT JOIN articles a ON a.id = c.article_id LEFT JOIN verdicts v ON v.id = c.verdict_id
      LEFT JOIN users ua ON ua.id = c.assignee_id LEFT JOIN users up ON up.id = c.proposed_by
      LEFT JOIN users ub ON ub.id = c.approved_by ORDER BY c.id" > "$work/theirs.csv"
    end=$(date +%s.%N)
    theirs+=("$(echo "$end - $start" | bc)")
  done
  o=$(printf '%s\n' "${ours[@]}" | median)
  t=$(printf '%s\n' "${theirs[@]}" | median)
  ratio=$(echo "scale=2; $t / $o" | bc)
  printf '%-10s %-14s %-14s %-14s %-10s\n' "$n" "$o" "$((rss / 1024))" "$t" "${ratio}x"
  rm -f "$db" "$db-wal" "$db-shm" "$work/theirs.csv"
done
echo "ratio = sqlite3 seconds / ClaimDesk seconds (above 1.0: ClaimDesk is faster)"
