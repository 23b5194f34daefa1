// The design document's Step 8 tests, run over the wire against `tsgdesk --headless` with Node's ws.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startTsgdesk, stop, withTimeout } from './harness.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-interop-'));
let server, url;

class Client {
  constructor(ws) { this.ws = ws; this.messages = []; this.waiters = []; this.id = 1;
    ws.on('message', (d) => { const m = JSON.parse(d.toString()); this.messages.push(m); this.waiters = this.waiters.filter((w) => !w(m)); }); }
  static open(u, opts = {}) {
    return withTimeout(new Promise((resolve, reject) => { const ws = new WebSocket(u, opts); ws.once('open', () => resolve(new Client(ws))); ws.once('error', reject); }),
      10000, 'the WebSocket to open');
  }
  request(type, data, until) {
    const requestId = `i${this.id++}`;
    this.ws.send(JSON.stringify({ type, sessionId: 'interop-session', requestId, data }));
    return new Promise((resolve, reject) => {
      const replies = [];
      const t = setTimeout(() => reject(new Error(`no ${until} for ${type}`)), 20000);
      const check = (m) => {
        if (m.requestId !== requestId) return false;
        replies.push(m);
        if (m.type === until || /error$/.test(m.type)) { clearTimeout(t); resolve(replies); return true; }
        return false;
      };
      this.messages.filter((m) => m.requestId === requestId).forEach(check);
      this.waiters.push(check);
    });
  }
  close() { this.ws.close(); }
}

const b64 = (s) => Buffer.from(s).toString('base64');

before(async () => { ({ child: server, url } = await startTsgdesk(dataDir)); });
after(async () => {
  if (server) await stop(server, 'SIGTERM'); // the server writes to dataDir until it has exited
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('should create TSG (reply order, metadata on disk)', async () => {
  const c = await Client.open(url);
  const replies = await c.request('tsg:create', { name: 'test-tsg-123', description: 'Test TSG' }, 'tsg:create:success');
  assert.deepEqual(replies.map((m) => m.type), ['tsg:list:response', 'tsg:create:success']);
  assert.ok(replies[0].data.tsgs.some((t) => t.name === 'test-tsg-123'));
  const meta = JSON.parse(fs.readFileSync(path.join(dataDir, 'tsgs', 'test-tsg-123', '.metadata.json'), 'utf8'));
  assert.equal(meta.name, 'test-tsg-123');
  assert.equal(meta.description, 'Test TSG');
  c.close();
});

test('should upload files to TSG (2 files + 2 directories)', async () => {
  const c = await Client.open(url);
  const files = [
    { path: 'docs/guide.md', content: b64('# Guide\nContent'), type: 'text/markdown', size: 15 },
    { path: 'logs/error.log', content: b64('Error log content'), type: 'text/plain', size: 17 },
  ];
  const replies = await c.request('tsg:upload', { tsgName: 'test-tsg-123', files }, 'tsg:upload:success');
  const types = replies.map((m) => m.type).filter((t) => !t.endsWith(':progress'));
  assert.deepEqual(types, ['tsg:files:response', 'tsg:upload:success']);
  assert.equal(replies.at(-1).data.fileCount, 2);
  const listing = await c.request('tsg:get-files', { name: 'test-tsg-123' }, 'tsg:files:response');
  assert.equal(listing.at(-1).data.files.length, 4);
  assert.ok(listing.at(-1).data.files.find((f) => f.name === 'guide.md'));
  c.close();
});

test('upload validation refuses oversized, .exe and path traversal', async () => {
  const c = await Client.open(url);
  const big = Buffer.alloc(101 * 1024 * 1024).toString('base64');
  for (const [file, words] of [
    [{ path: 'large.log', content: big }, 'exceeds limit'],
    [{ path: 'script.exe', content: b64('MZ') }, 'not allowed'],
    [{ path: '../../../etc/passwd', content: b64('x') }, 'Invalid file path'],
  ]) {
    const replies = await c.request('tsg:upload', { tsgName: 'test-tsg-123', files: [file] }, 'tsg:upload:success');
    const last = replies.at(-1);
    assert.equal(last.type, 'tsg:error');
    assert.equal(last.originalType, 'tsg:upload');
    assert.match(last.message, new RegExp(words));
  }
  assert.ok(!fs.existsSync(path.join(dataDir, 'etc')));
  c.close();
});

test('a second client sees changes; delete removes and can be restored', async () => {
  const a = await Client.open(url);
  const b = await Client.open(url);
  const pushed = new Promise((resolve) => b.waiters.push((m) => (m.type === 'tsg:list:response' && !m.requestId ? (resolve(m), true) : false)));
  const replies = await a.request('tsg:delete', { name: 'test-tsg-123' }, 'tsg:delete:success');
  assert.deepEqual(replies.map((m) => m.type), ['tsg:list:response', 'tsg:delete:success']);
  const seen = await withTimeout(pushed, 10000, 'the list pushed to the second client');
  assert.ok(!seen.data.tsgs.some((t) => t.name === 'test-tsg-123'));
  const restored = await a.request('tsg:restore', { id: replies.at(-1).data.trashId }, 'tsg:restore:success');
  assert.equal(restored.at(-1).data.name, 'test-tsg-123');
  a.close(); b.close();
});

test('session upload keeps both files of the same name', async () => {
  const c = await Client.open(url);
  const one = await c.request('session:upload', { files: [{ name: 'app.log', content: b64('one'), type: 'text/plain', size: 3 }] }, 'session:upload:success');
  const two = await c.request('session:upload', { files: [{ name: 'app.log', content: b64('two'), type: 'text/plain', size: 3 }] }, 'session:upload:success');
  assert.equal(one.at(-1).data.files[0].name, 'app.log');
  assert.notEqual(two.at(-1).data.files[0].name, 'app.log');
  assert.equal(fs.readFileSync(two.at(-1).data.files[0].path, 'utf8'), 'two');
  c.close();
});

test('a foreign Origin is refused even with the token', async () => {
  await assert.rejects(Client.open(url, { origin: 'https://evil.example' }), { message: 'Unexpected server response: 403' });
});
