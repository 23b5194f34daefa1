#!/usr/bin/env node
// The Socket.IO framing (issue 19) side by side with the plain WebSocket, on one server, in one run:
//   list   — tsg:list round trips, back to back, on a library of --tsgs TSGs x 100 files: p50/p99 per framing;
//   upload — one 10 MB tsg:upload message (10 files of 1 MB, base64) to tsg:upload:success, --uploads times
//            per framing.
// The two framings take turns (plain, Socket.IO, plain, ...) so that the machine's drift hits both alike.
// socket.io-client (over WebSocket only, as `io(url, {transports: ['websocket']})`) comes from tests/interop.
//   node bench/socketio/socketio.mjs --tsgdesk build/app/tsgdesk [--lists 200] [--uploads 6] [--tsgs 1000]
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client, now, pct, repoDir, seedLibrary, withServer } from '../lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const tsgdesk = path.resolve(args.tsgdesk ?? 'build/app/tsgdesk');
const lists = Number(args.lists ?? 200);
const uploads = Number(args.uploads ?? 6);
const tsgs = Number(args.tsgs ?? 1000);
const { io } = createRequire(path.join(repoDir, 'tests/interop/package.json'))('socket.io-client');
const emit = (obj) => console.log(JSON.stringify(obj));
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99) });

// socket.io-client, with the same request(type, data, want) as PlainClient below: resolves with the reply of the
// request's id whose type is `want`, or with its error (replies come as `message` events, errors as `error`).
class SioClient {
  constructor(socket) {
    this.socket = socket;
    this.waiters = new Map();
    this.nextId = 1;
    const deliver = (m) => {
      const w = this.waiters.get(m.requestId);
      if (w && w(m)) this.waiters.delete(m.requestId);
    };
    socket.on('message', deliver);
    socket.on('error', deliver);
  }
  static connect(url) {
    const u = new URL(url);
    const socket = io(`http://${u.host}`, { transports: ['websocket'], auth: { token: u.searchParams.get('token') },
      reconnection: false, forceNew: true });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new SioClient(socket)));
      socket.once('connect_error', reject);
    });
  }
  request(type, data, want) {
    const requestId = `s${this.nextId++}`;
    const reply = new Promise((resolve) => this.waiters.set(requestId, (m) => {
      if (m.type !== want && !/error$/.test(m.type ?? '')) return false;
      resolve(m);
      return true;
    }));
    this.socket.emit('message', { type, sessionId: 'bench', requestId, data });
    return reply;
  }
  close() { this.socket.close(); }
}

// The plain WebSocket (bench/lib.mjs's Client), waiting for the reply of type `want` as SioClient does.
class PlainClient {
  constructor(client) { this.client = client; this.nextId = 1; }
  static async connect(url) { return new PlainClient(await Client.connect(url)); }
  request(type, data, want) {
    const requestId = `p${this.nextId++}`;
    const from = this.client.messages.length;
    this.client.ws.send(JSON.stringify({ type, sessionId: 'bench', requestId, ...(data === undefined ? {} : { data }) }));
    return this.client.waitFor((m) => m.requestId === requestId && (m.type === want || /error$/.test(m.type)), 60000, from);
  }
  close() { this.client.ws.close(); }
}

async function timed(client, type, data, want) {
  const t0 = now();
  const reply = await client.request(type, data, want);
  const ms = now() - t0;
  if (reply.type !== want) throw new Error(`${type}: ${reply.type} ${reply.message ?? ''}`);
  return ms;
}

const cmd = `${tsgdesk} --headless --port 0 --data-dir {DATA}`;
await withServer(cmd, { seed: (data) => seedLibrary(data, tsgs, 100) }, async (srv) => {
  const clients = { plain: await PlainClient.connect(srv.url), socketio: await SioClient.connect(srv.url) };
  const times = { plain: { list: [], upload: [] }, socketio: { list: [], upload: [] } };
  for (const c of Object.values(clients)) await timed(c, 'tsg:list', undefined, 'tsg:list:response'); // warm
  for (let i = 0; i < lists; i++)
    for (const [name, c] of Object.entries(clients)) times[name].list.push(await timed(c, 'tsg:list', undefined, 'tsg:list:response'));
  const content = Buffer.alloc(1 << 20, 'log line 0123456789 abcdefghij\n').toString('base64');
  for (const [name, c] of Object.entries(clients)) await timed(c, 'tsg:create', { name: `upload-${name}` }, 'tsg:create:success');
  for (let i = 0; i < uploads; i++) {
    for (const [name, c] of Object.entries(clients)) {
      const files = Array.from({ length: 10 }, (_, f) => ({ path: `run${i}/f${f}.log`, content }));
      times[name].upload.push(await timed(c, 'tsg:upload', { tsgName: `upload-${name}`, files }, 'tsg:upload:success'));
    }
  }
  for (const name of Object.keys(clients)) {
    emit({ step: 'list', framing: name, tsgs, ms: stats(times[name].list) });
    emit({ step: 'upload', framing: name, mb: 10, ms: stats(times[name].upload) });
  }
  const ratio = (step, p) => +(pct(times.socketio[step], p) / pct(times.plain[step], p)).toFixed(3);
  emit({ step: 'ratio', listP50: ratio('list', 50), uploadP50: ratio('upload', 50), goal: 'within 10 % (<= 1.10)' });
  console.log(`tsg:list (${tsgs} TSGs) p50: plain ${pct(times.plain.list, 50)} ms, Socket.IO ${pct(times.socketio.list, 50)} ms: ` +
    `${ratio('list', 50)}x; 10 MB tsg:upload p50: plain ${pct(times.plain.upload, 50)} ms, Socket.IO ` +
    `${pct(times.socketio.upload, 50)} ms: ${ratio('upload', 50)}x (goal <= 1.10)`);
  for (const c of Object.values(clients)) c.close();
});
