// TSG Desk's chunked binary upload path (docs/chunked-upload.js over Node's ws), in one JSON line per
// scenario, for bench/chunked.sh to set against the seed's single message and qt-floor's floor-binary
// from the same run (when those are present).
//   node bench/chunked.mjs --cmd "build/app/tsgdesk --headless --port 0 --data-dir {DATA}"
//        [--scenario chunked,resume,big] [--mb 100] [--files 10] [--big-mb 2048] [--label tsgdesk]
// chunked: --mb MB in --files files: wall time from tsg:upload:begin to tsg:upload:success, MB/s, the
//          CPU time the server and this client spent meanwhile, the server's RSS before (idle) and its
//          peak, and whether every SHA-256 the server reports matches.
// resume:  the same upload cut (socket destroyed) once half is acknowledged, then resumed on a new
//          connection: bytes sent in total over the payload.
// big:     one --big-mb MB file (the limits raised in config.json) against one 2 MB file: peak RSS of each.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { uploadChunked } from '../docs/chunked-upload.js';
import { WebSocket as WS, withServer as withLibServer } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const CMD = opt('--cmd');
const SC = opt('--scenario', 'chunked,resume,big').split(',');
const LABEL = opt('--label', 'tsgdesk');
const MB = Number(opt('--mb', 100));
const FILES = Number(opt('--files', 10));
const BIG_MB = Number(opt('--big-mb', 2048));
const now = () => Number(process.hrtime.bigint()) / 1e6;
// CPU seconds a process has used (utime + stime, in clock ticks of 1/100 s on Linux).
const cpuMs = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const memMb = (pid, key) => { const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${key}:\\s+(\\d+) kB`)); return +(Number(m[1]) / 1024).toFixed(1); };

// A server on a fresh data folder (with `config` as its config.json), through lib.mjs: stopped as a process group
// and waited for before its folder is removed.
const withServer = (config, fn) => withLibServer(CMD, { config }, (srv) => fn(srv.url, srv.proc));

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WS(url);
    ws.sent = 0;
    const send = ws.send.bind(ws);
    ws.send = (d, ...r) => { if (typeof d !== 'string') ws.sent += d.byteLength; return send(d, ...r); };
    ws.once('open', () => resolve(ws)); ws.once('error', reject);
  });
}
function request(ws, type, data) {
  const requestId = crypto.randomUUID();
  return new Promise((resolve) => {
    const on = (d, bin) => { if (bin) return; const m = JSON.parse(d.toString()); if (m.requestId === requestId) { ws.off('message', on); resolve(m); } };
    ws.on('message', on);
    ws.send(JSON.stringify({ type, requestId, data }));
  });
}
function makeFiles(mb, files) {
  const per = Math.floor(mb * 1024 * 1024 / files);
  return Array.from({ length: files }, (_, i) => {
    const bytes = crypto.randomBytes(per);
    return { path: `dir${i % 10}/file${i}.log`, blob: new Blob([bytes]), sha: crypto.createHash('sha256').update(bytes).digest('hex'), size: per };
  });
}
const matches = (done, files) => done.type === 'tsg:upload:success' && files.every((f) => done.data.files.find((s) => s.path === f.path)?.sha256 === f.sha);

async function chunked() {
  const files = makeFiles(MB, FILES);
  return withServer(null, async (url, proc) => {
    const ws = await open(url);
    await request(ws, 'tsg:create', { name: 'bench' });
    await new Promise((r) => setTimeout(r, 300));
    const idle = memMb(proc.pid, 'VmRSS');
    const t0 = now(), server0 = cpuMs(proc.pid), client0 = process.cpuUsage();
    const done = await uploadChunked(ws, { tsgName: 'bench', files: files.map((f) => ({ path: f.path, blob: f.blob, sha256: f.sha })) });
    const ms = now() - t0, serverCpuMs = cpuMs(proc.pid) - server0, client = process.cpuUsage(client0);
    ws.close();
    const bytes = files.reduce((s, f) => s + f.size, 0);
    return { scenario: 'chunked', mb: MB, files: FILES, ms: +ms.toFixed(1), mbPerS: +(bytes / 1048576 / (ms / 1000)).toFixed(1),
             serverCpuMs, clientCpuMs: Math.round((client.user + client.system) / 1000),
             serverIdleRssMb: idle, serverPeakRssMb: memMb(proc.pid, 'VmHWM'), correct: matches(done, files) };
  });
}

async function resume() {
  const files = makeFiles(MB, FILES);
  return withServer(null, async (url) => {
    let ws = await open(url);
    await request(ws, 'tsg:create', { name: 'bench' });
    let uploadId, cutAt = 0, unsent = 0;
    const list = files.map((f) => ({ path: f.path, blob: f.blob }));
    const bytes = files.reduce((s, f) => s + f.size, 0);
    await uploadChunked(ws, {
      tsgName: 'bench', files: list, onReady: (r) => { uploadId = r.uploadId; },
      onProgress: (p) => { if (!cutAt && p.bytesProcessed >= bytes / 2) { cutAt = p.bytesProcessed; unsent = ws.bufferedAmount; ws.terminate(); } },
    }).catch(() => {});
    const first = ws.sent - unsent; // what was still in the client's own buffer never left
    ws = await open(url);
    const done = await uploadChunked(ws, { uploadId, files: list });
    ws.close();
    const headers = Math.ceil(bytes / (1 << 20)) * 32;
    return { scenario: 'resume', mb: MB, cutAtMb: +(cutAt / 1048576).toFixed(1), sentMb: +((first + ws.sent) / 1048576).toFixed(1),
             sentOverPayload: +((first + ws.sent - headers) / bytes).toFixed(3), correct: done.type === 'tsg:upload:success' };
  });
}

async function big() {
  const out = { scenario: 'big' };
  for (const mb of [2, BIG_MB]) {
    const config = { tsgSettings: { maxUploadSize: BIG_MB + 1 }, tsgDesk: { maxStagedMb: BIG_MB + 1 } };
    out[`peakRssMb_${mb}MB`] = await withServer(config, async (url, proc) => {
      const ws = await open(url);
      await request(ws, 'tsg:create', { name: 'bench' });
      const chunk = crypto.randomBytes(1 << 20);
      const blob = new Blob(Array.from({ length: mb }, () => chunk));
      const hash = crypto.createHash('sha256');
      for (let i = 0; i < mb; i++) hash.update(chunk);
      const t0 = now();
      const done = await uploadChunked(ws, { tsgName: 'bench', files: [{ path: 'big.log', blob, sha256: hash.digest('hex') }] });
      out[`ms_${mb}MB`] = +(now() - t0).toFixed(1);
      out[`correct_${mb}MB`] = done.type === 'tsg:upload:success';
      ws.close();
      return memMb(proc.pid, 'VmHWM');
    });
  }
  return out;
}

const all = { chunked, resume, big };
let failed = false;
for (const name of SC) {
  try { console.log(JSON.stringify({ label: LABEL, ...(await all[name]()) })); }
  catch (e) { failed = true; console.log(JSON.stringify({ label: LABEL, scenario: name, error: String(e.message).split('\n')[0] })); }
}
process.exit(failed ? 1 : 0);
