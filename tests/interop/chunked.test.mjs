// Chunked uploads over the wire from Node's ws, through the browser example docs/chunked-upload.js:
// full upload, resume after a dropped connection, after a restart and after a crash, every refusal,
// a checksum mismatch, and what a second client sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { uploadChunked, header } from '../../docs/chunked-upload.js';

const BINARY = process.env.TSGDESK_BINARY;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-chunked-'));
let server, url;

function start() {
  server = spawn(BINARY, ['--headless', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const proc = server;
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/tsgdesk listening on (ws:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`tsgdesk exited early with ${code}`)));
  });
}
const stop = (signal = 'SIGTERM') => new Promise((resolve) => { server.once('exit', resolve); server.kill(signal); });

const open = (u = url) => new Promise((resolve, reject) => {
  const ws = new WebSocket(u);
  ws.sentBytes = 0;
  const send = ws.send.bind(ws);
  ws.send = (data, ...rest) => { if (typeof data !== 'string') ws.sentBytes += data.byteLength - 32; return send(data, ...rest); };
  ws.once('open', () => resolve(ws));
  ws.once('error', reject);
});

// One request, its replies until `until` (or an error).
function request(ws, type, data, until, sessionId = 'chunked-session') {
  const requestId = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const replies = [];
    const t = setTimeout(() => reject(new Error(`no ${until} for ${type}`)), 30000);
    const on = (d, isBinary) => {
      if (isBinary) return;
      const m = JSON.parse(d.toString());
      if (m.requestId !== requestId) return;
      replies.push(m);
      if (m.type === until || /error$/.test(m.type)) { clearTimeout(t); ws.off('message', on); resolve(replies); }
    };
    ws.on('message', on);
    ws.send(JSON.stringify({ type, sessionId, requestId, data }));
  });
}
// The next text message of `type` (for frame refusals, which have no requestId).
const next = (ws, type) => new Promise((resolve) => {
  const on = (d, isBinary) => { if (isBinary) return; const m = JSON.parse(d.toString()); if (m.type === type) { ws.off('message', on); resolve(m); } };
  ws.on('message', on);
});

const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
const blobOf = (buf) => new Blob([buf]);
const tsgFile = (tsg, p) => path.join(dataDir, 'tsgs', tsg, p);

before(async () => {
  url = await start();
  const ws = await open();
  for (const name of ['big', 'resumed', 'restarted', 'crashed', 'refusals', 'mismatch', 'watched'])
    await request(ws, 'tsg:create', { name }, 'tsg:create:success');
  ws.close();
});
after(async () => { if (server.exitCode === null) await stop(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('a full upload lands every byte, reports each SHA-256 and answers like the single-message form', async () => {
  const files = [crypto.randomBytes(5 << 20), crypto.randomBytes(3 << 20), crypto.randomBytes(1000), Buffer.alloc(0)];
  const names = ['logs/a.log', 'logs/b.log', 'docs/c.md', 'docs/empty.txt'];
  const ws = await open();
  const seen = [];
  ws.on('message', (d, isBinary) => { if (!isBinary) seen.push(JSON.parse(d.toString()).type); });
  const progress = [];
  const done = await uploadChunked(ws, {
    tsgName: 'big', files: files.map((b, i) => ({ path: names[i], blob: blobOf(b), sha256: sha(b) })),
    onProgress: (p) => progress.push(p),
  });
  assert.equal(done.type, 'tsg:upload:success');
  assert.equal(done.data.fileCount, 4);
  assert.deepEqual(seen.filter((t) => !t.endsWith(':progress')).slice(-2), ['tsg:files:response', 'tsg:upload:success']);
  for (let i = 0; i < files.length; i++) {
    assert.ok(fs.readFileSync(tsgFile('big', names[i])).equals(files[i]), names[i]);
    assert.equal(done.data.files.find((f) => f.path === names[i]).sha256, sha(files[i]));
  }
  assert.ok(progress.length >= 1 && progress.at(-1).bytesProcessed === progress.at(-1).bytesTotal);
  // acknowledgements never go backwards
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].bytesProcessed >= progress[i - 1].bytesProcessed);
  const listing = await request(ws, 'tsg:get-files', { name: 'big' }, 'tsg:files:response');
  assert.equal(listing.at(-1).data.files.find((f) => f.path === 'logs/a.log').sha256, sha(files[0]));
  assert.deepEqual(fs.readdirSync(path.join(dataDir, '.tsgdesk', 'uploads')), []);
  ws.close();
});

test('resume after the client disconnects mid-file resends at most the window', async () => {
  const data = crypto.randomBytes(48 << 20); // many windows: the client waits for acknowledgements
  let ws = await open();
  let uploadId;
  let neverLeft = 0; // still in the client's own buffer when the connection was cut: never sent
  let ackedAtCut = 0;
  const cut = uploadChunked(ws, {
    tsgName: 'resumed', files: [{ path: 'half.log', blob: blobOf(data) }],
    onReady: (r) => { uploadId = r.uploadId; },
    onProgress: (p) => {
      if (p.bytesProcessed < data.length / 2 || neverLeft) return;
      ackedAtCut = p.bytesProcessed;
      neverLeft = ws.bufferedAmount + 1;
      ws.terminate();
    },
  });
  await assert.rejects(cut);
  const firstSent = ws.sentBytes - (neverLeft - 1);
  ws = await open();
  const list = await request(ws, 'upload:list', {}, 'upload:list:response');
  const held = list.at(-1).data.uploads.find((u) => u.uploadId === uploadId);
  assert.ok(held.bytesReceived >= data.length / 2 && held.bytesReceived < data.length);
  let heldAtResume = -1; // the writer may still have been finishing what arrived before the cut
  const done = await uploadChunked(ws, { uploadId, files: [{ path: 'half.log', blob: blobOf(data) }], onReady: (r) => { heldAtResume = r.bytesReceived; } });
  assert.equal(done.data.files[0].sha256, sha(data));
  assert.ok(fs.readFileSync(tsgFile('resumed', 'half.log')).equals(data));
  assert.ok(heldAtResume >= held.bytesReceived);
  // Nothing acknowledged is sent twice: the server holds at least what it acknowledged, and the
  // resumed upload sends exactly what it does not hold. What was in flight when the connection was
  // cut (at most the window) is all that is sent again.
  assert.ok(held.bytesReceived >= ackedAtCut);
  assert.equal(ws.sentBytes, data.length - heldAtResume);
  assert.ok(firstSent + ws.sentBytes <= data.length + held.window, `sent ${firstSent + ws.sentBytes} for ${data.length}`);
  ws.close();
});

test('resume after a restart, and a crash mid-upload leaves nothing visible in the TSG', async () => {
  for (const [tsg, signal] of [['restarted', 'SIGTERM'], ['crashed', 'SIGKILL']]) {
    const data = crypto.randomBytes(40 << 20); // many windows: the kill comes before the last chunk
    let ws = await open();
    let uploadId;
    const cut = uploadChunked(ws, {
      tsgName: tsg, files: [{ path: 'x/y.log', blob: blobOf(data), sha256: sha(data) }],
      onReady: (r) => { uploadId = r.uploadId; },
      onProgress: (p) => { if (p.bytesProcessed >= (2 << 20) && server.exitCode === null && !server.killed) server.kill(signal); },
    });
    await assert.rejects(cut);
    if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
    url = await start();
    ws = await open();
    const files = await request(ws, 'tsg:get-files', { name: tsg }, 'tsg:files:response');
    assert.deepEqual(files.at(-1).data.files, [], `${tsg}: nothing visible before the commit`);
    const resumed = await request(ws, 'upload:resume', { uploadId }, 'upload:ready');
    assert.equal(resumed.at(-1).type, 'upload:ready');
    assert.ok(resumed.at(-1).data.files[0].received >= 2 << 20, `${tsg}: holds what was acknowledged`);
    const done = await uploadChunked(ws, { uploadId, files: [{ path: 'x/y.log', blob: blobOf(data) }] });
    assert.equal(done.data.files[0].sha256, sha(data));
    assert.ok(fs.readFileSync(tsgFile(tsg, 'x/y.log')).equals(data));
    ws.close();
  }
});

test('every refusal names the problem and changes nothing', async () => {
  const ws = await open();
  const begin = (files, tsgName = 'refusals') => request(ws, 'tsg:upload:begin', { tsgName, files }, 'upload:ready');
  // begin is validated like the single-message form, before any byte is accepted
  assert.match((await begin([{ path: '../x.log', size: 1 }])).at(-1).message, /Invalid file path/);
  assert.match((await begin([{ path: 'a.exe', size: 1 }])).at(-1).message, /File type '\.exe' is not allowed/);
  assert.match((await begin([{ path: 'a.log', size: 200 << 20 }])).at(-1).message, /exceeds limit/);
  assert.match((await begin([{ path: 'a.log', size: 1 }], 'nope')).at(-1).message, /TSG 'nope' not found/);
  assert.match((await begin([{ path: 'a.log', size: -1 }])).at(-1).message, /size must be/);
  assert.match((await begin([{ path: 'a.log', size: 1, sha256: 'xyz' }])).at(-1).message, /sha256 must be 64 hexadecimal/);
  assert.match((await request(ws, 'session:upload:begin', { files: Array.from({ length: 101 }, (_, i) => ({ name: `f${i}.log`, size: 1 })) }, 'upload:ready')).at(-1).message, /Too many files/);

  const ready = (await begin([{ path: 'r.log', size: 100 }])).at(-1).data;
  assert.equal(ready.uploadId.length, 32);
  assert.equal(ready.chunkSize, 1 << 20);
  const frame = (index, offset, n, id = ready.uploadId) => Buffer.concat([header(id, index, offset), Buffer.alloc(n, 7)]);
  const refusal = async (buf) => { const p = next(ws, 'upload:error'); ws.send(buf); return p; };
  assert.match((await refusal(frame(0, 10, 5))).message, /expected offset 0/);
  assert.equal((await refusal(frame(0, 10, 5))).expectedOffset, 0);
  assert.match((await refusal(frame(0, 0, 101))).message, /past the declared size of 100 bytes/);
  assert.match((await refusal(frame(0, 0, 0))).message, /empty chunk/);
  assert.match((await refusal(frame(1, 0, 5))).message, /has no file 1/);
  assert.match((await refusal(frame(0, 0, 5, 'ab'.repeat(16)))).message, /Unknown upload id/);
  assert.match((await refusal(Buffer.from('hello'))).message, /without a chunk header/);
  const big = await begin([{ path: 'big.log', size: 3 << 20 }]);
  assert.match((await refusal(frame(0, 0, (1 << 20) + 1, big.at(-1).data.uploadId))).message, /larger than the chunk size/);
  // nothing was taken: the upload still holds 0 bytes, and an incomplete commit is refused
  const state = await request(ws, 'upload:resume', { uploadId: ready.uploadId }, 'upload:ready');
  assert.equal(state.at(-1).data.bytesReceived, 0);
  assert.match((await request(ws, 'upload:commit', { uploadId: ready.uploadId }, 'tsg:upload:success')).at(-1).message, /not complete: r\.log has 0 of 100 bytes/);
  // abort discards it; the id is then refused with the reason
  assert.equal((await request(ws, 'upload:abort', { uploadId: ready.uploadId }, 'upload:aborted')).at(-1).type, 'upload:aborted');
  assert.match((await refusal(frame(0, 0, 5))).message, /was aborted/);
  assert.ok(!fs.existsSync(path.join(dataDir, '.tsgdesk', 'uploads', ready.uploadId)));
  await request(ws, 'upload:abort', { uploadId: big.at(-1).data.uploadId }, 'upload:aborted');
  ws.close();
});

test('a SHA-256 mismatch names the file and commits nothing; the file can be sent again', async () => {
  const good = crypto.randomBytes(300000);
  const other = crypto.randomBytes(1000);
  const ws = await open();
  const files = [{ path: 'ok.log', blob: blobOf(other), sha256: sha(other) }, { path: 'bad.log', blob: blobOf(crypto.randomBytes(300000)), sha256: sha(good) }];
  let uploadId;
  await assert.rejects(uploadChunked(ws, { tsgName: 'mismatch', files, onReady: (r) => { uploadId = r.uploadId; } }),
    /bad\.log: SHA-256 mismatch: expected [0-9a-f]{64}, received [0-9a-f]{64}/);
  assert.deepEqual(fs.readdirSync(path.join(dataDir, 'tsgs', 'mismatch')).filter((n) => !n.startsWith('.')), []);
  files[1].blob = blobOf(good);
  const done = await uploadChunked(ws, { uploadId, files });
  assert.equal(done.data.fileCount, 2);
  assert.ok(fs.readFileSync(tsgFile('mismatch', 'bad.log')).equals(good));
  ws.close();
});

test('a second client sees the list change only at the commit', async () => {
  const watcher = await open();
  const lists = [];
  watcher.on('message', (d, isBinary) => { if (!isBinary) { const m = JSON.parse(d.toString()); if (m.type === 'tsg:list:response') lists.push(m); } });
  const ws = await open();
  const data = crypto.randomBytes(4 << 20);
  let listsBeforeCommit = -1;
  const done = await uploadChunked(ws, {
    tsgName: 'watched', files: [{ path: 'w.log', blob: blobOf(data) }],
    onProgress: (p) => { if (p.bytesProcessed === p.bytesTotal) listsBeforeCommit = lists.length; },
  });
  assert.equal(done.type, 'tsg:upload:success');
  assert.equal(listsBeforeCommit, 0);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(lists.length, 1);
  assert.equal(lists[0].data.tsgs.find((t) => t.name === 'watched').fileCount, 1);
  ws.close();
  watcher.close();
});

test('a session upload answers session:upload:success', async () => {
  const ws = await open();
  const data = crypto.randomBytes(2 << 20);
  const done = await uploadChunked(ws, { sessionId: 'chunked-session', files: [{ path: 'app.log', blob: blobOf(data) }] });
  assert.equal(done.type, 'session:upload:success');
  assert.equal(done.data.files[0].name, 'app.log');
  assert.ok(fs.readFileSync(done.data.files[0].path).equals(data));
  ws.close();
});
