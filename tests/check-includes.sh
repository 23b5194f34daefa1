#!/usr/bin/env bash
# Fails when two files of ours include each other, counting a class's header and source as one unit
# (connection.h/.cpp includes messagerouter.h, and messagerouter.h/.cpp includes connection.h, is a pair).
# Prints the include graph of a folder with --graph FOLDER (one "from -> to" line per edge).
# Usage: tests/check-includes.sh [--graph FOLDER]      (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."

edges() { # unit -> included unit, for every #include "x.h" in the folders given
  find "$@" \( -name '*.h' -o -name '*.cpp' \) | while read -r f; do
    unit=$(basename "$f"); unit=${unit%.*}
    sed -n 's/^#include "\([^"]*\)\.h".*/\1/p' "$f" | while read -r to; do
      to=$(basename "$to")
      if [ "$to" != "$unit" ]; then echo "$unit -> $to"; fi
    done
  done | sort -u
}

if [ "${1:-}" = "--graph" ]; then
  edges "$2"
  exit 0
fi

all=$(edges core ui app)
pairs=$(echo "$all" | awk '{ e[$1" "$3] = 1 } END { for (k in e) { split(k, p, " "); if (p[1] < p[2] && ((p[2]" "p[1]) in e)) print p[1] " <-> " p[2] } }' | sort)
if [ -n "$pairs" ]; then
  echo "check-includes: these files include each other:" >&2
  echo "$pairs" >&2
  exit 1
fi
echo "check-includes: no two files include each other ($(echo "$all" | wc -l) include edges)"
