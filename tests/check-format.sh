#!/usr/bin/env bash
# Checks that our C++ sources (every tracked *.cpp and *.h) are formatted as .clang-format says, with Debian 12's
# clang-format 14 (other versions format some constructs differently, so they are refused). Changes nothing.
# Usage: tests/check-format.sh          (CLANG_FORMAT=/path/to/clang-format-14 to pick the binary)
# Exits 0 when every file is formatted, 1 when some are not (it lists them and says how many), 2 when it cannot
# check. To format a file: clang-format -i FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format="${CLANG_FORMAT:-clang-format}"
if ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "check-format: $clang_format not found: apt-get install clang-format (Debian 12 has version 14)" >&2
  exit 2
fi
version="$("$clang_format" --version)"
if [[ ! "$version" =~ version\ 14\. ]]; then
  echo "check-format: need clang-format 14 (Debian 12), found: $version" >&2
  echo "check-format: set CLANG_FORMAT to a clang-format 14 binary" >&2
  exit 2
fi

mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${#files[@]}" -eq 0 ]; then
  echo "check-format: no *.cpp or *.h files tracked by git here" >&2
  exit 2
fi

differ=()
for f in "${files[@]}"; do
  # --dry-run -Werror: exit non-zero, and print what would change to stderr, when the file is not formatted.
  if ! "$clang_format" --style=file --dry-run -Werror "$f" >/dev/null 2>&1; then
    # Tell a file that is not formatted from one clang-format cannot read.
    if ! "$clang_format" --style=file "$f" >/dev/null 2>&1; then
      echo "check-format: clang-format failed on $f" >&2
      exit 2
    fi
    differ+=("$f")
  fi
done

if [ "${#differ[@]}" -gt 0 ]; then
  printf '  %s\n' "${differ[@]}"
  echo "check-format: ${#differ[@]} of ${#files[@]} files differ from .clang-format (clang-format -i FILE fixes one)"
  exit 1
fi
echo "check-format: all ${#files[@]} files match .clang-format"
