#!/usr/bin/env bash
# The package test: builds the .deb from this build directory with cpack, installs it with apt-get, checks the
# installed files and that the installed server answers tsg:list over a WebSocket, then removes the package.
# Usage: deb-install-test.sh BUILD_DIR VERSION APP_ID   (root or passwordless sudo; env CPACK, PYTHON3)
set -euo pipefail
build_dir=$(cd "$1" && pwd)
version=$2
app_id=$3
here=$(cd "$(dirname "$0")" && pwd)
CPACK=${CPACK:-cpack}
PYTHON3=${PYTHON3:-python3}

step() { echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# True while the process runs (a zombie waiting to be reaped does not count).
# Whether process $1 still runs: its status can be read and it is neither a zombie (Z) nor being reaped (X). The
# status is read once: a process that exits between two reads must not look alive.
alive() {
  local state
  state=$(grep '^State:' "/proc/$1/status" 2>/dev/null) || return 1
  [[ ! $state =~ ^State:[[:space:]]*[ZX] ]]
}

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || fail "run as root or with passwordless sudo: the test installs a package"
  SUDO=(sudo -n)
fi
if dpkg-query -W -f='${Status}' tsgdesk 2>/dev/null | grep -q "install ok installed"; then
  fail "a tsgdesk package is already installed; this test installs and removes it: apt-get remove tsgdesk first"
fi

work=$(mktemp -d)
chmod 755 "$work"   # apt's _apt user reads the .deb from here
server_pid=""
installed=0
cleanup() {
  # The server writes to $work/data until it has exited: kill it and reap it before removing $work.
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "$installed" = 1 ]; then
    echo "== cleanup: apt-get remove tsgdesk"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tsgdesk >/dev/null || echo "cleanup: apt-get remove failed" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

step "cpack -G DEB (from $build_dir)"
(cd "$build_dir" && "$CPACK" -G DEB -B "$work/pkg") >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
debs=("$work"/pkg/tsgdesk_"$version"_*.deb)
[ -f "${debs[0]}" ] || { cat "$work/cpack.log"; fail "cpack made no tsgdesk_${version}_*.deb"; }
deb=${debs[0]}
chmod 644 "$deb"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[[ "$depends" == *libqt6core6* && "$depends" == *libqt6websockets6* && "$depends" == *libqt6pdfwidgets6* ]] || fail "Depends lacks the Qt 6 libraries"

step "apt-get install $(basename "$deb")"
installed=1
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log"; fail "apt-get install"; }

step "installed files"
out=$(/usr/bin/tsgdesk --version)
[ "$out" = "tsgdesk $version" ] || fail "tsgdesk --version printed '$out', not 'tsgdesk $version'"
files=(
  "/usr/share/applications/$app_id.desktop"
  "/usr/share/metainfo/$app_id.metainfo.xml"
  "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  /usr/share/man/man1/tsgdesk.1.gz
  /usr/lib/systemd/user/tsgdesk.service
)
for size in 16 32 48 64 128 256; do files+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"); done
for f in "${files[@]}"; do [ -s "$f" ] || fail "missing or empty: $f"; done
grep -qx "ExecStart=/usr/bin/tsgdesk --headless" /usr/lib/systemd/user/tsgdesk.service || fail "unit's ExecStart is not /usr/bin/tsgdesk --headless"
grep -qx "Icon=$app_id" "/usr/share/applications/$app_id.desktop" || fail "desktop entry's Icon is not $app_id"
gzip -dc /usr/share/man/man1/tsgdesk.1.gz | grep -q '^\.TH TSGDESK 1' || fail "man page is not tsgdesk(1)"
file -b /usr/share/icons/hicolor/256x256/apps/"$app_id".png | grep -q "256 x 256" || fail "256x256 icon has another size"

step "headless server, tsg:list over a WebSocket"
mkdir "$work/data"
/usr/bin/tsgdesk --headless --port 0 --data-dir "$work/data" >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 300); do
  [ -s "$work/stdout" ] && break
  alive "$server_pid" || { cat "$work/stderr"; fail "the server exited before printing its URL"; }
  sleep 0.1
done
line=$(head -n 1 "$work/stdout")
[[ "$line" =~ ^tsgdesk\ listening\ on\ (ws://127\.0\.0\.1:[0-9]+/\?token=[A-Za-z0-9_-]+)$ ]] \
  || { cat "$work/stderr"; fail "unexpected first line: '$line'"; }
url=${BASH_REMATCH[1]}
echo "server: ${url%%\?*} (token not shown)"
"$PYTHON3" - "$work/data/server.json" "$url" <<'PY' || fail "server.json does not match the printed URL"
import json, sys
info = json.load(open(sys.argv[1]))
assert info["url"] + "?token=" + info["token"] == sys.argv[2], "url/token"
assert info["url"].endswith(":%d/" % info["port"]) and isinstance(info["pid"], int), "port/pid"
PY
"$PYTHON3" "$here/ws_list.py" "$url" || fail "no tsg:list:response"

step "SIGTERM"
kill -TERM "$server_pid"
for _ in $(seq 150); do alive "$server_pid" || break; sleep 0.1; done
alive "$server_pid" && fail "the server is still running 15 s after SIGTERM"
rc=0
wait "$server_pid" || rc=$?
server_pid=""
[ "$rc" -eq 0 ] || { cat "$work/stderr"; fail "exit status $rc after SIGTERM"; }
[ "$(wc -l <"$work/stdout")" -eq 1 ] || fail "stdout has more than the one URL line"

step "apt-get remove tsgdesk"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tsgdesk >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log"; fail "apt-get remove"; }
installed=0
[ ! -e /usr/bin/tsgdesk ] || fail "/usr/bin/tsgdesk is still there after apt-get remove"
[ ! -e "/usr/share/applications/$app_id.desktop" ] || fail "the desktop entry is still there after apt-get remove"
echo "PASS: package_deb_install"
