// A real browser: headless Chromium (Debian's chromium) opens a page on a localhost origin that
// uploads a 50 MB File through the documented example (docs/chunked-upload.js) and checks the
// SHA-256 the server reports against the one the page computed with WebCrypto.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { spawnGroup, startTsgdesk, stop, withTimeout } from './harness.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DOCS = new URL('../../docs/', import.meta.url);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-chromium-'));
let server, url;

const PAGE = `<!doctype html><meta charset="utf-8"><title>chunked upload</title><body><script type="module">
import { uploadChunked } from '/chunked-upload.js';
const report = (r) => fetch('/result', { method: 'POST', body: JSON.stringify(r) });
try {
  const params = new URLSearchParams(location.search);
  const parts = [];
  for (let i = 0; i < 50; i++) { const p = new Uint8Array(1 << 20); for (let j = 0; j < p.length; j += 65536) crypto.getRandomValues(p.subarray(j, j + 65536)); parts.push(p); }
  const file = new File(parts, 'browser.log', { type: 'text/plain' });
  const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const ws = new WebSocket(params.get('ws'));
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('websocket did not open')); });
  let progress = 0;
  const done = await uploadChunked(ws, { tsgName: 'browser', files: [{ path: 'logs/browser.log', blob: file }], onProgress: () => progress++ });
  report({ ok: true, digest, size: file.size, reply: done, progress });
} catch (e) { report({ ok: false, error: String(e && e.message || e) }); }
</script>`;

before(async () => {
  ({ child: server, url } = await startTsgdesk(dataDir));
  const ws = new WebSocket(url);
  await withTimeout(new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); }), 10000, 'the WebSocket to open');
  ws.send(JSON.stringify({ type: 'tsg:create', requestId: 'c', data: { name: 'browser' } }));
  await withTimeout(new Promise((ok) => ws.on('message', (d) => { if (JSON.parse(d.toString()).type === 'tsg:create:success') ok(); })),
    10000, 'tsg:create:success');
  ws.close();
});
after(async () => {
  if (server) await stop(server, 'SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('Chromium uploads a 50 MB File through the browser example and the SHA-256 matches', { timeout: 240000 }, async () => {
  let resolveResult;
  const result = new Promise((r) => { resolveResult = r; });
  const web = http.createServer((req, res) => {
    if (req.url.startsWith('/index.html')) { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(PAGE); }
    if (req.url === '/chunked-upload.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(fs.readFileSync(new URL('chunked-upload.js', DOCS))); }
    if (req.url === '/result' && req.method === 'POST') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => { res.end('ok'); resolveResult(JSON.parse(body)); });
      return;
    }
    res.writeHead(404); res.end();
  });
  await withTimeout(new Promise((ok) => web.listen(0, '127.0.0.1', ok)), 10000, 'the page server to listen');
  const page = `http://127.0.0.1:${web.address().port}/index.html?ws=${encodeURIComponent(url)}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-chromium-profile-'));
  const tmp = path.join(profile, 'tmp'); // Chromium's own temporary files (its singleton lock): removed with the profile
  fs.mkdirSync(tmp);
  const browser = spawnGroup(CHROMIUM, ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`, '--remote-debugging-port=0', page], { stdio: 'ignore', env: { ...process.env, TMPDIR: tmp } });
  browser.exited.then(({ code, signal }) => resolveResult({ ok: false, error: `chromium exited (${code ?? signal}) before reporting` }));
  try {
    const r = await withTimeout(result, 200000, 'the page to report its upload');
    assert.ok(r.ok, r.error);
    assert.equal(r.size, 50 << 20);
    assert.equal(r.reply.type, 'tsg:upload:success');
    assert.equal(r.reply.data.files[0].sha256, r.digest);
    assert.ok(r.progress >= 1);
    const stored = path.join(dataDir, 'tsgs', 'browser', 'logs', 'browser.log');
    assert.equal(fs.statSync(stored).size, 50 << 20);
  } finally {
    // Chromium's processes write to the profile until they are gone: stop them all before removing it.
    await stop(browser);
    web.closeAllConnections();
    web.close();
    fs.rmSync(profile, { recursive: true });
  }
});
