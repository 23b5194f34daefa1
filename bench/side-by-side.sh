#!/usr/bin/env bash
# The design document's backend on Node (seed), the bare Qt WebSocket server (qt-floor) and TSG Desk, in
# one go, RUNS times, all measured by bench/server.mjs; prints medians and the ratios the goals are stated
# in. Optional: needs the shared bench folder (see bench/setup.sh); without it, says so and exits 0.
# Usage: bench/side-by-side.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/side-by-side-<date>.json)
source "$(dirname "$0")/setup.sh"
[ -n "$shared" ] || { echo "$no_shared"; exit 0; }
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for i in $(seq "$runs"); do
  echo "run $i/$runs" >&2
  # The seed rescans every file on every list (about 1.5 s each at 1,000 x 100): 30 lists give its median.
  node "$here/server.mjs" --label seed --n 30 --cmd "$seed" | tee -a "$rows"
  node "$here/server.mjs" --label qt-floor --scenario upload,floor-binary --cmd "$floor" | tee -a "$rows"
  node "$here/server.mjs" --label tsgdesk --cmd "$tsgdesk" | tee -a "$rows"
done
node "$here/summarize.mjs" "$rows"
