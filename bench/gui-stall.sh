#!/usr/bin/env bash
# The window's longest event-loop stall (bench/gui_stall/) while a 100 MB folder drop uploads and while a
# 10,000-file TSG loads, RUNS repetitions offscreen and RUNS under Xvfb (xvfb-run). Needs a build
# configured with -DTSGDESK_BUILD_BENCH=ON.
# Usage: bench/gui-stall.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/gui-stall-<date>.json)
source "$(dirname "$0")/setup.sh"
bin="$build/bench/gui_stall/bench_gui_stall"
[ -x "$bin" ] || { echo "bench: build bench_gui_stall first (-DTSGDESK_BUILD_BENCH=ON, --target bench_gui_stall)" >&2; exit 1; }
echo "build type: $(grep -m1 '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"
env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen "$bin" "$runs"
if command -v xvfb-run >/dev/null; then
  env -u QT_QPA_PLATFORM xvfb-run -a -s '-screen 0 1400x900x24' "$bin" "$runs"
else
  echo "bench: the Xvfb runs skipped: xvfb-run is not installed"
fi
