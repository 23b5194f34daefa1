#!/usr/bin/env node
// Medians per label and scenario from bench/server.mjs's JSON lines, and the ratios the goals are stated in.
// usage: node bench/summarize.mjs ROWS.jsonl
import fs from 'node:fs';
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const med = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const pick = (label, scenario, key) => med(rows.filter((r) => r.label === label && r.scenario === scenario).map((r) => r[key]));
const line = (k, v) => console.log(`${k.padEnd(58)} ${v}`);
const labels = [...new Set(rows.map((r) => r.label))];
for (const label of labels)
  for (const sc of [...new Set(rows.filter((r) => r.label === label).map((r) => r.scenario))]) {
    const these = rows.filter((r) => r.label === label && r.scenario === sc);
    const keys = [...new Set(these.flatMap((r) => Object.keys(r)))].filter((k) => !['label', 'scenario'].includes(k));
    line(`${label} ${sc} (median of ${these.length})`, keys.map((k) => `${k}=${pick(label, sc, k) ?? these.find((r) => k in r)[k]}`).join(' '));
  }
const r = (a, b) => (a != null && b ? (a / b).toFixed(3) : 'n/a');
console.log('\nratios and goals (medians)');
if (labels.includes('qt-floor')) line('upload time tsgdesk / qt-floor (goal <= 1.15)', r(pick('tsgdesk', 'upload', 'ms'), pick('qt-floor', 'upload', 'ms')));
if (labels.includes('seed')) {
  line('upload time tsgdesk / seed', r(pick('tsgdesk', 'upload', 'ms'), pick('seed', 'upload', 'ms')));
  line('list p50 tsgdesk / seed (goal <= 0.05)', r(pick('tsgdesk', 'list', 'p50'), pick('seed', 'list', 'p50')));
}
line('upload peak RSS tsgdesk / payload MB (goal < 6)', r(pick('tsgdesk', 'upload', 'serverPeakRssMb'), pick('tsgdesk', 'upload', 'mb')));
line('list p50, ms (goal < 5)', pick('tsgdesk', 'list', 'p50'));
line('list p99 under upload, other process, ms (goal < 25)', pick('tsgdesk', 'list-under-upload', 'p99'));
line('conns errors (goal 0)', pick('tsgdesk', 'conns', 'errors'));
