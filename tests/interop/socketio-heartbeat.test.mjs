// Issue 19's heartbeat, over both Engine.IO transports: a Socket.IO client that stops answering pings is dropped
// pingInterval + pingTimeout after the last ping it answered (not much sooner, not much later), its polling sid is
// forgotten, and the chunked upload it began is resumed from a new client like that of any dropped connection:
// upload:list shows it with the bytes received, and the rest completes it byte for byte on disk.
//
// The clients are raw Engine.IO (Node's ws for the WebSocket transport, fetch for long-polling), so the test
// decides when pongs stop. tsgdesk runs with a short heartbeat (TSGDESK_SIO_PING_INTERVAL_MS and
// TSGDESK_SIO_PING_TIMEOUT_MS, the operator's knob of docs/PROTOCOL.md). A chunked upload's binary frames do not
// travel over Socket.IO (docs/PROTOCOL.md, "Not supported"): the Socket.IO client begins, resumes and commits
// the upload, and its bytes go over a plain WebSocket with the same token, as such a client must send them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { header } from '../../docs/chunked-upload.js';
import { startTsgdesk, stop, until, withTimeout } from './harness.mjs';

const PING_INTERVAL = 1500;
const PING_TIMEOUT = 1000;
const DEADLINE = PING_INTERVAL + PING_TIMEOUT;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-interop-sio-heartbeat-'));
let server, wsUrl, httpUrl, token;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

// What both raw clients share: Engine.IO packets in, in order; pings answered while `answerPings` holds (the
// time of the last one answered kept); requests as `message` events, replies matched by requestId.
class EngineClient {
  constructor() {
    this.packets = []; this.waiters = []; this.answerPings = true; this.lastPongAt = 0; this.pings = 0;
    this.closedAt = 0; this.id = 1;
  }
  onPacket(p) {
    this.packets.push(p);
    if (p === '2') {
      this.pings += 1;
      if (this.answerPings) { this.lastPongAt = Date.now(); this.sendPacket('3'); }
    }
    this.wake();
  }
  onClosed() { if (!this.closedAt) this.closedAt = Date.now(); this.wake(); }
  wake() { this.waiters = this.waiters.filter((w) => !w()); }
  wait(cond, what, ms = 10000) {
    return withTimeout(new Promise((resolve) => { const w = () => (cond() ? (resolve(), true) : false); if (!w()) this.waiters.push(w); }), ms, what);
  }
  async connect() {
    this.sendPacket(`40${JSON.stringify({ token })}`);
    await this.wait(() => this.packets.some((p) => /^40\{"sid"/.test(p)), 'the CONNECT reply');
  }
  // The replies to one message event with the requestId it is given, up to one of type `want` (or an error).
  async request(type, data, want) {
    const requestId = `hb${this.id++}`;
    const from = this.packets.length;
    this.sendPacket(`42${JSON.stringify(['message', { type, sessionId: 'heartbeat', requestId, data }])}`);
    const replies = () => this.packets.slice(from).filter((p) => p.startsWith('42[')).map((p) => JSON.parse(p.slice(2)))
      .filter(([, m]) => m.requestId === requestId).map(([event, m]) => ({ event, ...m }));
    await this.wait(() => replies().some((m) => m.type === want || m.event === 'error'), `${want} for ${type}`);
    const got = replies();
    assert.equal(got.at(-1).type, want, JSON.stringify(got.at(-1)));
    return got.at(-1);
  }
}

// The WebSocket transport (no upgrade: EIO=4&transport=websocket).
class WsEngine extends EngineClient {
  static async open() {
    const c = new WsEngine();
    c.ws = new WebSocket(`${wsUrl.replace(/\/\?.*$/, '')}/socket.io/?EIO=4&transport=websocket`);
    c.ws.on('message', (d) => c.onPacket(d.toString()));
    c.ws.on('close', () => c.onClosed());
    await withTimeout(new Promise((resolve, reject) => { c.ws.once('open', resolve); c.ws.once('error', reject); }), 10000, 'the WebSocket');
    await c.wait(() => c.packets.length > 0, 'the open packet');
    c.open = JSON.parse(c.packets[0].slice(1));
    return c;
  }
  sendPacket(p) { this.ws.send(p); }
  close() { this.ws.terminate(); }
}

// The long-polling transport: one GET held at a time, in a loop, each POST on its own request.
class PollingEngine extends EngineClient {
  static async open() {
    const c = new PollingEngine();
    const res = await fetch(`${httpUrl}/socket.io/?EIO=4&transport=polling`);
    assert.equal(res.status, 200);
    const first = (await res.text()).split('\x1e');
    c.open = JSON.parse(first[0].slice(1));
    c.sid = c.open.sid;
    first.forEach((p) => c.onPacket(p));
    c.loop = c.poll();
    return c;
  }
  get url() { return `${httpUrl}/socket.io/?EIO=4&transport=polling&sid=${this.sid}`; }
  async poll() {
    while (!this.closedAt && !this.stopped) {
      const res = await fetch(this.url).catch(() => null);
      if (!res || res.status !== 200) { this.lastStatus = res?.status; this.onClosed(); return; }
      for (const p of (await res.text()).split('\x1e')) {
        if (p === '1') this.onClosed(); else this.onPacket(p);
      }
    }
  }
  sendPacket(p) {
    fetch(this.url, { method: 'POST', body: p, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } })
      .then((res) => { if (res.status !== 200) this.onClosed(); return res.text(); }).catch(() => {});
  }
  close() { this.stopped = true; }
}

// A plain WebSocket for the upload's binary frames; resolves when `bytes` are acknowledged as written.
async function sendFrames(uploadId, data, from, to, step) {
  const ws = new WebSocket(wsUrl);
  await withTimeout(new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); }), 10000, 'the plain WebSocket');
  const acked = new Promise((resolve, reject) => ws.on('message', (d, binary) => {
    if (binary) return;
    const m = JSON.parse(d.toString());
    if (m.type === 'upload:error') reject(new Error(m.message));
    if (m.data?.uploadId === uploadId && m.data.bytesProcessed === to) resolve();
  }));
  for (let offset = from; offset < to; offset += step) {
    const end = Math.min(to, offset + step);
    ws.send(Buffer.concat([Buffer.from(header(uploadId, 0, offset)), data.subarray(offset, end)]));
  }
  await withTimeout(acked, 20000, `the acknowledgement of ${to} bytes`);
  ws.close();
}

before(async () => {
  process.env.TSGDESK_SIO_PING_INTERVAL_MS = String(PING_INTERVAL);
  process.env.TSGDESK_SIO_PING_TIMEOUT_MS = String(PING_TIMEOUT);
  ({ child: server, url: wsUrl, httpUrl, token } = await startTsgdesk(dataDir));
});
after(async () => {
  if (server) await stop(server, 'SIGTERM'); // the server writes to dataDir until it has exited
  fs.rmSync(dataDir, { recursive: true, force: true });
});

for (const [transport, Client] of [['websocket', WsEngine], ['polling', PollingEngine]]) {
  test(`over ${transport}: a client that stops answering pings is dropped after pingInterval + pingTimeout, and its upload resumed`, async (t) => {
    const c = await Client.open();
    assert.equal(c.open.pingInterval, PING_INTERVAL);
    assert.equal(c.open.pingTimeout, PING_TIMEOUT);
    await c.connect();
    const tsgName = `heartbeat-${transport}`;
    await c.request('tsg:create', { name: tsgName }, 'tsg:create:success');
    const data = crypto.randomBytes(600 * 1024);
    const begun = await c.request('tsg:upload:begin',
      { tsgName, files: [{ path: 'logs/dropped.log', size: data.length, sha256: sha(data) }] }, 'upload:ready');
    const { uploadId } = begun.data;
    const sent = 256 * 1024;
    await sendFrames(uploadId, data, 0, sent, 64 * 1024);

    // While it answers, it stays, well past the deadline.
    const pingsBefore = c.pings;
    await sleep(DEADLINE + 1000);
    assert.equal(c.closedAt, 0, 'a client that answers pings was dropped');
    assert.ok(c.pings >= pingsBefore + 2, `only ${c.pings - pingsBefore} pings in ${DEADLINE + 1000} ms`);

    // Then it stops answering: dropped pingInterval + pingTimeout after the last ping it answered.
    await c.wait(() => c.pings > pingsBefore + 2, 'one more ping', PING_INTERVAL * 2);
    c.answerPings = false;
    const lastPong = c.lastPongAt;
    await c.wait(() => c.closedAt, 'the drop', DEADLINE * 3);
    const after = c.closedAt - lastPong;
    t.diagnostic(`${transport}: dropped ${after} ms after its last pong (pingInterval + pingTimeout = ${DEADLINE} ms)`);
    assert.ok(after >= DEADLINE - 250, `dropped ${after} ms after the last pong, before pingInterval + pingTimeout (${DEADLINE} ms)`);
    assert.ok(after <= DEADLINE + 1500, `dropped ${after} ms after the last pong, long after pingInterval + pingTimeout (${DEADLINE} ms)`);
    if (transport === 'polling') { // its sid is forgotten
      await c.loop;
      const res = await fetch(c.url);
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { code: 1, message: 'Session ID unknown' });
      const post = await fetch(c.url, { method: 'POST', body: '3' });
      assert.equal(post.status, 400);
    }
    c.close();

    // A new client finds the upload with what it holds, resumes it, sends the rest and commits it.
    const n = await Client.open();
    await n.connect();
    const listed = await n.request('upload:list', {}, 'upload:list:response');
    const open = listed.data.uploads.find((u) => u.uploadId === uploadId);
    assert.ok(open, `upload ${uploadId} not listed: ${JSON.stringify(listed.data)}`);
    assert.equal(open.tsgName, tsgName);
    assert.equal(open.files[0].received, sent);
    assert.equal(open.bytesReceived, sent);
    const resumed = await n.request('upload:resume', { uploadId }, 'upload:ready');
    assert.equal(resumed.data.files[0].received, sent);
    await sendFrames(uploadId, data, sent, data.length, 100 * 1024);
    const committed = await n.request('upload:commit', { uploadId }, 'tsg:upload:success');
    assert.equal(committed.data.tsgName ?? tsgName, tsgName);
    assert.ok(fs.readFileSync(path.join(dataDir, 'tsgs', tsgName, 'logs', 'dropped.log')).equals(data), 'the file on disk differs');
    const after2 = await n.request('upload:list', {}, 'upload:list:response');
    assert.ok(!after2.data.uploads.some((u) => u.uploadId === uploadId), 'the committed upload is still listed');
    n.close();
  });
}

// The heartbeat is the server's: nothing a client sends in the handshake changes it.
test('a client cannot change the heartbeat', async () => {
  const res = await fetch(`${httpUrl}/socket.io/?EIO=4&transport=polling&pingInterval=100&pingTimeout=100`);
  const open = JSON.parse((await res.text()).split('\x1e')[0].slice(1));
  assert.equal(open.pingInterval, PING_INTERVAL);
  assert.equal(open.pingTimeout, PING_TIMEOUT);
});
