#!/usr/bin/env bash
# TSG Desk's server alone, measured by its own client (bench/server.mjs), RUNS times: a 100 MB upload in
# one tsg:upload message, tsg:list at 1,000 TSGs x 100 files, tsg:list from another process while 100 MB
# uploads, 500 connections x 10 lists. Needs only this repository and a build.
# Usage: bench/server.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/server-<date>.json)
source "$(dirname "$0")/setup.sh"
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for i in $(seq "$runs"); do
  echo "run $i/$runs" >&2
  node "$here/server.mjs" --label tsgdesk --cmd "$tsgdesk" | tee -a "$rows"
done
node "$here/summarize.mjs" "$rows"
