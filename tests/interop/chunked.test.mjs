// Chunked uploads over the wire from Node's ws, through the browser example docs/chunked-upload.js:
// full upload, resume after a dropped connection, after a restart and after a crash, every refusal,
// a checksum mismatch, and what a second client sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { uploadChunked, header } from '../../docs/chunked-upload.js';
import { killGroup, startTsgdesk, stop, until, withTimeout } from './harness.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-chunked-'));
let server, url;
const start = async () => { ({ child: server, url } = await startTsgdesk(dataDir)); };

const open = (u = url) => withTimeout(new Promise((resolve, reject) => {
  const ws = new WebSocket(u);
  ws.sentBytes = 0;
  const send = ws.send.bind(ws);
  ws.send = (data, ...rest) => { if (typeof data !== 'string') ws.sentBytes += data.byteLength - 32; return send(data, ...rest); };
  ws.once('open', () => resolve(ws));
  ws.once('error', reject);
}), 10000, 'the WebSocket to open');
// The browser example, failing the test if it neither finishes nor fails within two minutes.
const upload = (ws, options) => withTimeout(uploadChunked(ws, options), 120000, 'uploadChunked to finish or fail');
// How uploadChunked fails when the connection goes away (docs/chunked-upload.js).
const CLOSED = { name: 'Error', message: 'connection closed' };

// One request, its replies until one of type `want` (or an error).
function request(ws, type, data, want, sessionId = 'chunked-session') {
  const requestId = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const replies = [];
    const t = setTimeout(() => reject(new Error(`no ${want} for ${type}`)), 30000);
    const on = (d, isBinary) => {
      if (isBinary) return;
      const m = JSON.parse(d.toString());
      if (m.requestId !== requestId) return;
      replies.push(m);
      if (m.type === want || /error$/.test(m.type)) { clearTimeout(t); ws.off('message', on); resolve(replies); }
    };
    ws.on('message', on);
    ws.send(JSON.stringify({ type, sessionId, requestId, data }));
  });
}
// The next text message of `type` (for frame refusals, which have no requestId).
const next = (ws, type) => withTimeout(new Promise((resolve) => {
  const on = (d, isBinary) => { if (isBinary) return; const m = JSON.parse(d.toString()); if (m.type === type) { ws.off('message', on); resolve(m); } };
  ws.on('message', on);
}), 10000, `a ${type} message`);

const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
const blobOf = (buf) => new Blob([buf]);
const tsgFile = (tsg, p) => path.join(dataDir, 'tsgs', tsg, p);

before(async () => {
  await start();
  const ws = await open();
  for (const name of ['big', 'resumed', 'restarted', 'crashed', 'refusals', 'mismatch', 'watched'])
    await request(ws, 'tsg:create', { name }, 'tsg:create:success');
  ws.close();
});
after(async () => {
  if (server) await stop(server, 'SIGTERM'); // the server writes to dataDir until it has exited
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a full upload lands every byte, reports each SHA-256 and answers like the single-message form', async () => {
  const files = [crypto.randomBytes(5 << 20), crypto.randomBytes(3 << 20), crypto.randomBytes(1000), Buffer.alloc(0)];
  const names = ['logs/a.log', 'logs/b.log', 'docs/c.md', 'docs/empty.txt'];
  const ws = await open();
  const seen = [];
  ws.on('message', (d, isBinary) => { if (!isBinary) seen.push(JSON.parse(d.toString()).type); });
  const progress = [];
  const done = await upload(ws, {
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
  const cut = upload(ws, {
    tsgName: 'resumed', files: [{ path: 'half.log', blob: blobOf(data) }],
    onReady: (r) => { uploadId = r.uploadId; },
    onProgress: (p) => {
      if (p.bytesProcessed < data.length / 2 || neverLeft) return;
      ackedAtCut = p.bytesProcessed;
      neverLeft = ws.bufferedAmount + 1;
      ws.terminate();
    },
  });
  await assert.rejects(cut, CLOSED);
  const firstSent = ws.sentBytes - (neverLeft - 1);
  ws = await open();
  const list = await request(ws, 'upload:list', {}, 'upload:list:response');
  const held = list.at(-1).data.uploads.find((u) => u.uploadId === uploadId);
  assert.ok(held.bytesReceived >= data.length / 2 && held.bytesReceived < data.length);
  let heldAtResume = -1; // the writer may still have been finishing what arrived before the cut
  const done = await upload(ws, { uploadId, files: [{ path: 'half.log', blob: blobOf(data) }], onReady: (r) => { heldAtResume = r.bytesReceived; } });
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
    let killed = false;
    const cut = upload(ws, {
      tsgName: tsg, files: [{ path: 'x/y.log', blob: blobOf(data), sha256: sha(data) }],
      onReady: (r) => { uploadId = r.uploadId; },
      onProgress: (p) => { if (p.bytesProcessed >= (2 << 20) && !killed) { killed = true; killGroup(server, signal); } },
    });
    cut.catch(() => {}); // asserted once the server runs again, which the tests that follow need
    const exit = await withTimeout(server.exited, 15000, `tsgdesk to exit on ${signal}`);
    await start();
    await assert.rejects(cut, CLOSED);
    assert.deepEqual(exit, signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal: 'SIGKILL' });
    ws = await open();
    const files = await request(ws, 'tsg:get-files', { name: tsg }, 'tsg:files:response');
    assert.deepEqual(files.at(-1).data.files, [], `${tsg}: nothing visible before the commit`);
    const resumed = await request(ws, 'upload:resume', { uploadId }, 'upload:ready');
    assert.equal(resumed.at(-1).type, 'upload:ready');
    assert.ok(resumed.at(-1).data.files[0].received >= 2 << 20, `${tsg}: holds what was acknowledged`);
    const done = await upload(ws, { uploadId, files: [{ path: 'x/y.log', blob: blobOf(data) }] });
    assert.equal(done.data.files[0].sha256, sha(data));
    assert.ok(fs.readFileSync(tsgFile(tsg, 'x/y.log')).equals(data));
    ws.close();
  }
});

test('every refusal names the problem and changes nothing', async () => {
  const ws = await open();
  // The last reply to a request, which must answer that request; without its requestId.
  const last = async (type, data, until) => {
    const { requestId, ...reply } = (await request(ws, type, data, until)).at(-1);
    assert.ok(requestId, `${type}: the reply names its request`);
    return reply;
  };
  const begin = (files, tsgName = 'refusals') => last('tsg:upload:begin', { tsgName, files }, 'upload:ready');
  const beginError = (message, code) => ({ type: 'tsg:error', originalType: 'tsg:upload:begin', message, code });
  // begin is validated like the single-message form, before any byte is accepted
  assert.deepEqual(await begin([{ path: '../x.log', size: 1 }]), beginError("Invalid file path: ../x.log ('..' segments are not allowed)", 'invalid'));
  assert.deepEqual(await begin([{ path: 'a.exe', size: 1 }]), beginError("a.exe: File type '.exe' is not allowed. Allowed types: "
    + '.md, .txt, .log, .json, .yaml, .yml, .png, .jpg, .jpeg, .gif, .svg, .pdf, .docx, .xlsx, .csv, .tsv, .jsonl, '
    + '.xml, .html, .har, .pcap, .pcapng, .evtx, .etl, .conf, .ini, .cfg, .out, .err, .trace, .zip, .gz, .tar, .7z',
  'type_not_allowed'));
  assert.deepEqual(await begin([{ path: 'a.log', size: 200 << 20 }]), beginError('Total upload size 200.00 MiB exceeds limit of 100 MiB (1 MiB = 1,048,576 bytes)', 'too_large'));
  assert.deepEqual(await begin([{ path: 'a.log', size: 1 }], 'nope'), beginError("TSG 'nope' not found", 'not_found'));
  assert.deepEqual(await begin([{ path: 'a.log', size: -1 }]), beginError("data.files[0].size must be the file's size in bytes: a whole number from 0 to 9007199254740991", 'invalid'));
  assert.deepEqual(await begin([{ path: 'a.log', size: 1, sha256: 'xyz' }]), beginError('a.log: sha256 must be 64 hexadecimal characters', 'invalid'));
  assert.deepEqual(await last('session:upload:begin', { files: Array.from({ length: 101 }, (_, i) => ({ name: `f${i}.log`, size: 1 })) }, 'upload:ready'),
    { type: 'session:error', originalType: 'session:upload:begin', message: 'Too many files. Maximum 100 files per session (the session holds 0, this upload adds 101)', code: 'limit' });

  const ready = (await begin([{ path: 'r.log', size: 100 }])).data;
  assert.equal(ready.uploadId.length, 32);
  assert.equal(ready.chunkSize, 1 << 20);
  const frame = (index, offset, n, id = ready.uploadId) => Buffer.concat([header(id, index, offset), Buffer.alloc(n, 7)]);
  const refusal = async (buf) => { const p = next(ws, 'upload:error'); ws.send(buf); return p; };
  // A refused frame: which upload, file and offset it was, and where to continue when there is a place.
  const frameError = (fields, uploadId = ready.uploadId) => ({ type: 'upload:error', originalType: 'binary', uploadId, ...fields });
  assert.deepEqual(await refusal(frame(0, 10, 5)),
    frameError({ fileIndex: 0, offset: 10, expectedOffset: 0, message: 'r.log: chunk at offset 10, expected offset 0', code: 'invalid' }));
  assert.deepEqual(await refusal(frame(0, 0, 101)),
    frameError({ fileIndex: 0, offset: 0, expectedOffset: 0, message: 'r.log: chunk runs to byte 101, past the declared size of 100 bytes', code: 'too_large' }));
  assert.deepEqual(await refusal(frame(0, 0, 0)), frameError({ fileIndex: 0, offset: 0, expectedOffset: 0, message: 'r.log: empty chunk', code: 'invalid' }));
  assert.deepEqual(await refusal(frame(1, 0, 5)), frameError({ fileIndex: 1, offset: 0, message: `upload ${ready.uploadId} has no file 1 (it has 1)`, code: 'invalid' }));
  const unknown = 'ab'.repeat(16);
  assert.deepEqual(await refusal(frame(0, 0, 5, unknown)), frameError({ fileIndex: 0, offset: 0, message: `Unknown upload id: ${unknown}`, code: 'not_found' }, unknown));
  assert.deepEqual(await refusal(Buffer.from('hello')), { type: 'upload:error', originalType: 'binary',
    message: "Binary frame without a chunk header: a chunk starts with the 32-byte header 'TSG' 0x01, upload id, file index, offset (see upload:begin)", code: 'invalid' });
  const big = (await begin([{ path: 'big.log', size: 3 << 20 }])).data.uploadId;
  assert.deepEqual(await refusal(frame(0, 0, (1 << 20) + 1, big)),
    frameError({ fileIndex: 0, offset: 0, expectedOffset: 0, message: 'big.log: chunk of 1048577 bytes is larger than the chunk size 1048576', code: 'too_large' }, big));
  // nothing was taken: the upload still holds 0 bytes, and an incomplete commit is refused
  assert.equal((await last('upload:resume', { uploadId: ready.uploadId }, 'upload:ready')).data.bytesReceived, 0);
  assert.deepEqual(await last('upload:commit', { uploadId: ready.uploadId }, 'tsg:upload:success'),
    { type: 'upload:error', originalType: 'upload:commit', uploadId: ready.uploadId, message: `Upload ${ready.uploadId} is not complete: r.log has 0 of 100 bytes`, code: 'invalid' });
  assert.deepEqual(fs.readdirSync(path.join(dataDir, 'tsgs', 'refusals')).filter((n) => !n.startsWith('.')), []);
  // abort discards it; the id is then refused with the reason
  assert.deepEqual(await last('upload:abort', { uploadId: ready.uploadId }, 'upload:aborted'), { type: 'upload:aborted', data: { uploadId: ready.uploadId } });
  assert.deepEqual(await refusal(frame(0, 0, 5)), frameError({ fileIndex: 0, offset: 0, message: `Upload ${ready.uploadId} was aborted`, code: 'not_found' }));
  assert.ok(!fs.existsSync(path.join(dataDir, '.tsgdesk', 'uploads', ready.uploadId)));
  await request(ws, 'upload:abort', { uploadId: big }, 'upload:aborted');
  ws.close();
});

test('a SHA-256 mismatch names the file and commits nothing; the file can be sent again', async () => {
  const good = crypto.randomBytes(300000);
  const other = crypto.randomBytes(1000);
  const ws = await open();
  const files = [{ path: 'ok.log', blob: blobOf(other), sha256: sha(other) }, { path: 'bad.log', blob: blobOf(crypto.randomBytes(300000)), sha256: sha(good) }];
  let uploadId;
  await assert.rejects(upload(ws, { tsgName: 'mismatch', files, onReady: (r) => { uploadId = r.uploadId; } }),
    /bad\.log: SHA-256 mismatch: expected [0-9a-f]{64}, received [0-9a-f]{64}/);
  assert.deepEqual(fs.readdirSync(path.join(dataDir, 'tsgs', 'mismatch')).filter((n) => !n.startsWith('.')), []);
  files[1].blob = blobOf(good);
  const done = await upload(ws, { uploadId, files });
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
  const done = await upload(ws, {
    tsgName: 'watched', files: [{ path: 'w.log', blob: blobOf(data) }],
    onProgress: (p) => { if (p.bytesProcessed === p.bytesTotal) listsBeforeCommit = lists.length; },
  });
  assert.equal(done.type, 'tsg:upload:success');
  assert.equal(listsBeforeCommit, 0);
  // The commit's list, then a marker: broadcasts reach the watcher in order, so any further list the
  // upload caused arrives before the one that names the marker.
  await until(() => lists.length >= 1, 10000, 'the list the commit pushes');
  await request(ws, 'tsg:create', { name: 'watched-marker' }, 'tsg:create:success');
  const hasMarker = (m) => m.data.tsgs.some((t) => t.name === 'watched-marker');
  await until(() => lists.some(hasMarker), 10000, 'the list that names watched-marker');
  assert.deepEqual(lists.map(hasMarker), [false, true]);
  assert.equal(lists[0].data.tsgs.find((t) => t.name === 'watched').fileCount, 1);
  ws.close();
  watcher.close();
});

test('a session upload answers session:upload:success', async () => {
  const ws = await open();
  const data = crypto.randomBytes(2 << 20);
  const done = await upload(ws, { sessionId: 'chunked-session', files: [{ path: 'app.log', blob: blobOf(data) }] });
  assert.equal(done.type, 'session:upload:success');
  assert.equal(done.data.files[0].name, 'app.log');
  assert.ok(fs.readFileSync(done.data.files[0].path).equals(data));
  ws.close();
});
