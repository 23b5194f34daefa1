#!/usr/bin/env bash
# Sets up (Debian packages, npm packages for the interop test), builds TSG Desk twice — a normal
# build and an ASan+UBSan build — and runs every test under ctest in both, plus the package test.
# Usage: tests/run-all.sh   (from anywhere; root or sudo for the package installs)
set -euo pipefail
cd "$(dirname "$0")/.."
# Where the minutes go (CI allows 40): the time since the start, after each phase.
phase() { echo "run-all: $1 done at $((SECONDS / 60)) min $((SECONDS % 60)) s"; }
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
phase "setup"

export QT_QPA_PLATFORM=offscreen
# A compiler cache, where the machine has one, makes the two builds quick to repeat; nothing else changes.
if command -v ccache >/dev/null 2>&1; then export CMAKE_CXX_COMPILER_LAUNCHER="${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}"; fi
status=0

# The written rules a compiler does not check: formatting (.clang-format) and no two files including each other.
tests/check-format.sh || status=1
tests/check-includes.sh || status=1

# ctest in build folder $1 (further arguments go to ctest): fails when a test fails, is not run or is skipped.
run_ctest() {
  local dir=$1 rc=0
  shift
  (cd "$dir" && ctest --output-on-failure --no-tests=error -j2 "$@") 2>&1 | tee "$dir/ctest-run.log" || rc=1
  if grep -Eq '\*\*\*(Not Run|Skipped)|tests did not run' "$dir/ctest-run.log"; then
    echo "run-all: tests in $dir were not run or were skipped (see above)" >&2
    rc=1
  fi
  return $rc
}
# The test names ctest registers in build folder $1.
tests_in() { (cd "$1" && ctest -N) | sed -n 's/^ *Test *#[0-9]*: //p' | sort; }

# Quicker builds, the same code: line tables only (-g1: stacks still name file and line; compiles about a quarter
# faster, objects a quarter the size) and lld (links a test about 4x faster than ld.bfd). Measured in bench/README.md.
quick=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSGDESK_PACKAGE_TEST=ON "${quick[@]}" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
cmake --build build -j2
phase "build"
run_ctest build || status=1
phase "tests in build"

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTSGDESK_SANITIZE=ON "${quick[@]}" -DCMAKE_CXX_FLAGS_DEBUG="-g1"
cmake --build build-asan -j2
phase "build-asan"
# Leaks on; full stacks (fast_unwind_on_malloc=0) so that tests/lsan.supp can match frames inside Qt and OpenSSL.
# The variables reach the child processes the tests start (tsgdesk --headless, Xvfb) too.
lsan_supp="$PWD/tests/lsan.supp"
ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 LSAN_OPTIONS="suppressions=$lsan_supp:print_suppressions=0" \
  UBSAN_OPTIONS=print_stacktrace=1 run_ctest build-asan -E 'package_deb_install' || status=1
phase "tests in build-asan"

# Both builds register the same suites; only the package test (which installs system-wide) is left out of
# the sanitizer build.
if ! diff <(tests_in build | grep -vx package_deb_install) <(tests_in build-asan); then
  echo "run-all: the two builds register different tests (< build, > build-asan)" >&2
  status=1
fi
echo "run-all: $(tests_in build | wc -l) tests in build, $(tests_in build-asan | wc -l) in build-asan"

# libFuzzer harnesses, 30 s each in CI (clang; see tests/fuzz/README.md): the corpus runs again and each harness
# explores a little; longer runs are for `tests/fuzz/run.sh 600` by hand.
tests/fuzz/run.sh 30 || status=1
phase "fuzzing"

# docs_screenshots renders every picture in docs/screenshots again: one that differs from the committed file is stale.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- docs/screenshots; then
  echo "run-all: docs/screenshots changed when the tests rendered them again; commit the new pictures:" >&2
  git diff --stat -- docs/screenshots >&2
  status=1
fi

exit $status
