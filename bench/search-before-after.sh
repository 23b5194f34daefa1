#!/usr/bin/env bash
# The index build and tsg:search of two builds of TSG Desk on the search corpus, in turns (before, after, before,
# after, ...), so that the machine's drift hits both alike: bench/search/search.mjs for each (QUERY_RUNS queries
# of each of its 18 queries, rg once), then the medians of each side and the after/before ratios.
# Usage: BEFORE=/path/to/old/build [SCALE=1] [QUERY_RUNS=20] bench/search-before-after.sh [RUNS] [BUILD_DIR]
#        (raw results: bench/results/search-before-after-<date>.json; make the corpus with bench/search.sh first)
source "$(dirname "$0")/setup.sh"
[ -x "${BEFORE:-}/app/tsgdesk" ] || { echo "bench: set BEFORE to the build folder of the commit to compare with" >&2; exit 1; }
corpus=${CORPUS:-$work/search-corpus-${SCALE:-1}}
[ -f "$corpus/corpus.json" ] || { echo "bench: no corpus in $corpus: run bench/search.sh once" >&2; exit 1; }
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for i in $(seq "$runs"); do
  for side in before after; do
    bin=$build/app/tsgdesk
    [ "$side" = before ] && bin=$(cd "$BEFORE" && pwd)/app/tsgdesk
    echo "run $i/$runs: $side" >&2
    node "$here/search/search.mjs" --corpus "$corpus" --tsgdesk "$bin" --runs "${QUERY_RUNS:-20}" --rg-runs 1 |
      node -e 'const side = process.argv[1]; require("readline").createInterface({ input: process.stdin })
        .on("line", (l) => { try { const o = JSON.parse(l); o.label = side; console.log(JSON.stringify(o)); } catch { console.log(l); } });' "$side" |
      tee -a "$rows"
  done
done
node - "$rows" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const med = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const of = (label, step, key, cls) => med(rows.filter((r) => r.label === label && r.step === step && (!cls || r.cls === cls)).map((r) => r[key]));
console.log('\nmedians (before -> after) and after / before');
for (const [step, key, what, cls] of [['build', 'mbPerS', 'build, MB/s of text'], ['build', 'serverCpuMs', 'build, server CPU ms'],
  ['build-memory', 'overIdleMB', 'build, peak RSS over idle, MB'], ['build', 'indexToText', 'index / text'],
  ['query', 'tsgP50', 'single words p50, ms', 'word'], ['query', 'tsgP50', 'three words p50, ms', 'three'],
  ['query', 'tsgP50', 'phrases p50, ms', 'phrase'], ['query', 'tsgP50', 'prefixes p50, ms', 'prefix'],
  ['query', 'tsgP99', 'single words p99, ms', 'word'], ['query', 'tsgP99', 'three words p99, ms', 'three'],
  ['query', 'tsgP99', 'phrases p99, ms', 'phrase'], ['query', 'tsgP99', 'prefixes p99, ms', 'prefix']]) {
  const b = of('before', step, key, cls), a = of('after', step, key, cls);
  console.log(JSON.stringify({ step: 'ratio', what, before: b, after: a, afterOverBefore: b && a ? +(a / b).toFixed(2) : null }));
}
JS
