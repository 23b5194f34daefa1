#!/usr/bin/env node
// TSG Desk's own load client for the WebSocket server, one JSON line per scenario. Needs only this
// repository; it also runs against the design document's backend (seed-peer.cjs) and qt-floor for the
// side-by-side comparison in bench/side-by-side.sh.
//   node bench/server.mjs --label tsgdesk --cmd "build/app/tsgdesk --headless --port 0 --data-dir {DATA}"
//        [--scenario upload,list,list-under-upload,conns,floor-binary] [--mb 100] [--files 10] [--n 200]
//        [--conns 500] [--reqs 10]
// upload:            one tsg:upload message with --mb MB in --files files (base64): ms from send to
//                    tsg:upload:success, MB/s, server peak RSS, every byte checked on disk (tsgdesk only).
// list:              tsg:list at 1,000 TSGs x 100 files, --n requests back to back (no pause).
// list-under-upload: tsg:list every 10 ms from a second process while this one uploads --mb MB in one message.
// conns:             --conns connections open at once, --reqs lists each: errors, requests/s, peak RSS.
// floor-binary:      --mb MB as 1 MiB binary messages, then floor:done (qt-floor only).
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, WebSocket, now, pct, peakRssMb, rssMb, seedLibrary, withServer, withTimeout } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const CMD = opt('--cmd');
const LABEL = opt('--label', 'tsgdesk');
const MB = Number(opt('--mb', 100));
const FILES = Number(opt('--files', 10));
const N = Number(opt('--n', 200));
const CONNS = Number(opt('--conns', 500));
const REQS = Number(opt('--reqs', 10));

// The lister of list-under-upload, as a child process: lists every 10 ms until told to stop.
if (process.env.LISTER_URL) {
  const ws = new WebSocket(process.env.LISTER_URL, { maxPayload: 1 << 30 });
  const lat = [];
  let stop = false;
  process.on('message', (m) => { if (m === 'stop') stop = true; });
  ws.on('open', async () => {
    process.send('ready');
    for (let id = 0; !stop; id++) {
      const rid = `l${id}`;
      const t0 = now();
      await withTimeout(new Promise((resolve) => {
        const on = (d) => { if (JSON.parse(d.toString()).requestId === rid) { ws.off('message', on); resolve(); } };
        ws.on('message', on);
        ws.send(JSON.stringify({ type: 'tsg:list', sessionId: 'lister', requestId: rid }));
      }), 60000, `the reply to ${rid}`);
      lat.push(now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    process.send({ lat });
    ws.close();
    process.exit(0);
  });
} else {
  await main();
}

function uploadText(mb, files) {
  const per = Math.floor(mb * 1024 * 1024 / files);
  const list = Array.from({ length: files }, (_, i) => ({ path: `dir${i % 10}/file${i}.log`, content: crypto.randomBytes(per).toString('base64'), type: 'text/plain', size: per }));
  return { text: JSON.stringify({ type: 'tsg:upload', sessionId: 'bench', requestId: 'up', data: { tsgName: 'bench-upload', files: list } }), bytes: per * files, per };
}

async function upload() {
  return withServer(CMD, {}, async (srv, data) => {
    const c = await Client.connect(srv.url);
    await c.request('tsg:create', { name: 'bench-upload' });
    const msg = uploadText(MB, FILES);
    const rssBeforeMb = rssMb(srv.proc.pid);
    const t0 = now();
    c.ws.send(msg.text);
    const done = await c.waitFor((m) => m.requestId === 'up' && /success|error/.test(m.type), 300000);
    const ms = now() - t0;
    if (/error/.test(done.type)) throw new Error(`upload refused: ${done.message}`);
    c.close();
    // What landed, read from the disk (qt-floor writes nothing: correct is false there by design).
    let onDisk = 0;
    for (let i = 0; i < FILES; i++) {
      try { onDisk += fs.statSync(path.join(data, 'tsgs/bench-upload', `dir${i % 10}/file${i}.log`)).size; } catch {}
    }
    return { scenario: 'upload', mb: MB, files: FILES, ms: +ms.toFixed(1), mbPerS: +(msg.bytes / 1048576 / (ms / 1000)).toFixed(1),
             rssBeforeMb, serverPeakRssMb: peakRssMb(srv.proc.pid), correct: onDisk === msg.bytes };
  });
}

async function list() {
  return withServer(CMD, { seed: (d) => seedLibrary(d) }, async (srv) => {
    const c = await Client.connect(srv.url);
    const lat = [];
    let seen = 0;
    for (let i = 0; i < N + 5; i++) {
      const t0 = now();
      const r = await c.request('tsg:list', undefined, 60000);
      if (i >= 5) lat.push(now() - t0);
      seen = r.data?.tsgs?.length ?? 0;
    }
    c.close();
    return { scenario: 'list', tsgs: 1000, filesPerTsg: 100, seen, n: N, p50: pct(lat, 50), p90: pct(lat, 90), p99: pct(lat, 99), max: pct(lat, 100) };
  });
}

async function listUnderUpload() {
  return withServer(CMD, {}, async (srv) => {
    const a = await Client.connect(srv.url);
    await a.request('tsg:create', { name: 'bench-upload' });
    const msg = uploadText(MB, FILES);
    const lister = fork(fileURLToPath(import.meta.url), args, { env: { ...process.env, LISTER_URL: srv.url } });
    await withTimeout(new Promise((r) => lister.once('message', r)), 60000, 'the lister to connect');
    const t0 = now();
    a.ws.send(msg.text);
    await a.waitFor((m) => m.requestId === 'up' && /success|error/.test(m.type), 300000);
    const uploadMs = now() - t0;
    lister.send('stop');
    const { lat } = await withTimeout(new Promise((r) => lister.on('message', (m) => { if (m.lat) r(m); })), 60000, "the lister's latencies");
    a.close();
    return { scenario: 'list-under-upload', mb: MB, uploadMs: +uploadMs.toFixed(1), lists: lat.length, p50: pct(lat, 50), p99: pct(lat, 99), max: pct(lat, 100) };
  });
}

async function conns() {
  return withServer(CMD, {}, async (srv) => {
    const t0 = now();
    let ok = 0, errors = 0;
    const clients = [];
    for (let i = 0; i < CONNS; i++) {
      try { clients.push(await Client.connect(srv.url)); } catch { errors++; }
    }
    await Promise.all(clients.map(async (c) => {
      for (let r = 0; r < REQS; r++) {
        try { const m = await c.request('tsg:list', undefined, 20000); if (/error/.test(m.type)) errors++; else ok++; } catch { errors++; }
      }
    }));
    const ms = now() - t0;
    clients.forEach((c) => c.close());
    return { scenario: 'conns', conns: CONNS, reqs: REQS, ok, errors, ms: +ms.toFixed(1), reqPerS: Math.round(ok / (ms / 1000)), serverPeakRssMb: peakRssMb(srv.proc.pid) };
  });
}

async function floorBinary() {
  return withServer(CMD, {}, async (srv) => {
    const c = await Client.connect(srv.url);
    const chunk = crypto.randomBytes(1 << 20);
    const t0 = now();
    for (let i = 0; i < MB; i++) c.ws.send(chunk, { binary: true });
    const done = await c.request('floor:done', undefined, 300000);
    const ms = now() - t0;
    c.close();
    return { scenario: 'floor-binary', mb: MB, ms: +ms.toFixed(1), mbPerS: +(MB / (ms / 1000)).toFixed(1), serverPeakRssMb: peakRssMb(srv.proc.pid), correct: done.bytes === MB * chunk.length };
  });
}

async function main() {
  if (!CMD) { console.error('--cmd required'); process.exit(2); }
  const all = { upload, list, 'list-under-upload': listUnderUpload, conns, 'floor-binary': floorBinary };
  let failed = false;
  for (const name of opt('--scenario', 'upload,list,list-under-upload,conns').split(',')) {
    try { console.log(JSON.stringify({ label: LABEL, ...(await all[name]()) })); }
    catch (e) { failed = true; console.log(JSON.stringify({ label: LABEL, scenario: name, error: String(e.message).split('\n')[0] })); }
  }
  process.exit(failed ? 1 : 0);
}
