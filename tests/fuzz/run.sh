#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for N seconds (default 60), two at a time.
# Fails when any harness reports a finding (a crash, a sanitizer report or a failed property) or does
# not build. Findings are saved under <build>/findings/<harness>/ (crash-*, leak-*, timeout-*).
# Without clang++ it fails too (the README's test command installs clang), unless FUZZ_OPTIONAL=1 says that a
# run without the harnesses is wanted.
# Usage: tests/fuzz/run.sh [seconds]
#   env: FUZZ_BUILD (default build-fuzz), FUZZ_PARALLEL (default 2), FUZZ_OPTIONAL (default 0)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
build="${FUZZ_BUILD:-build-fuzz}"
parallel="${FUZZ_PARALLEL:-2}"
harnesses=(jsonview base64 names chunkframe config socketiocodec pollingrequest)

if ! command -v clang++ >/dev/null 2>&1; then
  echo "################################################################################" >&2
  echo "## tests/fuzz/run.sh: clang++ not found: the fuzz harnesses were NOT run.     ##" >&2
  echo "## Install clang (packaging/install-deps.sh does) to run them.                ##" >&2
  echo "################################################################################" >&2
  [ "${FUZZ_OPTIONAL:-0}" = 1 ] && exit 0
  exit 1
fi

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$parallel"

work="$(mktemp -d "${TMPDIR:-/tmp}/tsgdesk-fuzz-XXXXXX")"
trap 'rm -rf "$work"' EXIT

run_one() {
  local h="$1"
  mkdir -p "$work/$h" "$build/findings/$h"
  # New inputs go to the scratch corpus (first directory); the seed corpus is only read.
  "$build/fuzz_$h" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$h/" "$work/$h" "tests/fuzz/corpus/$h" >"$work/$h.log" 2>&1
}

declare -A pids=()
status=0
summary=()
finish() {
  local h="$1" rc=0
  wait "${pids[$h]}" || rc=$?
  local execs
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$h.log" | grep -o '[0-9]*$' | tail -1)"
  if [ "$rc" -eq 0 ]; then
    summary+=("$(printf '%-11s %12s executions in %ss: no finding' "$h" "${execs:-?}" "$seconds")")
  else
    status=1
    summary+=("$(printf '%-11s %12s executions: FINDING (exit %s), see %s/findings/%s/' "$h" "${execs:-?}" "$rc" "$build" "$h")")
    echo "---- fuzz_$h output (tail) ----" >&2
    grep -v '^#[0-9]' "$work/$h.log" | tail -40 >&2
  fi
}

running=()
for h in "${harnesses[@]}"; do
  run_one "$h" &
  pids[$h]=$!
  running+=("$h")
  if [ "${#running[@]}" -ge "$parallel" ]; then
    finish "${running[0]}"
    running=("${running[@]:1}")
  fi
done
for h in "${running[@]}"; do
  finish "$h"
done

echo "fuzz results ($seconds s per harness):"
printf '  %s\n' "${summary[@]}"
exit $status
