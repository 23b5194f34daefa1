// What every interop test shares: child processes that can be stopped for good before their folders
// are removed, waits that fail with a message instead of hanging, and `tsgdesk --headless` itself.
//
// A child runs in a process group of its own (Chromium starts a dozen processes) and carries a marker
// in its environment (Chromium's crash handler leaves the group). stop() signals the group, waits for
// the exit event, then until no process of the group or with the marker is left; only then may a test
// remove the folders they write to. Children still running when Node exits are killed.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';

const running = new Set();
process.on('exit', () => { for (const child of running) killGroup(child, 'SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.once(signal, () => process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]));

// Rejects with "timed out after N ms waiting for <what>" unless `promise` settles first.
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Checks `condition` every 20 ms until it holds; rejects after `ms` like withTimeout.
export async function until(condition, ms, what) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// spawn() in a new process group, marked and tracked: stop it with stop().
export function spawnGroup(command, args, options = {}) {
  const marker = crypto.randomUUID();
  const child = spawn(command, args, { ...options, detached: true, env: { ...(options.env ?? process.env), TSGDESK_TEST_CHILD: marker } });
  child.marker = marker;
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  running.add(child);
  return child;
}

export function killGroup(child, signal) {
  try { process.kill(-child.pid, signal); } catch (e) { if (e.code !== 'ESRCH') throw e; }
}

// Processes still running (zombies do not count) in the child's group or with its marker.
function lingering(child) {
  const left = [];
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      if (Number(pgrp) === child.pid || fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`TSGDESK_TEST_CHILD=${child.marker}`))
        left.push(Number(pid));
    } catch { /* gone meanwhile, or not ours to read */ }
  }
  return left;
}

// Sends `signal` to the child's group and waits (up to `ms`) for the exit event, then for every process
// of the group, and any that left it, to be gone (SIGKILLing what is left once the main process is).
// A SIGTERM that takes longer than `ms` is followed by a SIGKILL. Resolves to the child's {code, signal}.
export async function stop(child, signal = 'SIGKILL', ms = 15000) {
  const what = `${child.spawnfile} (pid ${child.pid}) to exit`;
  killGroup(child, signal);
  const exit = await withTimeout(child.exited, ms, `${what} on ${signal}`).catch((e) => {
    if (signal === 'SIGKILL') throw e;
    killGroup(child, 'SIGKILL');
    return withTimeout(child.exited, ms, `${what} on SIGKILL`);
  });
  await until(() => {
    const left = lingering(child);
    for (const pid of left) try { process.kill(pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
    return left.length === 0;
  }, ms, `the processes ${child.spawnfile} (pid ${child.pid}) started to exit`);
  running.delete(child);
  return exit;
}

// `tsgdesk --headless` on dataDir, on a free port: resolves to {child, url, port, token, httpUrl} once it prints its URL.
export async function startTsgdesk(dataDir, { stderr = 'inherit' } = {}) {
  const child = spawnGroup(process.env.TSGDESK_BINARY, ['--headless', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', stderr] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/tsgdesk listening on (ws:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.exited.then(({ code, signal }) => reject(new Error(`tsgdesk exited (${code ?? signal}) before printing its URL`)));
  });
  try {
    const printed = await withTimeout(url, 20000, 'tsgdesk to print its URL');
    const u = new URL(printed);
    return { child, url: printed, port: Number(u.port), token: u.searchParams.get('token'), httpUrl: `http://${u.host}` };
  } catch (e) {
    await stop(child);
    throw e;
  }
}

// One request over the protocol on a connection of its own, from Node: resolves to its final reply (the listing
// for tsg:list, tsg:get-files, cleanup:status and settings:get; else the first reply that is not a progress or a
// push), rejects with an error reply's message.
export async function protocolCall(port, token, type, data) {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?token=${token}`);
  await withTimeout(new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); }), 10000, 'the WebSocket to open');
  try {
    return await withTimeout(new Promise((ok, fail) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString());
        if (m.requestId !== 'n') return;
        const final = { 'tsg:list': 'tsg:list:response', 'tsg:get-files': 'tsg:files:response', 'cleanup:status': 'cleanup:status:response', 'settings:get': 'settings:response' }[type];
        if (m.type.endsWith('error')) fail(new Error(m.message));
        else if (final ? m.type === final : !m.type.endsWith(':progress') && m.type !== 'tsg:list:response' && m.type !== 'tsg:files:response') ok(m);
      });
      ws.send(JSON.stringify({ type, requestId: 'n', sessionId: 'node', data }));
    }), 20000, `${type} to be answered`);
  } finally { ws.close(); }
}
