#!/usr/bin/env bash
# The parser micro-benchmark (bench/micro/bench_parse.cpp): JSON view and base64 decode of a seed-style
# 140 MB upload message, best of RUNS. Needs a build configured with -DTSGDESK_BUILD_BENCH=ON.
# Usage: bench/parse.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/parse-<date>.json)
source "$(dirname "$0")/setup.sh"
[ -x "$build/bench/bench_parse" ] || { echo "bench: build bench_parse first (-DTSGDESK_BUILD_BENCH=ON, --target bench_parse)" >&2; exit 1; }
echo "build type: $(grep -m1 '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"
"$build/bench/bench_parse" --runs "$runs"
