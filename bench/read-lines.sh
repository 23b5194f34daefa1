#!/usr/bin/env bash
# FileReader::read, as tsg:read-file runs it, of 200 lines near the end of a 100 MB log (bench/micro/
# bench_read_lines.cpp): the first read and repeated ones, RUNS runs. With BEFORE=OTHER_BUILD_DIR it runs that
# build's bench_read_lines too, in turns with this one (before, after, after, before, ...), on the same log.
# Usage: [BEFORE=old/build] bench/read-lines.sh [RUNS] [BUILD_DIR]   (raw results: bench/results/read-lines-<date>.json)
# Needs only the bench binary (not Node's ws, unlike the scripts that source setup.sh), and node for record.mjs.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -z "${TSGDESK_BENCH_RECORDING:-}" ]; then
  exec node "$here/record.mjs" "read-lines${TSGDESK_BENCH_SUFFIX:-}" bash "$0" "$@"
fi
runs=${1:-3}
build=$(cd "${2:-$here/../build}" && pwd)
after="$build/bench/bench_read_lines"
[ -x "$after" ] || { echo "bench: build bench_read_lines first (-DTSGDESK_BUILD_BENCH=ON, --target bench_read_lines)" >&2; exit 1; }
before=""
if [ -n "${BEFORE:-}" ]; then
  before="$(cd "$BEFORE" && pwd)/bench/bench_read_lines"
  [ -x "$before" ] || { echo "bench: no $before" >&2; exit 1; }
fi
dir=${TMPDIR:-/tmp}/tsgdesk-bench/read-lines
echo "build type: $(grep -m1 '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"
echo "uptime: $(uptime)"
for turn in $(seq 1 "$runs"); do
  if [ -n "$before" ] && [ $((turn % 2)) -eq 1 ]; then order="$before $after"; elif [ -n "$before" ]; then order="$after $before"; else order="$after"; fi
  for bin in $order; do
    "$bin" --runs 1 --reads 50 --dir "$dir"
  done
done
echo "uptime: $(uptime)"
