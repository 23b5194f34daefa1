#!/bin/bash
# Takes docs/screenshots/*.png from the real app under Xvfb, driven with xdotool like a user:
# the main window, the rejection list, an upload in progress and the settings dialog.
# usage: docs/screenshots/take.sh BUILD_DIR        (needs xvfb-run, xauth, imagemagick, xdotool, node)
set -euo pipefail
BUILD=$(realpath "${1:?usage: take.sh BUILD_DIR}")
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 1. A library filled through the real server, as a browser or agent would fill it.
mkdir "$WORK/data"
convert -size 640x400 xc:'#f3f6fa' -fill '#c62828' -draw "rectangle 40,40 600,120" "$WORK/error.png"
convert -size 320x200 gradient:'#1e5aa8'-'#dbe8f7' "$WORK/chart.png"
"$BUILD/app/tsgdesk" --headless --data-dir "$WORK/data" --port 0 > "$WORK/headless.out" 2>&1 &
SERVER=$!
for _ in $(seq 50); do grep -q 'ws://' "$WORK/headless.out" && break; sleep 0.1; done
NODE_PATH="$REPO/tests/interop/node_modules" node "$HERE/populate.mjs" "$(grep -o 'ws://[^ ]*' "$WORK/headless.out")" "$WORK"
kill -TERM $SERVER; wait $SERVER || true
python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
p = f'{work}/data/config.json'; c = json.load(open(p)); c['tsgSettings']['maxUploadSize'] = 2048; json.dump(c, open(p, 'w'), indent=2)
for i in range(16):  # 1.3 GB, so the upload lasts long enough to be seen
    os.makedirs(f'{work}/capture-2026-11-25/host-{"ab"[i % 2]}', exist_ok=True)
    with open(f'{work}/capture-2026-11-25/host-{"ab"[i % 2]}/trace-{i:02d}.log', 'wb') as f:
        f.write(os.urandom(1 << 20) * 80)
os.makedirs(f'{work}/field-notes/raw', exist_ok=True)
for name, data in [('summary.md', b'# Summary\n'), ('raw/netstat.txt', b'tcp\n'), ('raw/dump.dmp', b'x' * 5000),
                   ('installer.exe', b'MZ'), ('.DS_Store', b'\0'), ('raw/app.log', b'log\n'), ('Report.md', b'1'),
                   ('report.md', b'2'), ('raw/capture.pcapng', b'\n')]:
    open(f'{work}/field-notes/{name}', 'wb').write(data)
PY

# 2. The window, driven under Xvfb.
cat > "$WORK/drive.sh" <<SH
#!/bin/bash
export XDG_CONFIG_HOME="$WORK/config"
cd "$WORK"
"$BUILD/app/tsgdesk" --data-dir "$WORK/data" --port 0 > app.out 2>&1 &
APP=\$!
sleep 4
WIN=\$(xdotool search --name "^TSG Desk\$" | head -1)
xdotool windowfocus --sync \$WIN
import -window "\$WIN" "$HERE/main-window.png"
addFolder() {
  xdotool windowfocus --sync \$WIN
  xdotool key --window \$WIN ctrl+shift+o; xdotool keyup ctrl shift o
  FD=\$(timeout 10 xdotool search --sync --name "^Add a folder" | head -1)
  sleep 0.8
  xdotool windowfocus --sync \$FD
  xdotool key --window \$FD ctrl+a
  xdotool type --window \$FD --delay 60 "\$1"
  sleep 0.3
  xdotool key --window \$FD Return; xdotool keyup Return
}
addFolder field-notes
DLG=\$(timeout 10 xdotool search --sync --name "cannot be uploaded" | head -1)
sleep 0.8
import -window "\$DLG" "$HERE/rejected-files.png"
xdotool key --window \$DLG Escape; sleep 1
addFolder capture-2026-11-25
sleep 0.5
import -window "\$WIN" "$HERE/upload-in-progress.png"
sleep 6
xdotool windowfocus --sync \$WIN
xdotool key --window \$WIN ctrl+comma
SET=\$(timeout 10 xdotool search --sync --name "TSG Desk settings" | head -1)
sleep 0.8
import -window "\$SET" "$HERE/settings.png"
xdotool key --window \$SET Escape; sleep 0.5
kill -TERM \$APP; wait \$APP
SH
chmod +x "$WORK/drive.sh"
xvfb-run -a -s '-screen 0 1400x900x24' "$WORK/drive.sh"
ls -la "$HERE"/*.png
