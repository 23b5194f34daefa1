// TSG Desk's own benchmark client helpers: start a server from a command line, talk to it over
// WebSocket, seed a library, read a process's memory and CPU from /proc. Needs only this repository:
// `ws` comes from tests/interop/node_modules (tests/run-all.sh installs it) or bench/node_modules.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.dirname(benchDir);

// The folder whose node_modules holds `ws`: bench/ first, then tests/interop/. WS_DIR overrides
// (bench/chunked.sh points it at a copy with `bufferutil` for NATIVE_MASK=1).
export function wsDir() {
  const candidates = [process.env.WS_DIR, benchDir, path.join(repoDir, 'tests/interop')].filter(Boolean);
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'node_modules/ws/package.json')));
  if (!dir) {
    console.error('bench: no `ws` package found; run `npm install` in tests/interop (tests/run-all.sh does)');
    process.exit(2);
  }
  return dir;
}
export const WebSocket = createRequire(path.join(wsDir(), 'package.json'))('ws');
export const wsPath = createRequire(path.join(wsDir(), 'package.json')).resolve('ws');

// `promise`, or a rejection naming `what` once `ms` have passed: no wait in a benchmark is without an end.
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
export const now = () => Number(process.hrtime.bigint()) / 1e6;
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))].toFixed(2) : null;
};
const status = (pid, key) => {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${key}:\\s+(\\d+) kB`));
    return m ? +(Number(m[1]) / 1024).toFixed(1) : null;
  } catch { return null; }
};
export const rssMb = (pid) => status(pid, 'VmRSS');
export const peakRssMb = (pid) => status(pid, 'VmHWM');
// CPU time a process has used (utime + stime, clock ticks of 1/100 s on Linux), in ms.
export const cpuMs = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
export const tmpDir = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

// Starts `cmdTemplate` ({DATA} replaced by dataDir) through `exec`, so the pid is the server's own.
// Resolves once a ws:// URL appears on stdout, with the token from the URL or from server.json.
export function startServer(cmdTemplate, dataDir, { timeoutMs = 120000, env = {} } = {}) {
  const proc = spawn('bash', ['-c', `exec ${cmdTemplate.replaceAll('{DATA}', dataDir)}`], {
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let out = '', err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { killGroup(proc, 'SIGKILL'); reject(new Error(`no ws:// URL within ${timeoutMs} ms: ${err}`)); }, timeoutMs);
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/ws:\/\/(127\.0\.0\.1|localhost):(\d+)\/?(\S*)/);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout.removeAllListeners('data');
      proc.removeAllListeners('exit');
      proc.stdout.resume();
      let token = new URL(m[0]).searchParams.get('token');
      if (!token) try { token = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8')).token; } catch { token = null; }
      const url = `ws://127.0.0.1:${m[2]}/` + (token ? `?token=${encodeURIComponent(token)}` : '');
      resolve({ proc, url, stderr: () => err });
    });
    proc.on('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`server exited early (${code ?? sig}): ${err}`)); });
  });
}

// The server runs in a process group of its own (detached): a signal goes to the whole group.
function killGroup(proc, signal) {
  try { process.kill(-proc.pid, signal); } catch (e) { if (e.code !== 'ESRCH') throw e; }
}

// SIGTERM to the server's group, then SIGKILL after waitMs; resolves once the server has exited, so that its
// data folder can be removed.
export function stopServer(srv, waitMs = 10000) {
  if (srv.proc.exitCode !== null || srv.proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => killGroup(srv.proc, 'SIGKILL'), waitMs);
    srv.proc.once('exit', () => { clearTimeout(t); resolve(); });
    killGroup(srv.proc, 'SIGTERM');
  });
}

// A fresh data folder (optionally seeded and with a config.json), a server on it, fn(srv, data); then
// the server is stopped and the folder removed, in that order.
export async function withServer(cmd, { seed, config } = {}, fn) {
  const data = tmpDir('tsgbench-');
  if (seed) seed(data);
  if (config) fs.writeFileSync(path.join(data, 'config.json'), JSON.stringify(config));
  let srv = null;
  try {
    srv = await startServer(cmd, data);
    return await fn(srv, data);
  } finally {
    if (srv) await stopServer(srv);
    fs.rmSync(data, { recursive: true, force: true });
  }
}

// 1,000 TSGs x 100 files (half in logs/), written to disk before the server starts.
export function seedLibrary(data, tsgs = 1000, filesPerTsg = 100) {
  const stamp = new Date().toISOString();
  for (let t = 0; t < tsgs; t++) {
    const name = `guide-${String(t).padStart(5, '0')}`;
    const dir = path.join(data, 'tsgs', name);
    fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.metadata.json'), JSON.stringify({ name, createdAt: stamp, updatedAt: stamp }));
    for (let f = 0; f < filesPerTsg; f++) fs.writeFileSync(path.join(dir, f % 2 ? 'logs' : '', `f${f}.${f % 2 ? 'log' : 'md'}`), 'x'.repeat(100 + f));
  }
}

// A connection that keeps every text message and lets callers wait for one.
export class Client {
  constructor(ws) {
    this.ws = ws;
    this.messages = [];
    this.waiters = [];
    this.nextId = 1;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = JSON.parse(data.toString());
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => !w(msg));
    });
    ws.on('close', () => { this.waiters.forEach((w) => w(null)); this.waiters = []; });
  }
  static connect(url, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { maxPayload: 1 << 30, handshakeTimeout: timeoutMs });
      const c = new Client(ws);
      ws.once('open', () => resolve(c));
      ws.once('error', reject);
    });
  }
  waitFor(pred, timeoutMs = 60000, from = 0) {
    for (let i = from; i < this.messages.length; i++) if (pred(this.messages[i])) return Promise.resolve(this.messages[i]);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { this.waiters = this.waiters.filter((w) => w !== check); reject(new Error('timeout waiting for a reply')); }, timeoutMs);
      const check = (m) => {
        if (m === null) { clearTimeout(t); reject(new Error('connection closed')); return true; }
        if (!pred(m)) return false;
        clearTimeout(t); resolve(m); return true;
      };
      this.waiters.push(check);
    });
  }
  // Sends a request; resolves with its first reply that is not a progress message.
  request(type, data, timeoutMs = 60000) {
    const requestId = `r${this.nextId++}`;
    const from = this.messages.length;
    this.ws.send(JSON.stringify({ type, sessionId: 'bench', requestId, ...(data === undefined ? {} : { data }) }));
    return this.waitFor((m) => m.requestId === requestId && !/progress$/.test(m.type), timeoutMs, from);
  }
  close() { this.ws.close(); }
}
