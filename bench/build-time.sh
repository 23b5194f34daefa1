#!/usr/bin/env bash
# What tests/run-all.sh's build flags cost in CI's 40 minutes: a clean build (no ccache) of the libraries, the app and
# eight tests, with full debug info and ld.bfd (run-all before) and with -g1 and lld (run-all now), in turns, RUNS
# times. Prints the wall time and the summed time of compiling and of linking for each.
# Usage: bench/build-time.sh [RUNS] [BUILD_DIR]     (raw results: bench/results/build-time-<date>.json)
source "$(dirname "$0")/setup.sh"
targets=(tsgdesk tst_mainwindow tst_tsgedit tst_searchindex tst_chunkedprotocol tst_everydaywindow
  tst_appconventions tst_cleanupmessages tst_mcpsessions)
quick=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG")
for run in $(seq "$runs"); do
  for variant in full-g-bfd g1-lld; do
    dir=$work/build-time-$variant
    rm -rf "$dir"
    flags=()
    [ "$variant" = g1-lld ] && flags=("${quick[@]}")
    CCACHE_DISABLE=1 cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >/dev/null
    start=$(date +%s%N)
    CCACHE_DISABLE=1 cmake --build "$dir" -j2 --target "${targets[@]}" >/dev/null
    wall_ms=$((($(date +%s%N) - start) / 1000000))
    # .ninja_log: start and end in ms, then the output; objects are compiles, the rest (executables, archives) links.
    read -r compile_ms link_ms < <(awk -F'\t' '!/^#/ { d = $2 - $1; if ($4 ~ /\.o$/) c += d; else if ($4 !~ /autogen|timestamp|\.cpp$|\.h$/) l += d }
      END { print c, l }' "$dir/.ninja_log")
    echo "{\"run\":$run,\"variant\":\"$variant\",\"wallMs\":$wall_ms,\"compileMs\":$compile_ms,\"linkMs\":$link_ms,\"objectBytes\":$(find "$dir" -name '*.o' -printf '%s\n' | awk '{ s += $1 } END { print s }')}"
    rm -rf "$dir"
  done
done
