#!/usr/bin/env bash
# The MCP server (issue 17) on the search benchmark's corpus (bench/search/gen-corpus.mjs; SCALE=0.01 for a small
# one): `tsgdesk mcp`'s cold start to its initialize reply, and the search tool's round trip over stdio
# (bench/mcp/mcp.mjs). The index is built by `tsgdesk --headless` first.
# Usage: [SCALE=1] [CORPUS=DIR] [STARTS=30] [QUERY_RUNS=40] bench/mcp.sh [RUNS] [BUILD_DIR]
#        (raw results: bench/results/mcp-<date>.json; the corpus stays in $TMPDIR/tsgdesk-bench for reruns)
source "$(dirname "$0")/setup.sh"
echo "uptime before: $(uptime)"
echo "build type: $(grep -m1 '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"
search_corpus
node "$here/mcp/mcp.mjs" --corpus "$corpus" --tsgdesk "$build/app/tsgdesk" --runs "${QUERY_RUNS:-40}" --starts "${STARTS:-30}"
echo "uptime after: $(uptime)"
