#!/usr/bin/env bash
# Fuzzing with cargo fuzz (libFuzzer) on stable Rust: the form and query parsers, the next= sanitizer,
# the CSV formula guard, the JSON API bodies, article uploads and the extractor (fuzz/fuzz_targets).
#
#   bash bench/fuzz.sh                       # every target, 600 s each, optimized build
#   bash bench/fuzz.sh queue_query next_path # only these
#   FUZZ_SECONDS=20 FUZZ_DEV=1 bash bench/fuzz.sh   # the CI form: a quick unoptimized build, 20 s each
#
# Environment: FUZZ_SECONDS (per target, default 600), FUZZ_DEV=1 (build without optimizations: builds
# several times faster, runs several times slower; what CI uses), FUZZ_TIMEOUT (seconds one input may
# take before it counts as a hang, default 10; 30 with FUZZ_DEV=1).
#
# cargo-fuzz is installed from crates.io when missing (`cargo install cargo-fuzz --locked`). On a
# stable toolchain the build runs with RUSTC_BOOTSTRAP=1 and `--sanitizer none` (libFuzzer's
# coverage-guided search, debug assertions and overflow checks on; no AddressSanitizer, which safe
# Rust rarely needs). With a nightly toolchain, `cargo +nightly fuzz run TARGET` adds ASan.
#
# Each target starts from its committed seeds (fuzz/corpus/TARGET/seed-*) plus what earlier runs found
# (fuzz/work/corpus/TARGET, not committed). Prints per target the inputs executed, executions per
# second, coverage and corpus size; exits non-zero if a target crashes, panics, hangs or runs out of
# memory, or leaves a new file in fuzz/artifacts/TARGET/ (each is printed with the command that
# replays it).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-600}
if [ -n "${FUZZ_DEV:-}" ]; then
  profile_flag=-D; profile_dir=debug; timeout_s=${FUZZ_TIMEOUT:-30}
else
  profile_flag=-O; profile_dir=release; timeout_s=${FUZZ_TIMEOUT:-10}
fi
all_targets=(queue_query next_path account_forms desk_forms api_json article_file csv_guard extract)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi
for t in "${targets[@]}"; do
  [ -f "fuzz/fuzz_targets/$t.rs" ] || { echo "error: no fuzz target $t (fuzz/fuzz_targets/$t.rs)" >&2; exit 2; }
done

if ! cargo fuzz --version > /dev/null 2>&1; then
  echo "cargo-fuzz not found; installing it from crates.io" >&2
  cargo install cargo-fuzz --locked --quiet
fi
# Stable toolchains: let cargo-fuzz's flags through (no -Z flag is used with --sanitizer none).
case "$(rustc --version)" in *nightly*) ;; *) export RUSTC_BOOTSTRAP=1 ;; esac

build_start=$(date +%s)
build_args=(fuzz build --sanitizer none "$profile_flag")
[ "$profile_flag" = -O ] && build_args+=(--debug-assertions)
mkdir -p fuzz/work
cargo "${build_args[@]}" > fuzz/work/build.log 2>&1 ||
  { tail -n 60 fuzz/work/build.log >&2; echo "error: cargo fuzz build failed (fuzz/work/build.log)" >&2; exit 1; }
build_seconds=$(( $(date +%s) - build_start ))
echo "built ${#all_targets[@]} fuzz targets ($profile_dir, sanitizer none) in ${build_seconds} s"

triple=$(rustc -vV | sed -n 's/^host: //p')
bin_dir="fuzz/target/$triple/$profile_dir"
failed=0
printf '%-14s %6s %12s %9s %6s %7s  %s\n' target seconds executions exec/s cov corpus result
for t in "${targets[@]}"; do
  corpus="fuzz/work/corpus/$t"
  artifacts="fuzz/artifacts/$t"
  logfile="fuzz/work/logs/$t.log"
  mkdir -p "$corpus" "$artifacts" "fuzz/work/logs"
  before=$(ls "$artifacts" | sort)
  case "$t" in article_file | extract) max_len=16384 ;; *) max_len=4096 ;; esac
  start=$(date +%s)
  set +e
  "$bin_dir/$t" "$corpus" "fuzz/corpus/$t" \
    -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" > "$logfile" 2>&1
  rc=$?
  set -e
  took=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logfile" | tail -n1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logfile" | tail -n1)
  cov=$(grep -o 'cov: [0-9]*' "$logfile" | tail -n1 | grep -o '[0-9]*' || true)
  corp=$(ls "$corpus" | wc -l)
  new=$(comm -13 <(printf '%s\n' "$before") <(ls "$artifacts" | sort) | sed '/^$/d')
  result=ok
  if [ "$rc" -ne 0 ] || [ -n "$new" ]; then
    result="FAILED (exit $rc)"
    failed=$(( failed + 1 ))
  fi
  printf '%-14s %6s %12s %9s %6s %7s  %s\n' "$t" "$took" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$corp" "$result"
  if [ "$result" != ok ]; then
    grep -m1 -A4 -E 'panicked at|ERROR: libFuzzer|==ERROR|SUMMARY' "$logfile" | sed 's/^/    /' || true
    for a in $new; do
      echo "    artifact: $artifacts/$a"
      echo "    replay:   $bin_dir/$t $artifacts/$a   (or: RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none $profile_flag $t $artifacts/$a)"
    done
    echo "    log: $logfile"
  fi
done
if [ "$failed" -gt 0 ]; then
  echo "$failed of ${#targets[@]} fuzz targets failed" >&2
  exit 1
fi
echo "all ${#targets[@]} fuzz targets ran ${seconds} s each without a crash"
