#!/usr/bin/env bash
# The preview's log viewer (bench/log_scroll/): the window's longest event-loop stall while a 100 MB log opens near
# its end, pages down and is dragged to random places, RUNS repetitions offscreen. Needs a build configured with
# -DTSGDESK_BUILD_BENCH=ON.
# Usage: bench/log-scroll.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/log-scroll-<date>.json)
source "$(dirname "$0")/setup.sh"
bin="$build/bench/log_scroll/bench_log_scroll"
[ -x "$bin" ] || { echo "bench: build bench_log_scroll first (-DTSGDESK_BUILD_BENCH=ON, --target bench_log_scroll)" >&2; exit 1; }
echo "build type: $(grep -m1 '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"
env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen nice -n 19 "$bin" "$runs" 100
