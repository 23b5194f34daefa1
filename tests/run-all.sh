#!/usr/bin/env bash
# Sets up (Debian packages, npm packages for the interop test), builds TSG Desk twice — a normal
# build and an ASan+UBSan build — and runs every test under ctest in both, plus the package test.
# Usage: tests/run-all.sh   (from anywhere; root or sudo for the package installs)
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
# Tests only: a real browser for the chunked-upload test (tests/interop/chromium.test.mjs).
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
fi
if [ -f tests/interop/package.json ]; then
  (cd tests/interop && npm install --no-audit --no-fund --loglevel=error)
fi

export QT_QPA_PLATFORM=offscreen
status=0

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSGDESK_PACKAGE_TEST=ON
cmake --build build -j2
(cd build && ctest --output-on-failure -j2) || status=1

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTSGDESK_SANITIZE=ON
cmake --build build-asan -j2
# Leaks on; full stacks (fast_unwind_on_malloc=0) so that tests/lsan.supp can match frames inside Qt and OpenSSL.
lsan_supp="$PWD/tests/lsan.supp"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 LSAN_OPTIONS="suppressions=$lsan_supp:print_suppressions=0" \
   UBSAN_OPTIONS=print_stacktrace=1 \
   ctest --output-on-failure -j2 -E 'package') || status=1

exit $status
