#!/usr/bin/env bash
# The chunked binary upload path against the seed's single message and qt-floor's floor-binary, in one
# go, RUNS times; prints medians and the ratios the goals are stated in (bench/README.md).
# Usage: bench/chunked.sh [RUNS] [BUILD_DIR]      (results: bench/results/chunked-<date>.jsonl)
# NATIVE_MASK=1 runs all three with `bufferutil` in the client: ws then masks frames in C, as browsers
# do, instead of in JavaScript (which costs the client about 4 ms per MB and bounds every path here).
source "$(dirname "$0")/setup.sh"
client="$work/client"
if [ "${NATIVE_MASK:-0}" = 1 ]; then
  client="$work/client-native"
  [ -d "$client/node_modules/bufferutil" ] || { rm -rf "$client"; cp -r "$work/client" "$client"; (cd "$client" && npm install --no-audit --no-fund --loglevel=error bufferutil); }
fi
out="$here/results/chunked$([ "${NATIVE_MASK:-0}" = 1 ] && echo -native)-$(date +%Y%m%d-%H%M%S).jsonl"
for i in $(seq "$runs"); do
  echo "run $i/$runs" >&2
  node "$client/bench.mjs" --label seed --scenario upload --cmd "node $client/seed-peer.cjs --port 0 --data-dir {DATA}" | tee -a "$out"
  node "$client/bench.mjs" --label qt-floor --scenario floor-binary --cmd "$work/qt-floor/qt-floor --port 0" | tee -a "$out"
  node "$here/chunked.mjs" --client "$client" --scenario chunked,resume --cmd "$build/app/tsgdesk --headless --port 0 --data-dir {DATA}" | tee -a "$out"
done
node "$here/chunked.mjs" --client "$client" --scenario big --cmd "$build/app/tsgdesk --headless --port 0 --data-dir {DATA}" | tee -a "$out"
node - "$out" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const med = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pick = (label, sc, k) => med(rows.filter((r) => r.label === label && r.scenario === sc).map((r) => r[k]));
const seedMs = pick('seed', 'upload', 'ms'), floor = pick('qt-floor', 'floor-binary', 'mbPerS');
const ms = pick('tsgdesk', 'chunked', 'ms'), mbs = pick('tsgdesk', 'chunked', 'mbPerS');
const idle = pick('tsgdesk', 'chunked', 'serverIdleRssMb'), peak = pick('tsgdesk', 'chunked', 'serverPeakRssMb');
const serverCpu = pick('tsgdesk', 'chunked', 'serverCpuMs'), clientCpu = pick('tsgdesk', 'chunked', 'clientCpuMs');
const big = rows.find((r) => r.scenario === 'big') || {};
console.log(`seed single message: ${seedMs} ms | qt-floor floor-binary: ${floor} MB/s`);
console.log(`chunked: ${ms} ms = ${(ms / seedMs).toFixed(3)}x the seed (goal <= 0.25) | ${mbs} MB/s = ${(100 * mbs / floor).toFixed(0)}% of qt-floor (goal >= 60%)`);
console.log(`chunked CPU while uploading: server ${serverCpu} ms, client ${clientCpu} ms`);
console.log(`chunked RSS: idle ${idle} MB, peak ${peak} MB = idle + ${(peak - idle).toFixed(1)} MB (goal < idle + 64)`);
console.log(`resume: sent ${pick('tsgdesk', 'resume', 'sentOverPayload')}x the payload (goal <= 1.05)`);
console.log(`big: ${JSON.stringify(big)}`);
JS
