#!/usr/bin/env bash
# Two builds of TSG Desk through the same scenarios, in turns (before, after, before, after, ...), so that the
# machine's drift hits both alike: bench/server.mjs's 100 MB single-message upload, tsg:list at 1,000 TSGs and
# tsg:list under an upload, and bench/chunked.mjs's 100 MB chunked upload. Prints the medians of each and the
# after/before ratios. For a change that may be slower: build the commit before it and run this.
# Usage: BEFORE=/path/to/old/build bench/before-after.sh [RUNS] [BUILD_DIR]
#        (raw results: bench/results/before-after-<date>.json)
source "$(dirname "$0")/setup.sh"
[ -x "${BEFORE:-}/app/tsgdesk" ] || { echo "bench: set BEFORE to the build folder of the commit to compare with" >&2; exit 1; }
before="$(cd "$BEFORE" && pwd)/app/tsgdesk --headless --port 0 --data-dir {DATA}"
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for i in $(seq "$runs"); do
  for side in before after; do
    cmd=$tsgdesk
    [ "$side" = before ] && cmd=$before
    echo "run $i/$runs: $side" >&2
    node "$here/server.mjs" --label "$side" --scenario upload,list,list-under-upload --cmd "$cmd" | tee -a "$rows"
    node "$here/chunked.mjs" --label "$side" --scenario chunked --cmd "$cmd" | tee -a "$rows"
  done
done
node - "$rows" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const med = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const pick = (label, scenario, key) => med(rows.filter((r) => r.label === label && r.scenario === scenario).map((r) => r[key]));
console.log('\nmedians (before -> after) and after / before');
for (const [scenario, key, what] of [['upload', 'ms', '100 MB single message, ms'], ['upload', 'serverPeakRssMb', '100 MB single message, server peak RSS MB'],
  ['chunked', 'ms', '100 MB chunked, ms'], ['list', 'p50', 'tsg:list p50 at 1,000 TSGs, ms'], ['list', 'p99', 'tsg:list p99 at 1,000 TSGs, ms'],
  ['list-under-upload', 'p50', 'tsg:list p50 under a 100 MB upload, ms'], ['list-under-upload', 'p99', 'tsg:list p99 under a 100 MB upload, ms']]) {
  const b = pick('before', scenario, key), a = pick('after', scenario, key);
  console.log(`${what.padEnd(48)} ${String(b).padStart(8)} -> ${String(a).padStart(8)}   ${b && a != null ? (a / b).toFixed(3) : 'n/a'}`);
}
const errors = rows.filter((r) => r.error);
if (errors.length) { console.log(`\n${errors.length} scenario runs failed:`); errors.forEach((e) => console.log(JSON.stringify(e))); process.exitCode = 1; }
JS
