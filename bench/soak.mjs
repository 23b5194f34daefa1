// Memory of a TSG Desk server over time (issue 13 §2 and §6), in one JSON line per scenario.
//   node bench/soak.mjs --cmd "build/app/tsgdesk --headless --port 0 --data-dir {DATA}"
//        [--scenario soak,tiny,refused] [--cycles 30] [--mb 10] [--frames 1048576]
// soak:    --cycles × (tsg:create, chunked upload of --mb MB in 4 files, tsg:list, tsg:delete) on one
//          connection; the server's VmRSS after each cycle. Done when the last 10 stay within 5 %.
// tiny:    --frames one-byte data frames of one file, all sent at once (within the window): RSS before,
//          peak during, after the commit and after 3 s idle, and the wall time.
// refused: --frames 32-byte frames that are all refused (wrong offset), sent without reading the
//          refusals: RSS before/peak/after, how many refusals came back and the close code.
import crypto from 'node:crypto';
import { uploadChunked } from '../docs/chunked-upload.js';
import { WebSocket as WS, now, rssMb, withServer as withBenchServer } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const CMD = opt('--cmd');
const SC = opt('--scenario', 'soak,tiny,refused').split(',');
const CYCLES = Number(opt('--cycles', 30));
const MB = Number(opt('--mb', 10));
const FRAMES = Number(opt('--frames', 1 << 20));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// The server for one scenario, on a fresh data folder (bench/lib.mjs starts, stops and cleans up).
const withServer = (fn) => withBenchServer(CMD, {}, (srv) => fn(srv.url, srv.proc));
const open = (url) => new Promise((resolve, reject) => { const ws = new WS(url); ws.once('open', () => resolve(ws)); ws.once('error', reject); });
function request(ws, type, data, until = () => true) {
  const requestId = crypto.randomUUID();
  return new Promise((resolve) => {
    const on = (d, bin) => { if (bin) return; const m = JSON.parse(d.toString()); if (m.requestId === requestId && until(m)) { ws.off('message', on); resolve(m); } };
    ws.on('message', on);
    ws.send(JSON.stringify({ type, requestId, data }));
  });
}
// Peak VmRSS while fn runs, sampled every 50 ms.
async function peakDuring(pid, fn) {
  let peak = rssMb(pid);
  const timer = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 50);
  try { const result = await fn(); return { result, peak: Math.max(peak, rssMb(pid)) }; } finally { clearInterval(timer); }
}
const header = (id, file, offset) => { const h = Buffer.alloc(32); h.write('TSG\x01', 0, 'latin1'); Buffer.from(id, 'hex').copy(h, 4); h.writeUInt32BE(file, 20); h.writeBigUInt64BE(BigInt(offset), 24); return h; };

async function soak() {
  return withServer(async (url, proc) => {
    const ws = await open(url);
    const files = Array.from({ length: 4 }, (_, i) => { const b = crypto.randomBytes(Math.floor(MB * 1048576 / 4)); return { path: `logs/f${i}.log`, blob: new Blob([b]) }; });
    const rss = [];
    const t0 = now();
    for (let i = 0; i < CYCLES; ++i) {
      const ends = (t) => (m) => m.type === t || m.type.endsWith('error');
      await request(ws, 'tsg:create', { name: `soak${i}` }, ends('tsg:create:success'));
      const done = await uploadChunked(ws, { tsgName: `soak${i}`, files });
      if (done.type !== 'tsg:upload:success') throw new Error(`cycle ${i}: ${JSON.stringify(done)}`);
      await request(ws, 'tsg:list', {}, (m) => m.type === 'tsg:list:response');
      const del = await request(ws, 'tsg:delete', { name: `soak${i}` }, ends('tsg:delete:success'));
      if (del.type !== 'tsg:delete:success') throw new Error(`cycle ${i}: ${JSON.stringify(del)}`);
      await sleep(200); // let the acknowledgement timers and the writer pool settle before sampling
      rss.push(rssMb(proc.pid));
    }
    ws.close();
    const last = rss.slice(-10);
    const spreadPct = +((Math.max(...last) - Math.min(...last)) / Math.min(...last) * 100).toFixed(2);
    return { scenario: 'soak', cycles: CYCLES, mbPerCycle: MB, ms: Math.round(now() - t0), rssMb: rss,
             last10MinMb: Math.min(...last), last10MaxMb: Math.max(...last), last10SpreadPct: spreadPct, withinFivePct: spreadPct <= 5 };
  });
}

async function tiny() {
  return withServer(async (url, proc) => {
    const ws = await open(url);
    await request(ws, 'tsg:create', { name: 'tiny' });
    await sleep(300);
    const before = rssMb(proc.pid);
    const ready = await request(ws, 'tsg:upload:begin', { tsgName: 'tiny', files: [{ path: 'tiny.log', size: FRAMES }] });
    const id = ready.data.uploadId;
    const t0 = now();
    let errors = 0;
    ws.on('message', (d, bin) => { if (!bin && JSON.parse(d.toString()).type === 'upload:error') ++errors; });
    const { peak } = await peakDuring(proc.pid, () => new Promise((resolve) => {
      const on = (d, bin) => { if (bin) return; const m = JSON.parse(d.toString()); if (m.data?.uploadId === id && m.data.bytesProcessed === FRAMES) { ws.off('message', on); resolve(); } };
      ws.on('message', on);
      for (let at = 0; at < FRAMES; ++at) ws.send(Buffer.concat([header(id, 0, at), Buffer.from([at & 0xff])]));
    }));
    const ms = now() - t0;
    const commit = await request(ws, 'upload:commit', { uploadId: id }, (m) => m.type === 'tsg:upload:success' || m.type === 'upload:error');
    const after = rssMb(proc.pid);
    await sleep(3000);
    ws.close();
    return { scenario: 'tiny', frames: FRAMES, payloadBytesPerFrame: 1, ms: Math.round(ms), refusals: errors, committed: commit.type === 'tsg:upload:success',
             rssBeforeMb: before, rssPeakMb: peak, rssAfterMb: after, rssIdle3sMb: rssMb(proc.pid) };
  });
}

async function refused() {
  return withServer(async (url, proc) => {
    const ws = await open(url);
    await request(ws, 'tsg:create', { name: 'refused' });
    const ready = await request(ws, 'tsg:upload:begin', { tsgName: 'refused', files: [{ path: 'r.log', size: 1000 }] });
    const id = ready.data.uploadId;
    await sleep(300);
    const before = rssMb(proc.pid);
    let refusals = 0;
    ws.on('message', (d, bin) => { if (!bin && JSON.parse(d.toString()).type === 'upload:error') ++refusals; });
    const t0 = now();
    const { result: close, peak } = await peakDuring(proc.pid, () => new Promise((resolve) => {
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      const frame = Buffer.concat([header(id, 0, 500), Buffer.alloc(32, 120)]);
      let sent = 0;
      const pump = () => { // as fast as the socket takes them, without waiting for any reply
        while (sent < FRAMES && ws.readyState === WS.OPEN && ws.bufferedAmount < (8 << 20)) { ws.send(frame); ++sent; }
        if (sent < FRAMES && ws.readyState === WS.OPEN) setImmediate(pump);
        else if (sent >= FRAMES) setTimeout(() => resolve({ code: null, reason: `still open after ${sent} frames` }), 5000);
      };
      pump();
    }));
    const ms = now() - t0;
    const after = rssMb(proc.pid);
    await sleep(3000);
    return { scenario: 'refused', framesOffered: FRAMES, ms: Math.round(ms), refusalsReceived: refusals, closeCode: close.code, closeReason: close.reason,
             rssBeforeMb: before, rssPeakMb: peak, rssAfterMb: after, rssIdle3sMb: rssMb(proc.pid) };
  });
}

for (const s of SC) console.log(JSON.stringify(await ({ soak, tiny, refused })[s]()));
