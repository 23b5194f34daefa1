# Sourced by every bench script; arguments [RUNS] [BUILD_DIR]. Re-runs the script under bench/record.mjs,
# which keeps its raw results in bench/results/NAME-DATE.json (date, commit, machine, load), checks that
# TSG Desk is built, and finds the optional side-by-side material: the design document's backend
# (seed-peer.cjs) and qt-floor, in $TSGDESK_SHARED_BENCH or ../shared/bench. Without it, $shared is empty
# and the comparisons are skipped with a message. Sets here, root, runs, build, work, tsgdesk, shared,
# seed and floor (server command lines for bench/server.mjs and bench/chunked.mjs).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
if [ -z "${TSGDESK_BENCH_RECORDING:-}" ]; then
  exec node "$here/record.mjs" "$(basename "$0" .sh)${TSGDESK_BENCH_SUFFIX:-}" bash "$0" "$@"
fi
runs=${1:-3}
build=$(cd "${2:-$root/build}" && pwd)
work=${TMPDIR:-/tmp}/tsgdesk-bench
mkdir -p "$work"
[ -x "$build/app/tsgdesk" ] || { echo "bench: build TSG Desk first (cmake --build $build --target tsgdesk)" >&2; exit 1; }
tsgdesk="$build/app/tsgdesk --headless --port 0 --data-dir {DATA}"
ws_modules=""
for d in "$here" "$root/tests/interop"; do
  if [ -d "$d/node_modules/ws" ]; then ws_modules=$d/node_modules; break; fi
done
[ -n "$ws_modules" ] || { echo "bench: no ws package: run 'npm install' in tests/interop (tests/run-all.sh does)" >&2; exit 1; }

shared="" seed="" floor=""
shared_dir=${TSGDESK_SHARED_BENCH:-$root/../shared/bench}
if [ -f "$shared_dir/seed-peer.cjs" ] && [ -f "$shared_dir/qt-floor/CMakeLists.txt" ]; then
  shared=$(cd "$shared_dir" && pwd)
  [ -x "$work/qt-floor/qt-floor" ] || { cmake -S "$shared/qt-floor" -B "$work/qt-floor" -G Ninja >/dev/null && cmake --build "$work/qt-floor" >/dev/null; }
  seed="env NODE_PATH=$ws_modules node $shared/seed-peer.cjs --port 0 --data-dir {DATA}"
  floor="$work/qt-floor/qt-floor --port 0"
fi
# Scripts that compare print this when $shared is empty (it also lands in the results file).
no_shared="bench: side-by-side comparisons skipped: no seed-peer.cjs and qt-floor/ in $shared_dir (set TSGDESK_SHARED_BENCH to the shared bench folder to run them)"

# The search corpus (bench/search/gen-corpus.mjs) at SCALE (default 1) in $corpus ($CORPUS overrides), made once
# and kept in $work for reruns; prints its summary. Used by search.sh and mcp.sh.
search_corpus() {
  scale=${SCALE:-1}
  corpus=${CORPUS:-$work/search-corpus-$scale}
  if [ ! -f "$corpus/corpus.json" ]; then
    rm -rf "$corpus"
    node "$here/search/gen-corpus.mjs" --out "$corpus" --scale "$scale" > "$work/corpus.json.tmp"
    mv "$work/corpus.json.tmp" "$corpus/corpus.json"
  fi
  cat "$corpus/corpus.json"
}
