#!/usr/bin/env bash
# TSG Desk's chunked binary upload path (bench/chunked.mjs), RUNS times, and, when the shared bench
# folder is there (bench/setup.sh), the seed's single message and qt-floor's floor-binary in the same go;
# prints medians and the ratios the goals are stated in (bench/README.md).
# Usage: bench/chunked.sh [RUNS] [BUILD_DIR]      (raw results: bench/results/chunked-<date>.json)
# NATIVE_MASK=1 runs all three with `bufferutil` in the client: ws then masks frames in C, as browsers
# do, instead of in JavaScript (which costs the client about 4 ms per MB and bounds every path here).
# NATIVE_MASK=1 installs `ws` with `bufferutil` (npm) in a scratch folder once; TSGDESK_BENCH_SUFFIX marks
# its results file. BIG_MB (default 2048) sets the size of the big-file scenario.
[ "${NATIVE_MASK:-0}" = 1 ] && export TSGDESK_BENCH_SUFFIX=${TSGDESK_BENCH_SUFFIX:--native}
source "$(dirname "$0")/setup.sh"
if [ "${NATIVE_MASK:-0}" = 1 ]; then
  export WS_DIR="$work/ws-native"
  [ -d "$WS_DIR/node_modules/bufferutil" ] || { mkdir -p "$WS_DIR" && (cd "$WS_DIR" && npm install --no-audit --no-fund --loglevel=error ws@8 bufferutil@4 >&2); }
  seed="env NODE_PATH=$WS_DIR/node_modules ${seed#env NODE_PATH=* }"
fi
[ -n "$shared" ] || echo "$no_shared"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for i in $(seq "$runs"); do
  echo "run $i/$runs" >&2
  if [ -n "$shared" ]; then
    node "$here/server.mjs" --label seed --scenario upload --cmd "$seed" | tee -a "$out"
    node "$here/server.mjs" --label qt-floor --scenario floor-binary --cmd "$floor" | tee -a "$out"
  fi
  node "$here/chunked.mjs" --scenario chunked,resume --cmd "$tsgdesk" | tee -a "$out"
done
node "$here/chunked.mjs" --scenario big --big-mb "${BIG_MB:-2048}" --cmd "$tsgdesk" | tee -a "$out"
node - "$out" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const med = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const pick = (label, sc, k) => med(rows.filter((r) => r.label === label && r.scenario === sc).map((r) => r[k]));
const ms = pick('tsgdesk', 'chunked', 'ms'), mbs = pick('tsgdesk', 'chunked', 'mbPerS');
const idle = pick('tsgdesk', 'chunked', 'serverIdleRssMb'), peak = pick('tsgdesk', 'chunked', 'serverPeakRssMb');
console.log(`chunked (median of ${rows.filter((r) => r.scenario === 'chunked').length}): ${ms} ms, ${mbs} MB/s, all SHA-256 correct: ${rows.filter((r) => r.scenario === 'chunked').every((r) => r.correct)}`);
console.log(`chunked CPU while uploading: server ${pick('tsgdesk', 'chunked', 'serverCpuMs')} ms, client ${pick('tsgdesk', 'chunked', 'clientCpuMs')} ms`);
console.log(`chunked RSS: idle ${idle} MB, peak ${peak} MB = idle + ${(peak - idle).toFixed(1)} MB (goal < idle + 64)`);
console.log(`resume: sent ${pick('tsgdesk', 'resume', 'sentOverPayload')}x the payload (goal <= 1.05)`);
console.log(`big: ${JSON.stringify(rows.find((r) => r.scenario === 'big') || {})}`);
const seedMs = pick('seed', 'upload', 'ms'), floor = pick('qt-floor', 'floor-binary', 'mbPerS');
if (seedMs && floor) {
  console.log(`seed single message: ${seedMs} ms | qt-floor floor-binary: ${floor} MB/s`);
  console.log(`chunked = ${(ms / seedMs).toFixed(3)}x the seed's time (goal <= 0.25) | ${(100 * mbs / floor).toFixed(0)}% of qt-floor's MB/s (goal >= 60%)`);
}
JS
