#!/usr/bin/env bash
# Socket.IO over WebSocket (issue 19) beside the plain WebSocket on one server, in turns: tsg:list p50 on
# 1,000 TSGs x 100 files and a 10 MB tsg:upload (bench/socketio/socketio.mjs), RUNS times.
# Usage: bench/socketio.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/socketio-<date>.json)
source "$(dirname "$0")/setup.sh"
echo "uptime before: $(uptime)"
for i in $(seq "$runs"); do
  echo "run $i/$runs" >&2
  node "$here/socketio/socketio.mjs" --tsgdesk "$build/app/tsgdesk"
done
echo "uptime after: $(uptime)"
