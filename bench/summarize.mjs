#!/usr/bin/env node
// Medians per label and scenario from side-by-side JSON lines, and the ratios the goals are stated in.
import fs from 'node:fs';
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const med = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
const pick = (label, scenario, key) => med(rows.filter((r) => r.label === label && r.scenario === scenario).map((r) => r[key]));
const line = (k, v) => console.log(`${k.padEnd(58)} ${v}`);
for (const label of ['seed', 'qt-floor', 'tsgdesk'])
  for (const sc of [...new Set(rows.filter((r) => r.label === label).map((r) => r.scenario))]) {
    const keys = Object.keys(rows.find((r) => r.label === label && r.scenario === sc)).filter((k) => !['label', 'scenario'].includes(k));
    line(`${label} ${sc}`, keys.map((k) => `${k}=${pick(label, sc, k) ?? rows.find((r) => r.label === label && r.scenario === sc)[k]}`).join(' '));
  }
const r = (a, b) => (a != null && b ? (a / b).toFixed(3) : 'n/a');
console.log('\nratios (medians)');
line('upload time tsgdesk / qt-floor (goal <= 1.15)', r(pick('tsgdesk', 'upload', 'ms'), pick('qt-floor', 'upload', 'ms')));
line('upload peak RSS tsgdesk / payload MB (goal < 6)', r(pick('tsgdesk', 'upload', 'serverPeakRssMb'), 100));
line('upload time tsgdesk / seed', r(pick('tsgdesk', 'upload', 'ms'), pick('seed', 'upload', 'ms')));
line('list p50 tsgdesk / seed (goal <= 0.05)', r(pick('tsgdesk', 'list', 'p50'), pick('seed', 'list', 'p50')));
line('list p50 without the client pause, ms (goal < 5)', pick('tsgdesk', 'list-nopause', 'p50'));
line('list p99 under upload, other process, ms (goal < 25)', pick('tsgdesk', 'list-under-upload-2proc', 'p99'));
line('conns errors (goal 0)', pick('tsgdesk', 'conns', 'errors'));
