#!/usr/bin/env bash
# Installs what TSG Desk needs to build, test and package on Debian 12 (all from Debian's archive).
# Usage: packaging/install-deps.sh            (as root, or with sudo available)
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-websockets-dev qt6-svg-dev libqt6svg6 libgl-dev libssl-dev
  qt6-pdf-dev libqt6sql6-sqlite libtomlplusplus-dev
  libjs-marked node-dompurify   # the browser UI's markdown renderer and sanitiser, compiled in (build only)
  dpkg-dev file fakeroot desktop-file-utils appstream librsvg2-bin
  xvfb xauth libxcb1-dev python3 dbus-daemon
  gdb   # a hung test's stacks: Qt Test's watchdog (QTEST_FUNCTION_TIMEOUT, tests/CMakeLists.txt) runs it
  clang clang-format lld
  fonts-dejavu-core
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
