#!/usr/bin/env node
// tsg:list latency without the shared client's 20 ms pause after each reply, at 1,000 TSGs x 100 files,
// and from a separate process while another process uploads 100 MB in one message (so the uploader's own
// send does not stall the lister's event loop). Prints JSON lines like the shared bench.
// usage: node list-latency.mjs --cmd 'tsgdesk --headless --port 0 --data-dir {DATA}' --client DIR_OF_SHARED_BENCH
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fork } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const CMD = opt('--cmd');
const CLIENT = opt('--client');
const lib = await import(path.join(CLIENT, 'lib.mjs'));
const WebSocket = (await import(path.join(CLIENT, 'node_modules/ws/index.js'))).default;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? +s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))].toFixed(2) : null; };

// The lister, as a child process: lists every 10 ms until told to stop, reports latencies.
if (process.env.LISTER_URL) {
  const ws = new WebSocket(process.env.LISTER_URL, { maxPayload: 1 << 30 });
  const lat = [];
  let stop = false;
  process.on('message', (m) => { if (m === 'stop') stop = true; });
  ws.on('open', async () => {
    process.send('ready');
    let id = 0;
    while (!stop) {
      const rid = `l${id++}`;
      const t0 = now();
      await new Promise((resolve) => {
        const on = (d) => { const m = JSON.parse(d.toString()); if (m.requestId === rid) { ws.off('message', on); resolve(); } };
        ws.on('message', on);
        ws.send(JSON.stringify({ type: 'tsg:list', sessionId: 'lister', requestId: rid }));
      });
      lat.push(now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    process.send({ lat });
    ws.close();
    process.exit(0);
  });
} else {
  const seed = (data) => {
    const tsgs = path.join(data, 'tsgs');
    const stamp = new Date().toISOString();
    for (let t = 0; t < 1000; t++) {
      const dir = path.join(tsgs, `guide-${String(t).padStart(5, '0')}`);
      fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.metadata.json'), JSON.stringify({ name: path.basename(dir), createdAt: stamp, updatedAt: stamp }));
      for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(dir, f % 2 ? 'logs' : '', `f${f}.${f % 2 ? 'log' : 'md'}`), 'x'.repeat(100 + f));
    }
  };
  // 1) list at 1,000 x 100, back to back.
  {
    const data = lib.tmpDir('tsglat-');
    seed(data);
    const srv = await lib.startServer(CMD, data, { timeoutMs: 120000 });
    const c = await lib.Client.connect(lib.urlWithToken(srv), { maxPayload: 1 << 30 });
    const lat = [];
    for (let i = 0; i < 205; i++) {
      const rid = `q${i}`;
      const t0 = now();
      c.sendRaw(JSON.stringify({ type: 'tsg:list', sessionId: 'bench', requestId: rid }));
      await c.waitFor((m) => m.requestId === rid, { timeoutMs: 60000 });
      if (i >= 5) lat.push(now() - t0);
    }
    c.close();
    await lib.stopServer(srv);
    fs.rmSync(data, { recursive: true, force: true });
    console.log(JSON.stringify({ label: 'tsgdesk', scenario: 'list-nopause', tsgs: 1000, filesPerTsg: 100, n: lat.length, p50: pct(lat, 50), p90: pct(lat, 90), p99: pct(lat, 99), max: pct(lat, 100) }));
  }
  // 2) list from another process while this one uploads 100 MB in one message.
  {
    const data = lib.tmpDir('tsglat-');
    const srv = await lib.startServer(CMD, data, { timeoutMs: 120000 });
    const url = lib.urlWithToken(srv);
    const a = await lib.Client.connect(url, { maxPayload: 1 << 30 });
    await a.request('tsg:create', { name: 'bench-upload' }, { until: ['tsg:create:success'] });
    const per = Math.floor(100 * 1024 * 1024 / 10);
    const files = Array.from({ length: 10 }, (_, i) => ({ path: `dir${i}/file${i}.log`, content: crypto.randomBytes(per).toString('base64'), type: 'text/plain', size: per }));
    const text = JSON.stringify({ type: 'tsg:upload', sessionId: 'bench', requestId: 'up', data: { tsgName: 'bench-upload', files } });
    const lister = fork(new URL(import.meta.url).pathname, args, { env: { ...process.env, LISTER_URL: url } });
    await new Promise((r) => lister.once('message', r));
    await new Promise((r) => setTimeout(r, 200));
    const t0 = now();
    a.sendRaw(text);
    await a.waitFor((m) => m.requestId === 'up' && /success|error/.test(m.type), { timeoutMs: 300000 });
    const ms = now() - t0;
    lister.send('stop');
    const { lat } = await new Promise((r) => lister.on('message', (m) => { if (m.lat) r(m); }));
    a.close();
    await lib.stopServer(srv);
    fs.rmSync(data, { recursive: true, force: true });
    console.log(JSON.stringify({ label: 'tsgdesk', scenario: 'list-under-upload-2proc', uploadMs: +ms.toFixed(1), lists: lat.length, p50: pct(lat, 50), p99: pct(lat, 99), max: pct(lat, 100) }));
  }
}
