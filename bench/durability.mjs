// What "success means on disk" costs (issue 13 §4): the 100 MB single-message upload (`tsg:upload`, base64 in
// one text message) and the 100 MB chunked upload (docs/chunked-upload.js), timed from the first byte sent to
// `tsg:upload:success`, against two builds of TSG Desk in the same run: BEFORE (no fsync at commit) and AFTER
// (fdatasync of every committed file, fsync of every changed folder). Runs alternate (before, after, after,
// before, …) so drift of the machine hits both alike. One JSON line per upload, then the medians and ratios.
//   node bench/durability.mjs --before OLD/app/tsgdesk --after NEW/app/tsgdesk [--runs 5] [--mb 100] [--files 10]
//        [--client tests/interop]   (a folder whose node_modules has `ws`)
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import path from 'node:path';
import { uploadChunked } from '../docs/chunked-upload.js';
import { withServer as withLibServer } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const here = path.dirname(new URL(import.meta.url).pathname);
const WS = createRequire(path.join(path.resolve(opt('--client', path.join(here, '../tests/interop'))), 'package.json'))('ws');
const BINS = { before: opt('--before'), after: opt('--after') };
const RUNS = Number(opt('--runs', 5)), MB = Number(opt('--mb', 100)), FILES = Number(opt('--files', 10));
const now = () => Number(process.hrtime.bigint()) / 1e6;

// A server of build `bin` on a fresh data folder, through lib.mjs: stopped as a process group and waited for
// before its folder is removed.
const withServer = (bin, fn) => withLibServer(`${bin} --headless --port 0 --data-dir {DATA}`, {}, (srv) => fn(srv.url));
function open(url) {
  return new Promise((resolve, reject) => { const ws = new WS(url, { maxPayload: 0 }); ws.once('open', () => resolve(ws)); ws.once('error', reject); });
}
// Sends one message and resolves with the first reply of `want` (or an error) for its requestId, in 120 s.
function request(ws, type, data, want) {
  const requestId = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${type}: no reply in 120 s`)), 120000);
    const on = (d, bin) => {
      if (bin) return;
      const m = JSON.parse(d.toString());
      if (m.requestId !== requestId || m.type.endsWith(':progress') || (want && m.type !== want && !m.type.endsWith('error'))) return;
      clearTimeout(timer); ws.off('message', on); resolve(m);
    };
    ws.on('message', on);
    ws.send(JSON.stringify({ type, requestId, data }));
  });
}
function makeFiles() {
  const per = Math.floor(MB * 1024 * 1024 / FILES);
  return Array.from({ length: FILES }, (_, i) => {
    const bytes = crypto.randomBytes(per);
    return { path: `dir${i % 10}/file${i}.log`, bytes, sha: crypto.createHash('sha256').update(bytes).digest('hex') };
  });
}
const correct = (done, files) => done.type === 'tsg:upload:success' && files.every((f) => done.data.files.find((s) => s.path === f.path)?.sha256 === f.sha);

async function single(bin, files) {
  return withServer(bin, async (url) => {
    const ws = await open(url);
    await request(ws, 'tsg:create', { name: 'bench' });
    const data = { tsgName: 'bench', files: files.map((f) => ({ path: f.path, content: f.bytes.toString('base64'), type: 'text/plain', size: f.bytes.length })) };
    const t0 = now();
    const done = await request(ws, 'tsg:upload', data, 'tsg:upload:success');
    const ms = now() - t0;
    ws.close();
    return { ms: +ms.toFixed(1), correct: correct(done, files), error: done.type.endsWith('error') ? done.message : undefined };
  });
}
async function chunked(bin, files) {
  return withServer(bin, async (url) => {
    const ws = await open(url);
    await request(ws, 'tsg:create', { name: 'bench' });
    const t0 = now();
    const done = await uploadChunked(ws, { tsgName: 'bench', files: files.map((f) => ({ path: f.path, blob: new Blob([f.bytes]), sha256: f.sha })) });
    const ms = now() - t0;
    ws.close();
    return { ms: +ms.toFixed(1), correct: correct(done, files) };
  });
}

const rows = [];
const files = makeFiles();
for (let run = 1; run <= RUNS; run++) {
  const order = run % 2 ? ['before', 'after'] : ['after', 'before'];
  for (const [scenario, fn] of [['single', single], ['chunked', chunked]]) {
    for (const label of order) {
      const r = { label, scenario, run, mb: MB, files: FILES, ...(await fn(BINS[label], files)) };
      rows.push(r);
      console.log(JSON.stringify(r));
    }
  }
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
for (const scenario of ['single', 'chunked']) {
  const pick = (label) => rows.filter((r) => r.label === label && r.scenario === scenario && r.correct).map((r) => r.ms);
  const b = pick('before'), a = pick('after');
  console.log(JSON.stringify({ summary: scenario, runs: RUNS, beforeMedianMs: med(b), afterMedianMs: med(a),
                               ratio: +(med(a) / med(b)).toFixed(3), beforeMs: b, afterMs: a }));
}
