#!/usr/bin/env node
// The corpus of the search benchmark: a TSG Desk data folder (<out>/tsgs/<name>/ with .metadata.json and files)
// of 1,000 TSGs x 100 files, about 200 MB of text, built from real English text (Debian's /usr/share/doc READMEs,
// changelogs and copyright files, /usr/share/common-licenses) and from synthetic logs with timestamps, levels,
// hosts, components and error codes from a fixed list of 200 (Zipf-distributed: E1000 is common, E1199 rare).
// Two logs of 50 and 55 MB; about 5 % of the logs are UTF-16LE with a BOM and 5 % Latin-1. Deterministic: the
// same seed and the same Debian text give the same bytes (the source file list is sorted).
//   node bench/search/gen-corpus.mjs --out DIR [--scale 1] [--seed 15]
// --scale 0.01 makes 10 TSGs (and big logs of 1 % of the size) for development. Prints one JSON line with the
// totals (files, bytes, bytes by kind).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const out = args.out;
if (!out) { console.error('usage: gen-corpus.mjs --out DIR [--scale 1] [--seed 15]'); process.exit(2); }
const scale = Number(args.scale ?? 1);
const seed = Number(args.seed ?? 15);
const tsgCount = Math.max(2, Math.round(1000 * scale));
const filesPerTsg = 100;
const bigLogs = [{ tsg: 0, mb: 55 }, { tsg: 1, mb: 50 }]; // MB at scale 1

// mulberry32: a small seeded PRNG, so that every run makes the same corpus.
let state = seed >>> 0;
const rand = () => {
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// --- the English text pool ---------------------------------------------------------------------------------
function sourceFiles() {
  const found = [];
  const walk = (dir, depth) => {
    let entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 3) walk(p, depth + 1);
      else if (e.isFile() && /^(README.*|changelog.*\.gz|copyright)$/.test(e.name)) found.push(p);
    }
  };
  walk('/usr/share/doc', 0);
  for (const n of fs.readdirSync('/usr/share/common-licenses').sort()) found.push(path.join('/usr/share/common-licenses', n));
  return found;
}
const poolLines = [];
let poolBytes = 0;
for (const f of sourceFiles()) {
  if (poolBytes > 24 << 20) break;
  let buf;
  try { buf = fs.readFileSync(f); if (f.endsWith('.gz')) buf = zlib.gunzipSync(buf); } catch { continue; }
  if (buf.includes(0)) continue;
  let taken = 0; // at most 3,000 lines of one file, so that many packages' text is in the pool
  for (let line of buf.toString('utf8').split('\n')) {
    if (taken++ >= 3000) break;
    line = line.replace(/\s+$/, '').replace(/\t/g, '    ');
    if (!line.trim() || line.includes('\uFFFD')) continue;
    poolLines.push(line);
    poolBytes += line.length + 1;
  }
}
if (poolLines.length < 1000) { console.error('gen-corpus: too little text in /usr/share/doc'); process.exit(1); }
const words = [...new Set(poolLines.slice(0, 200000).join(' ').toLowerCase().match(/\b[a-z]{4,12}\b/g))].sort();
const passage = (lines) => { const at = int(0, poolLines.length - lines); return poolLines.slice(at, at + lines); };
const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ');

// --- the fixed vocabularies ----------------------------------------------------------------------------------
const codes = Array.from({ length: 200 }, (_, i) => `E${1000 + i}`);
// Zipf (s = 1) over the codes: rank 0 (E1000) about 17 % of the coded lines, rank 199 (E1199) about 0.08 %.
const zipfCdf = (() => {
  const w = codes.map((_, i) => 1 / (i + 1));
  const sum = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return w.map((x) => (acc += x / sum));
})();
const code = () => { const r = rand(); let i = 0; while (zipfCdf[i] < r) i++; return codes[Math.min(i, codes.length - 1)]; };
const levels = ['INFO', 'INFO', 'INFO', 'INFO', 'DEBUG', 'DEBUG', 'WARN', 'ERROR', 'ERROR', 'FATAL'];
const components = ['auth', 'vpn-gateway', 'dns-resolver', 'storage', 'scheduler', 'kubelet', 'proxy', 'ldap',
  'billing', 'mailer', 'backup', 'sshd', 'nginx', 'postgres', 'redis', 'kafka', 'ingest', 'metrics', 'tls', 'cron'];
const tags = ['vpn', 'dns', 'storage', 'network', 'auth', 'ldap', 'kubernetes', 'database', 'backup', 'email',
  'tls', 'proxy', 'billing', 'monitoring', 'linux', 'windows', 'firewall', 'sso', 'printing', 'wifi', 'disk',
  'memory', 'cpu', 'latency', 'outage', 'security', 'upgrade', 'certificates', 'cron', 'kafka'];
const latin1Words = ['café', 'Größe', 'naïve', 'Ångström', 'façade', 'señor', 'Übergröße', 'déjà'];

// --- the files -----------------------------------------------------------------------------------------------
let clock = Date.UTC(2026, 10, 1);
const logLine = () => {
  clock += int(1, 4000);
  const lvl = pick(levels);
  let msg = pick(poolLines).trim().slice(0, 140);
  if (lvl === 'ERROR' || lvl === 'FATAL' || rand() < 0.15) msg += ` code=${code()}`;
  return `${new Date(clock).toISOString()} ${lvl} host-${String(int(1, 64)).padStart(2, '0')} ${pick(components)}: ${msg}`;
};
const logText = (bytes, latin1) => {
  const lines = [];
  let n = 0;
  while (n < bytes) {
    let l = logLine();
    if (latin1 && rand() < 0.2) l += ` (${pick(latin1Words)})`;
    lines.push(l);
    n += l.length + 1;
  }
  return lines.join('\n') + '\n';
};
const markdown = (bytes, tsg) => {
  const parts = [`# ${tsg}: ${sentence(4)}`, '', `## Symptoms`, ''];
  let n = 0;
  let section = 0;
  while (n < bytes) {
    const r = rand();
    let block;
    if (r < 0.5) block = passage(int(2, 6)).map((l) => l.trim()).join(' ');
    else if (r < 0.7) block = passage(int(2, 5)).map((l) => `- ${l.trim()}`).join('\n');
    else if (r < 0.85) block = ['```', ...Array.from({ length: int(1, 4) }, logLine), '```'].join('\n');
    else block = `## ${['Cause', 'Resolution', 'Workaround', 'Background', 'Checks', 'Escalation'][section++ % 6]}`;
    parts.push(block, '');
    n += block.length + 1;
  }
  return parts.join('\n');
};
const plain = (bytes) => {
  const lines = [];
  let n = 0;
  while (n < bytes) { const p = passage(int(3, 12)); lines.push(...p, ''); n += p.join('\n').length + 1; }
  return lines.join('\n');
};
// Sizes of the small files: 150 B to 3 KB, about 900 B on average.
const smallSize = () => 150 + Math.floor(rand() * rand() * 2400 * 1.2);

const totals = { tsgs: tsgCount, files: 0, bytes: 0, byKind: { markdown: 0, text: 0, log: 0, bigLog: 0 }, utf16Logs: 0, latin1Logs: 0 };
const write = (file, data, kind) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  totals.files++;
  totals.bytes += data.length;
  totals.byKind[kind] += data.length;
};
const stamp = '2026-11-01T00:00:00.000Z';
fs.mkdirSync(path.join(out, 'tsgs'), { recursive: true });
for (let t = 0; t < tsgCount; t++) {
  const name = `tsg-${String(t).padStart(4, '0')}-${pick(components)}`;
  const dir = path.join(out, 'tsgs', name);
  const tsgTags = [...new Set(Array.from({ length: int(1, 4) }, () => pick(tags)))];
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.metadata.json'), JSON.stringify({
    name, createdAt: stamp, updatedAt: stamp, description: `${passage(1)[0].trim()} ${sentence(6)}`.slice(0, 300), tags: tsgTags,
  }, null, 4));
  for (let f = 0; f < filesPerTsg; f++) {
    const num = String(f).padStart(2, '0');
    if (f < 25) {
      write(path.join(dir, 'docs', `guide-${num}.md`), Buffer.from(markdown(smallSize(), name)), 'markdown');
    } else if (f < 40) {
      write(path.join(dir, 'notes', `note-${num}.txt`), Buffer.from(plain(smallSize())), 'text');
    } else {
      const big = f === 99 && bigLogs.find((b) => b.tsg === t);
      if (big) {
        write(path.join(dir, 'logs', 'capture-full.log'), Buffer.from(logText(Math.round(big.mb * scale * 1e6), false)), 'bigLog');
        continue;
      }
      const r = rand();
      const file = path.join(dir, 'logs', `${pick(components)}-${num}.log`);
      if (r < 0.05) {
        totals.utf16Logs++;
        write(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(logText(smallSize(), false), 'utf16le')]), 'log');
      } else if (r < 0.10) {
        totals.latin1Logs++;
        write(file, Buffer.from(logText(smallSize(), true).replace(/[^\x00-\xff]/g, '?'), 'latin1'), 'log');
      } else {
        write(file, Buffer.from(logText(smallSize(), false)), 'log');
      }
    }
  }
}
console.log(JSON.stringify({ corpus: out, scale, seed, poolLines: poolLines.length, poolMB: +(poolBytes / 1e6).toFixed(1), ...totals, mb: +(totals.bytes / 1e6).toFixed(1) }));
