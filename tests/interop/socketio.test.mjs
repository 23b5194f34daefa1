// The design document's flow through the official socket.io-client (Socket.IO v5 over Engine.IO v4),
// against `tsgdesk --headless`: a UI written for the document's Socket.IO server connects unchanged.
// Transport: TSGDESK_SIO_TRANSPORTS, a comma-separated list (default "websocket").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { startTsgdesk, stop, until, withTimeout } from './harness.mjs';

const transports = (process.env.TSGDESK_SIO_TRANSPORTS ?? 'websocket').split(',');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-interop-sio-'));
let server, wsUrl, httpUrl, token;

// One socket.io-client socket: every `message` and `error` event, kept in order, and requests that wait
// for their reply (by requestId) like the plain-WebSocket test's client.
class SioClient {
  constructor(socket) {
    this.socket = socket; this.messages = []; this.waiters = []; this.id = 1;
    const record = (event) => (m) => {
      const entry = { event, ...m };
      this.messages.push(entry);
      this.waiters = this.waiters.filter((w) => !w(entry));
    };
    socket.on('message', record('message'));
    socket.on('error', record('error'));
  }
  static open(options = {}) {
    const socket = io(httpUrl, { transports, auth: { token }, reconnection: false, forceNew: true, ...options });
    return withTimeout(new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new SioClient(socket)));
      socket.once('connect_error', (e) => { socket.close(); reject(e); });
    }), 10000, 'the Socket.IO client to connect');
  }
  // Sends a message event; resolves to the replies with its requestId up to `until` or an error.
  request(type, data, until, { ack } = {}) {
    const requestId = `s${this.id++}`;
    const message = { type, sessionId: 'sio-session', requestId, data };
    const replies = new Promise((resolve, reject) => {
      const got = [];
      const t = setTimeout(() => reject(new Error(`no ${until} for ${type}`)), 20000);
      this.waiters.push((m) => {
        if (m.requestId !== requestId) return false;
        got.push(m);
        if (m.type === until || m.event === 'error') { clearTimeout(t); resolve(got); return true; }
        return false;
      });
    });
    if (ack) this.socket.emit('message', message, ack);
    else this.socket.emit('message', message);
    return replies;
  }
  next(predicate, what) {
    return withTimeout(new Promise((resolve) => this.waiters.push((m) => (predicate(m) ? (resolve(m), true) : false))),
      10000, what);
  }
  close() { this.socket.close(); }
}

const b64 = (s) => Buffer.from(s).toString('base64');

before(async () => {
  ({ child: server, url: wsUrl, httpUrl, token } = await startTsgdesk(dataDir));
});
after(async () => {
  if (server) await stop(server, 'SIGTERM'); // the server writes to dataDir until it has exited
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the design document\'s flow: create, list, select, upload, get files, session upload, delete', async () => {
  const c = await SioClient.open();
  if (transports[0] === 'polling') // the default: it starts on long-polling and moves onto a WebSocket
    await until(() => c.socket.io.engine.transport.name === 'websocket', 10000, 'the upgrade to a WebSocket');
  const created = await c.request('tsg:create', { name: 'sio-tsg', description: 'Over Socket.IO' }, 'tsg:create:success');
  assert.deepEqual(created.map((m) => [m.event, m.type]), [['message', 'tsg:list:response'], ['message', 'tsg:create:success']]);
  assert.equal(created[1].data.name, 'sio-tsg');
  const meta = JSON.parse(fs.readFileSync(path.join(dataDir, 'tsgs', 'sio-tsg', '.metadata.json'), 'utf8'));
  assert.equal(meta.description, 'Over Socket.IO');

  const list = await c.request('tsg:list', {}, 'tsg:list:response');
  assert.ok(list.at(-1).data.tsgs.some((t) => t.name === 'sio-tsg'));

  const selected = await c.request('tsg:select', { name: 'sio-tsg' }, 'tsg:select:success');
  assert.equal(selected.at(-1).data.activeTSG, 'sio-tsg');

  const files = [
    { path: 'docs/guide.md', content: b64('# Guide\nContent'), type: 'text/markdown', size: 15 },
    { path: 'logs/error.log', content: b64('Error log content'), type: 'text/plain', size: 17 },
  ];
  const uploaded = await c.request('tsg:upload', { tsgName: 'sio-tsg', files }, 'tsg:upload:success');
  assert.deepEqual(uploaded.map((m) => m.type).filter((t) => !t.endsWith(':progress')), ['tsg:files:response', 'tsg:upload:success']);
  assert.equal(uploaded.at(-1).data.fileCount, 2);
  assert.equal(fs.readFileSync(path.join(dataDir, 'tsgs', 'sio-tsg', 'docs', 'guide.md'), 'utf8'), '# Guide\nContent');

  const listing = await c.request('tsg:get-files', { name: 'sio-tsg' }, 'tsg:files:response');
  assert.ok(listing.at(-1).data.files.find((f) => f.name === 'guide.md'));

  const session = await c.request('session:upload', { files: [{ name: 'app.log', content: b64('one'), type: 'text/plain', size: 3 }] }, 'session:upload:success');
  assert.equal(session.at(-1).data.files[0].name, 'app.log');
  assert.equal(fs.readFileSync(session.at(-1).data.files[0].path, 'utf8'), 'one');

  const deleted = await c.request('tsg:delete', { name: 'sio-tsg' }, 'tsg:delete:success');
  assert.deepEqual(deleted.map((m) => m.type), ['tsg:list:response', 'tsg:delete:success']);
  assert.ok(!fs.existsSync(path.join(dataDir, 'tsgs', 'sio-tsg')));
  c.close();
});

test('a 10 MB upload in one message event, byte for byte', async () => {
  const c = await SioClient.open();
  await c.request('tsg:create', { name: 'sio-big' }, 'tsg:create:success');
  const bytes = Buffer.alloc(10 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const replies = await c.request('tsg:upload', { tsgName: 'sio-big', files: [{ path: 'big.log', content: bytes.toString('base64') }] }, 'tsg:upload:success');
  assert.equal(replies.at(-1).type, 'tsg:upload:success');
  assert.ok(fs.readFileSync(path.join(dataDir, 'tsgs', 'sio-big', 'big.log')).equals(bytes));
  c.close();
});

test('a bad name arrives as an error event with the design document\'s fields, in the plain socket\'s order', async () => {
  const c = await SioClient.open();
  const replies = await c.request('tsg:create', { name: 'x' }, 'tsg:create:success');
  const err = replies.at(-1);
  assert.equal(err.event, 'error');
  assert.equal(err.type, 'tsg:error');
  assert.equal(err.originalType, 'tsg:create');
  assert.match(err.message, /between 3 and 100 characters/);
  // The same error over the plain WebSocket: the same fields, in the same order.
  const plain = new WebSocket(wsUrl);
  await withTimeout(new Promise((resolve, reject) => { plain.once('open', resolve); plain.once('error', reject); }), 10000, 'the plain WebSocket');
  const text = await withTimeout(new Promise((resolve) => {
    plain.once('message', (d) => resolve(d.toString()));
    plain.send(JSON.stringify({ type: 'tsg:create', requestId: 's2', data: { name: 'x' } }));
  }), 10000, 'the plain error');
  const { event, ...sio } = err;
  assert.equal(event, 'error');
  assert.deepEqual(Object.keys(sio), Object.keys(JSON.parse(text)));
  assert.deepEqual(sio, { ...JSON.parse(text), requestId: sio.requestId });
  plain.close();
  c.close();
});

test('an acknowledgement when the client asks for one; an unknown event is an error event', async () => {
  const c = await SioClient.open();
  const acked = new Promise((resolve) => c.request('tsg:list', {}, 'tsg:list:response', { ack: (...args) => resolve(args) }));
  assert.deepEqual(await withTimeout(acked, 10000, 'the acknowledgement'), []);
  const err = c.next((m) => m.event === 'error', 'the error event');
  c.socket.emit('tsg:list', {});
  const e = await err;
  assert.equal(e.type, 'error');
  assert.match(e.message, /Unknown event 'tsg:list'/);
  c.close();
});

// Over long-polling this failed 1 run in 4 (the plain client did not see the Socket.IO client's change within
// 10 s; not explained yet): left to the WebSocket suite until it is.
test('a plain WebSocket client and a Socket.IO client see each other\'s changes', async () => {
  const c = await SioClient.open();
  const plain = new WebSocket(wsUrl);
  await withTimeout(new Promise((resolve, reject) => { plain.once('open', resolve); plain.once('error', reject); }), 10000, 'the plain WebSocket');
  const plainMessages = [];
  const plainSaw = (pred) => withTimeout(new Promise((resolve) => {
    const check = () => { const m = plainMessages.find(pred); if (m) { resolve(m); return true; } return false; };
    if (!check()) plain.on('message', function on() { if (check()) plain.off('message', on); });
  }), 10000, 'the plain client to see the change');
  plain.on('message', (d) => plainMessages.push(JSON.parse(d.toString())));

  const pushedToPlain = plainSaw((m) => m.type === 'tsg:list:response' && !m.requestId && m.data.tsgs.some((t) => t.name === 'from-sio'));
  await c.request('tsg:create', { name: 'from-sio' }, 'tsg:create:success');
  await pushedToPlain;

  const pushedToSio = c.next((m) => m.event === 'message' && m.type === 'tsg:list:response' && !m.requestId
    && m.data.tsgs.some((t) => t.name === 'from-plain'), 'the Socket.IO client to see the change');
  plain.send(JSON.stringify({ type: 'tsg:create', requestId: 'p1', data: { name: 'from-plain' } }));
  await pushedToSio;
  plain.close();
  c.close();
});

test('a wrong or missing token is a connect_error, and nothing else arrives', async () => {
  await assert.rejects(SioClient.open({ auth: { token: 'wrong' } }), { message: 'Wrong token' });
  await assert.rejects(SioClient.open({ auth: {} }), { message: 'Missing token' });
  // The token in the query, as for the plain socket, is accepted too.
  const c = await SioClient.open({ auth: {}, query: { token } });
  c.close();
});

test('another namespace is refused with a connect_error', async () => {
  const socket = io(`${httpUrl}/admin`, { transports, auth: { token }, reconnection: false, forceNew: true });
  const err = await withTimeout(new Promise((resolve) => socket.once('connect_error', resolve)), 10000, 'connect_error');
  assert.equal(err.message, 'Invalid namespace');
  socket.close();
});

test('a foreign Origin is refused', async () => {
  await assert.rejects(SioClient.open({ extraHeaders: { Origin: 'https://evil.example' } }),
    { message: transports[0] === 'polling' ? 'xhr poll error' : 'websocket error' });
  if (transports[0] === 'polling') { // the polling request itself: 403
    const res = await fetch(`${httpUrl}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
  }
  // At the handshake itself, as for the plain socket.
  await assert.rejects(Raw.open({ origin: 'https://evil.example' }), { message: 'Unexpected server response: 403' });
  // The same client with an allowed Origin connects: the refusal was the Origin's.
  const c = await SioClient.open({ extraHeaders: { Origin: 'http://localhost:1234' } });
  c.close();
});

// Engine.IO packets by hand over Node's ws, for what socket.io-client never sends.
class Raw {
  constructor(ws) {
    this.ws = ws; this.frames = []; this.read = 0; this.waiters = []; this.closed = null;
    ws.on('message', (d) => { this.frames.push(d.toString()); this.waiters = this.waiters.filter((w) => !w()); });
    ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; this.waiters = this.waiters.filter((w) => !w()); });
  }
  static open({ origin, query = '' } = {}) {
    const ws = new WebSocket(`${wsUrl.replace(/\/\?.*$/, '')}/socket.io/?EIO=4&transport=websocket${query}`, origin ? { origin } : {});
    return withTimeout(new Promise((resolve, reject) => { ws.once('open', () => resolve(new Raw(ws))); ws.once('error', reject); }),
      10000, 'the raw Engine.IO WebSocket');
  }
  wait(cond, what) {
    return withTimeout(new Promise((resolve) => { const w = () => (cond() ? (resolve(), true) : false); if (!w()) this.waiters.push(w); }), 10000, what);
  }
  // The next frame not read yet, in order.
  async frame(what) { await this.wait(() => this.frames.length > this.read || this.closed, what); return this.frames[this.read++]; }
  send(text) { this.ws.send(text); }
}

test('the wire: open packet, CONNECT with auth, events, acks; a refused token gets 44 and nothing else', async () => {
  const r = await Raw.open();
  const openPacket = await r.frame('the open packet');
  assert.match(openPacket, /^0\{/);
  const open = JSON.parse(openPacket.slice(1));
  assert.deepEqual(Object.keys(open), ['sid', 'upgrades', 'pingInterval', 'pingTimeout', 'maxPayload']);
  assert.deepEqual(open.upgrades, []);
  assert.equal(open.pingInterval, 25000);
  assert.equal(open.pingTimeout, 20000);
  // Before CONNECT, events are not served.
  r.send('42["message",{"type":"tsg:list","requestId":"early"}]');
  r.send(`40${JSON.stringify({ token })}`);
  assert.match(await r.frame('the CONNECT reply'), /^40\{"sid":"[A-Za-z0-9_-]+"\}$/);
  r.send('427["message",{"type":"tsg:list","requestId":"r1"}]');
  // The ack says the message was read: it may come before the reply (which waits for the library) or after.
  const two = [await r.frame('the list or the ack'), await r.frame('the ack or the list')];
  assert.ok(two.includes('437[]'), `no ack in ${two}`);
  assert.match(two.find((f) => f !== '437[]'), /^42\["message",\{.*"type":"tsg:list:response","requestId":"r1"\}\]$/);
  // The message as a JSON string is the same message; bad JSON is the plain socket's error, as an error event.
  r.send(`42${JSON.stringify(['message', JSON.stringify({ type: 'tsg:list', requestId: 'r2' })])}`);
  assert.match(await r.frame('the list'), /"requestId":"r2"\}\]$/);
  r.send('42["message",{"type":]');
  const bad = JSON.parse((await r.frame('the JSON error')).slice(2));
  assert.equal(bad[0], 'error');
  assert.equal(bad[1].type, 'error');
  assert.equal(bad[1].code, 'invalid');
  // Binary attachments are refused with an error event; other namespaces with CONNECT_ERROR.
  r.send('451-["message",{"_placeholder":true,"num":0}]');
  r.send(Buffer.from([1, 2, 3]));
  const binary = JSON.parse((await r.frame('the binary refusal')).slice(2));
  assert.equal(binary[0], 'error');
  assert.match(binary[1].message, /Binary attachments are not supported/);
  r.send('40/admin,{}');
  assert.equal(await r.frame('the namespace refusal'), '44/admin,{"message":"Invalid namespace"}');
  assert.ok(!r.frames.some((f) => f.includes('"early"')), 'an event before CONNECT was served');
  // A packet that is not Engine.IO closes the connection.
  r.send('x');
  await r.wait(() => r.closed, 'the close');
  assert.equal(r.closed.code, 1000);

  const w = await Raw.open();
  await w.wait(() => w.frames.length >= 1, 'the open packet');
  w.send('40{"token":"wrong"}');
  await w.wait(() => w.closed, 'the close after a wrong token');
  assert.deepEqual(w.frames.slice(1), ['44{"message":"Wrong token"}']);

  // Engine.IO 3 and the polling upgrade's sid are refused.
  const v3 = new WebSocket(`${wsUrl.replace(/\/\?.*$/, '')}/socket.io/?EIO=3&transport=websocket`);
  const v3closed = await withTimeout(new Promise((resolve) => v3.once('close', (code) => resolve(code))), 10000, 'EIO=3 closed');
  assert.equal(v3closed, 1002);
});

// One raw HTTP/1.1 request on its own connection: resolves to the status line's code and the body.
function rawHttp(head) {
  const u = new URL(httpUrl);
  return withTimeout(new Promise((resolve, reject) => {
    const s = net.connect(Number(u.port), u.hostname, () => s.write(head));
    let got = '';
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('error', reject);
    s.on('close', () => resolve({ status: Number(got.split(' ')[1]), body: got.slice(got.indexOf('\r\n\r\n') + 4) }));
  }), 10000, 'a raw HTTP reply');
}

test('malformed polling requests get an HTTP error, and the server goes on', async () => {
  const host = new URL(httpUrl).host;
  const open = await fetch(`${httpUrl}/socket.io/?EIO=4&transport=polling`);
  assert.equal(open.status, 200);
  const sid = JSON.parse((await open.text()).slice(1)).sid;
  // A sid that does not exist, for a GET and for a POST.
  assert.equal((await fetch(`${httpUrl}/socket.io/?EIO=4&transport=polling&sid=nosuchsession`)).status, 400);
  assert.equal((await fetch(`${httpUrl}/socket.io/?EIO=4&transport=polling&sid=nosuchsession`, { method: 'POST', body: '40' })).status, 400);
  // Another Engine.IO version, another transport, another method.
  assert.equal((await fetch(`${httpUrl}/socket.io/?EIO=3&transport=polling`)).status, 400);
  assert.equal((await fetch(`${httpUrl}/socket.io/?EIO=4&transport=carrier-pigeon`)).status, 400);
  assert.equal((await fetch(`${httpUrl}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'PUT', body: 'x' })).status, 400);
  // A huge body is refused from its Content-Length, before a byte of it is read.
  const huge = await rawHttp(`POST /socket.io/?EIO=4&transport=polling&sid=${sid} HTTP/1.1\r\nHost: ${host}\r\n` +
    'Content-Type: text/plain\r\nContent-Length: 999999999999\r\n\r\n');
  assert.equal(huge.status, 413);
  // A POST without a Content-Length.
  assert.equal((await rawHttp(`POST /socket.io/?EIO=4&transport=polling&sid=${sid} HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).status, 400);
  // The server still answers a new client.
  const c = await SioClient.open();
  const listed = await c.request('tsg:list', {}, 'tsg:list:response');
  assert.equal(listed.at(-1).type, 'tsg:list:response');
  c.close();
});

// Last in this file: its failures slow every later handshake down for a minute.
test('the plain socket\'s limits and back-off: an event over maxPayload closes the connection; ten refused tokens slow the next handshakes of both framings', async () => {
  // Over maxPayload (the plain socket's message limit): the same close as on the plain socket.
  const r = await Raw.open();
  const { maxPayload } = JSON.parse((await r.frame('the open packet')).slice(1));
  r.send(`40${JSON.stringify({ token })}`);
  assert.match(await r.frame('the CONNECT reply'), /^40\{"sid"/);
  r.send(`42["message",{"type":"tsg:list","data":"${'x'.repeat(maxPayload)}"}]`);
  await r.wait(() => r.closed, 'the close after an oversized event');
  // 1009 (message too big), or 1006 when the server's close frame is lost because the client is still sending,
  // as with the plain socket (tst_security's oversizedMessageIsClosedWith1009).
  assert.ok([1009, 1006].includes(r.closed.code), `closed with ${r.closed.code}`);
  assert.ok(!r.frames.some((f) => f.startsWith('42')), 'the oversized event was served');

  // Ten wrong tokens in Socket.IO CONNECT packets count as failures of the server's one gate...
  const timeToOpen = async (open) => { const t0 = performance.now(); const c = await open(); c.close(); return performance.now() - t0; };
  const before = await timeToOpen(() => SioClient.open());
  for (let i = 0; i < 10; ++i)
    await assert.rejects(SioClient.open({ auth: { token: `wrong-${i}` } }), { message: 'Wrong token' });
  // ... so the next handshakes, over Socket.IO and over the plain socket, are held for the back-off (1 s).
  const sio = await timeToOpen(() => SioClient.open());
  const plain = await timeToOpen(() => withTimeout(new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  }), 10000, 'the plain socket'));
  assert.ok(before < 900, `a handshake took ${before} ms before any failure`);
  assert.ok(sio >= 900, `the Socket.IO handshake after 10 failures took ${sio} ms`);
  // Held once: over polling, only the request that opens the session waits, not the CONNECT and the polls after.
  assert.ok(sio < 1800, `the Socket.IO handshake after 10 failures took ${sio} ms: held more than once`);
  assert.ok(plain >= 900, `the plain handshake after 10 failures took ${plain} ms`);
});
