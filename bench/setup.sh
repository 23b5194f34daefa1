# Sourced by the side-by-side scripts: arguments [RUNS] [BUILD_DIR], the shared client (npm install
# once), qt-floor (built once) and a built TSG Desk. Sets here, root, runs, build, shared, work.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=${1:-3}
build=${2:-$root/build}
shared=$(cd "$root/../shared/bench" && pwd)
work=${TMPDIR:-/tmp}/tsgdesk-bench
mkdir -p "$work" "$here/results"
[ -d "$work/client/node_modules/ws" ] || { rm -rf "$work/client"; cp -r "$shared" "$work/client"; (cd "$work/client" && npm install --no-audit --no-fund --loglevel=error); }
[ -x "$work/qt-floor/qt-floor" ] || { cmake -S "$shared/qt-floor" -B "$work/qt-floor" -G Ninja >/dev/null && cmake --build "$work/qt-floor" >/dev/null; }
[ -x "$build/app/tsgdesk" ] || { echo "build TSG Desk first (cmake --build $build)"; exit 1; }
