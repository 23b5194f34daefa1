#!/usr/bin/env bash
# The full-text index (issue 15) on a generated corpus, in one run with a warm page cache (bench/search/README.md):
# the corpus is made once by bench/search/gen-corpus.mjs (1,000 TSGs x 100 files, ~205 MB; SCALE=0.01 for a small
# one), then bench/search/search.mjs measures the index build, tsg:search against rg -i -l / rg -i -n, freshness
# after tsg:upload and tsg:delete-file, and bench_gui_stall --index the window's longest stall while the index
# builds and reconciles (when built with -DTSGDESK_BUILD_BENCH=ON).
# Usage: [SCALE=1] [CORPUS=DIR] [QUERY_RUNS=40] bench/search.sh [RG_RUNS] [BUILD_DIR]
#        (raw results: bench/results/search-<date>.json; the corpus stays in $TMPDIR/tsgdesk-bench for reruns)
source "$(dirname "$0")/setup.sh"
echo "uptime before: $(uptime)"
echo "build type: $(grep -m1 '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"
search_corpus
node "$here/search/search.mjs" --corpus "$corpus" --tsgdesk "$build/app/tsgdesk" --runs "${QUERY_RUNS:-40}" --rg-runs "$runs"
echo "uptime after the server runs: $(uptime)"
bin="$build/bench/gui_stall/bench_gui_stall"
if [ -x "$bin" ]; then
  env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen "$bin" --index "$corpus" 1
else
  echo "bench: the window stall while indexing skipped: build bench_gui_stall (-DTSGDESK_BUILD_BENCH=ON)"
fi
echo "uptime after: $(uptime)"
