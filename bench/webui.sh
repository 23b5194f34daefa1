#!/usr/bin/env bash
# The browser UI (issue 18) in headless Chromium (bench/webui/webui.mjs): first paint and the TSG list from a cold
# tab on 1,000 TSGs (LOADS cold loads, default 10), the longest frame while the list loads, while a search is
# typed and while the tag filter changes, and a 100 MB upload from the page's own file input against
# bench/chunked.mjs in turns (RUNS times each, default 3). Needs /usr/bin/chromium (CHROMIUM overrides) and
# puppeteer-core in tests/interop/node_modules (npm install there).
# Usage: bench/webui.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/webui-<date>.json)
source "$(dirname "$0")/setup.sh"
[ -d "$root/tests/interop/node_modules/puppeteer-core" ] || { echo "bench: no puppeteer-core: run 'npm install' in tests/interop" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "bench: no chromium: apt-get install --no-install-recommends chromium" >&2; exit 1; }
node "$here/webui/webui.mjs" --tsgdesk "$build/app/tsgdesk" --loads "${LOADS:-10}" --uploads "$runs" --mb 100 --files 10
