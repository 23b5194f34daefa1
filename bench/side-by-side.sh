#!/usr/bin/env bash
# Runs the shared benchmark (../shared/bench) against the design document's backend on Node (seed),
# the bare Qt WebSocket server (qt-floor) and TSG Desk, in one go, RUNS times; prints medians and ratios.
# Usage: bench/side-by-side.sh [RUNS] [BUILD_DIR]      (results: bench/results/side-by-side-<date>.jsonl)
source "$(dirname "$0")/setup.sh"
out="$here/results/side-by-side-$(date +%Y%m%d-%H%M%S).jsonl"
client="$work/client/bench.mjs"
for i in $(seq "$runs"); do
  echo "run $i/$runs" >&2
  # The seed rescans every file on every list (about 1.5 s each at 1,000 x 100): 30 lists give its median.
  node "$client" --label seed --n 30 --scenario upload,list,list-under-upload,conns --cmd "node $work/client/seed-peer.cjs --port 0 --data-dir {DATA}" | tee -a "$out"
  node "$client" --label qt-floor --scenario upload,floor-binary --cmd "$work/qt-floor/qt-floor --port 0" | tee -a "$out"
  node "$client" --label tsgdesk --scenario upload,list,list-under-upload,conns --cmd "$build/app/tsgdesk --headless --port 0 --data-dir {DATA}" | tee -a "$out"
  node "$here/list-latency.mjs" --cmd "$build/app/tsgdesk --headless --port 0 --data-dir {DATA}" --client "$work/client" | tee -a "$out"
done
node "$here/summarize.mjs" "$out"
