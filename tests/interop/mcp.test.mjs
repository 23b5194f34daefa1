// `tsgdesk mcp` driven by the official MCP client (@modelcontextprotocol/sdk: Client + StdioClientTransport) and,
// for what the client hides (version negotiation, framing errors, a closed stdin), by raw JSON-RPC lines, on a real
// library made on disk: TSGs with metadata, a log longer than one page, an image, symbolic links out of a TSG, a
// session with an upload, config.json's active TSG, and the search index built by `tsgdesk --headless`.
// With TSGDESK_MCP_TRANSPORT=http, the same cases over Streamable HTTP at /mcp of a running `tsgdesk --headless`
// (Client + StreamableHTTPClientTransport with the token as a Bearer header), and raw HTTP for what the client
// hides: sessions, the protocol version header, the token, Origin and Host checks, the limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import Ajv from 'ajv';
import { spawnSync } from 'node:child_process';
import { spawnGroup, startTsgdesk, stop, withTimeout } from './harness.mjs';

const binary = process.env.TSGDESK_BINARY;
const overHttp = process.env.TSGDESK_MCP_TRANSPORT === 'http';
const stdioOnly = { skip: overHttp ? 'stdio only' : false };
const httpOnly = { skip: overHttp ? false : 'HTTP only' };
let root; // holds the data folder and what lies outside it
let dataDir;
let client;
let app; // over HTTP: the running `tsgdesk --headless` that serves /mcp
let port;
let token;
const logLines = Array.from({ length: 3000 }, (_, i) => `2026-12-01T10:00:${String(i % 60).padStart(2, '0')} line ${i + 1} ${i === 2499 ? 'ERR_TUNNEL_TIMEOUT handshake failed' : 'all fine here'}`);
const logText = logLines.join('\n') + '\n';
const readme = '# VPN troubleshooting\n\nStart here when the tunnel does not come up.\n\n1. Check the client log for ERR_TUNNEL_TIMEOUT.\n';
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const manyCount = 150;

function write(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function makeLibrary() {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-mcp-'));
  dataDir = path.join(root, 'data');
  const tsgs = path.join(dataDir, 'tsgs');
  write(path.join(tsgs, 'vpn', '.metadata.json'), JSON.stringify({ description: 'VPN tunnel problems', tags: ['network', 'vpn'] }));
  write(path.join(tsgs, 'vpn', 'README.md'), readme);
  write(path.join(tsgs, 'vpn', 'logs', 'client.log'), logText);
  write(path.join(tsgs, 'vpn', 'steps', 'reset.md'), '# Reset the tunnel\n\nRun `vpnctl reset` and wait for the green light.\n');
  write(path.join(tsgs, 'vpn', 'diagram.png'), png);
  write(path.join(root, 'secret', 'passwords.txt'), 'not for the agent\n');
  fs.symlinkSync(path.join(root, 'secret', 'passwords.txt'), path.join(tsgs, 'vpn', 'outside.md'));
  fs.symlinkSync(path.join(root, 'secret'), path.join(tsgs, 'vpn', 'outdir'));
  write(path.join(tsgs, 'dns', '.metadata.json'), JSON.stringify({ description: 'Name resolution', tags: ['network'] }));
  write(path.join(tsgs, 'dns', 'guide.md'), '# DNS\n\nFlush the resolver cache.\n');
  for (let i = 0; i < manyCount; ++i)
    write(path.join(tsgs, 'many', `f${String(i).padStart(3, '0')}.txt`), `file ${i}\n`);
  write(path.join(dataDir, 'config.json'), JSON.stringify({ activeTSG: 'vpn' }));
  write(path.join(dataDir, 'sessions', 'older', 'files', 'old.log'), 'old\n');
  // Recent sessions: over HTTP the running TSG Desk's cleanup would remove expired ones.
  const hoursAgo = (h) => new Date(Date.now() - h * 3600000).toISOString();
  write(path.join(dataDir, 'sessions', 'older', '.session.json'), JSON.stringify({ sessionId: 'older', sessionMetadata: { createdAt: hoursAgo(3), lastActivity: hoursAgo(2), fileUploadCount: 1 } }));
  write(path.join(dataDir, 'sessions', 'case-42', 'files', 'customer.log'), 'boot\nERR_TUNNEL_TIMEOUT at 10:02\nshutdown\n');
  write(path.join(dataDir, 'sessions', 'case-42', '.session.json'), JSON.stringify({ sessionId: 'case-42', activeTSG: 'vpn', sessionMetadata: { createdAt: hoursAgo(1), lastActivity: hoursAgo(0.5), fileUploadCount: 1 } }));
}

async function connect(args = ['mcp', '--data-dir', dataDir]) {
  const c = new Client({ name: 'tsgdesk-interop', version: '1.0.0' });
  await withTimeout(c.connect(new StdioClientTransport({ command: binary, args, env: { ...process.env, QT_LOGGING_RULES: 'tsgdesk.*.info=false' }, stderr: 'inherit' })), 10000, 'tsgdesk mcp to initialize');
  return c;
}

// The official client over Streamable HTTP to the running server's /mcp, with `bearer` as its token.
async function connectHttp(bearer = token) {
  const c = new Client({ name: 'tsgdesk-interop', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${bearer}` } } });
  await withTimeout(c.connect(transport), 10000, 'the MCP endpoint to initialize');
  return c;
}

// One raw HTTP request to the running server (a TCP connection of its own, every byte as given: no Host unless
// `headers` has one), answered whole since the server closes each connection: {status, headers, body, json}.
function rawHttp({ method = 'POST', target = '/mcp', headers = {}, body = '' }) {
  const head = [`${method} ${target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return withTimeout(new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n${body}`)); // no half-close: Qt ends a connection at its EOF
    const chunks = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const lines = text.slice(0, end).split('\r\n');
      const out = { status: Number(lines[0].split(' ')[1]), headers: {}, body: text.slice(end + 4) };
      for (const line of lines.slice(1)) out.headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      try { out.json = JSON.parse(out.body); } catch { /* not JSON */ }
      resolve(out);
    });
  }), 10000, `the answer to ${method} ${target}`);
}

// The headers of a well-formed MCP POST (Host, token, types), with `extra` added or replacing them (null: left out).
function mcpHeaders(body, extra = {}) {
  const headers = { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'Content-Length': Buffer.byteLength(body), ...extra };
  for (const [k, v] of Object.entries(headers)) if (v === null) delete headers[k];
  return headers;
}

function post(message, extra = {}) {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  return rawHttp({ headers: mcpHeaders(body, extra), body });
}

const initializeWith = (version, id = 1) => ({ jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });

// `tsgdesk mcp` spoken to line by line: send(message) writes one line; reply(id) waits for the reply with that id.
function rawServer() {
  const child = spawnGroup(binary, ['mcp', '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = [];
  const waiters = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.resume();
  const next = (predicate, what) => withTimeout(new Promise((resolve) => {
    const look = () => {
      const found = lines.find((l) => predicate(JSON.parse(l)));
      if (found) resolve(JSON.parse(found)); else waiters.push(look);
    };
    look();
  }), 10000, what);
  return {
    child,
    lines,
    send: (message) => child.stdin.write((typeof message === 'string' ? message : JSON.stringify(message)) + '\n'),
    reply: (id) => next((m) => m.id === id, `the reply to ${id}`),
    next,
  };
}

function text(result) {
  return result.content.filter((c) => c.type === 'text').map((c) => c.text);
}

async function call(name, args) {
  return withTimeout(client.callTool({ name, arguments: args }), 20000, `${name} to answer`);
}

async function callError(name, args, pattern) {
  const result = await call(name, args);
  assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} should fail: ${JSON.stringify(result)}`);
  assert.match(text(result).join('\n'), pattern);
}

// Every path below the data folder with its size and modification time: what a read-only server leaves as it is.
// Over HTTP the running TSG Desk writes its own state (.tsgdesk: the lock, the token, the index; server.json): the
// library's folders and config.json must stay as they were.
function snapshot() {
  const out = {};
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (overHttp && dir === dataDir && ['.tsgdesk', 'server.json'].includes(e.name)) continue;
      const p = path.join(dir, e.name);
      const st = fs.lstatSync(p);
      out[path.relative(dataDir, p)] = `${st.mode}:${st.size}:${st.mtimeMs}`;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dataDir);
  return out;
}
let before_;

before(async () => {
  makeLibrary();
  before_ = snapshot();
  if (overHttp) {
    app = await startTsgdesk(dataDir, { stderr: 'ignore' });
    ({ port, token } = app);
    client = await connectHttp();
  } else {
    client = await connect();
  }
});

after(async () => {
  await client?.close();
  if (app) await stop(app.child, 'SIGTERM');
  fs.rmSync(root, { recursive: true, force: true });
});

test('initialize negotiates 2025-06-18 and 2025-11-25, and offers the newest for any other version', stdioOnly, async () => {
  const server = rawServer();
  try {
    const asks = { a: '2025-06-18', b: '2025-11-25', c: '1999-01-01' };
    for (const [id, version] of Object.entries(asks))
      server.send({ jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
    assert.equal((await server.reply('a')).result.protocolVersion, '2025-06-18');
    assert.equal((await server.reply('b')).result.protocolVersion, '2025-11-25');
    const other = await server.reply('c');
    assert.equal(other.result.protocolVersion, '2025-11-25');
    assert.equal(other.result.serverInfo.name, 'tsgdesk');
    assert.deepEqual(Object.keys(other.result.capabilities).sort(), ['prompts', 'resources', 'tools']);
    assert.equal(client.getServerVersion().name, 'tsgdesk'); // the SDK's own negotiation (its newest version) succeeded
    // A notification gets no reply; a broken line, an unknown method and bad params get JSON-RPC errors.
    server.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    server.send('{"jsonrpc": "2.0", "id": 1, ');
    assert.equal((await server.next((m) => m.id === null, 'the parse error')).error.code, -32700);
    server.send({ jsonrpc: '2.0', id: 'm', method: 'no/such/method' });
    assert.equal((await server.reply('m')).error.code, -32601);
    server.send({ jsonrpc: '2.0', id: 'p', method: 'initialize', params: { protocolVersion: 7 } });
    assert.equal((await server.reply('p')).error.code, -32602);
    server.send({ jsonrpc: '2.0', id: 'ping', method: 'ping' });
    assert.deepEqual((await server.reply('ping')).result, {});
    for (const line of server.lines) assert.equal(JSON.parse(line).jsonrpc, '2.0'); // stdout carries protocol only
  } finally {
    await stop(server.child);
  }
});

test('a closed stdin ends the process', stdioOnly, async () => {
  const server = rawServer();
  server.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
  await server.reply(1);
  server.child.stdin.end();
  const exit = await withTimeout(server.child.exited, 10000, 'tsgdesk mcp to exit once its stdin closed');
  assert.deepEqual(exit, { code: 0, signal: null });
  await stop(server.child);
});

test('tools/list: every tool, each with a valid JSON Schema and a description', async () => {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(),
    ['get_active_tsg', 'list_files', 'list_session_files', 'list_tsgs', 'read_file', 'read_session_file', 'search']);
  const ajv = new Ajv({ strict: true });
  for (const tool of tools) {
    assert.ok(tool.description.length > 40, `${tool.name} has a description`);
    assert.equal(tool.inputSchema.type, 'object');
    const validate = ajv.compile(tool.inputSchema); // throws for a schema that is not valid
    assert.equal(validate({ unknownArgument: 1 }), false, `${tool.name} refuses unknown arguments`);
  }
  const schemaOf = (name) => ajv.compile(tools.find((t) => t.name === name).inputSchema);
  assert.ok(schemaOf('read_file')({ tsg: 'vpn', path: 'README.md', line: 3, lines: 10 }));
  assert.ok(!schemaOf('read_file')({ tsg: 'vpn' }));
  assert.ok(schemaOf('search')({ query: 'tunnel', tsg: 'vpn', limit: 5 }));
  assert.ok(!schemaOf('search')({ query: 'tunnel', limit: 0 }));
});

test('list_tsgs and get_active_tsg', async () => {
  const listed = await call('list_tsgs', {});
  assert.ok(!listed.isError);
  const { tsgs, activeTsg } = listed.structuredContent;
  assert.equal(activeTsg, 'vpn');
  assert.deepEqual(tsgs.map((t) => t.name), ['dns', 'many', 'vpn']);
  const vpn = tsgs.find((t) => t.name === 'vpn');
  assert.equal(vpn.description, 'VPN tunnel problems');
  assert.deepEqual(vpn.tags, ['network', 'vpn']);
  assert.equal(vpn.fileCount, 4); // README, the log, reset.md, the image: the links are not files of the TSG
  assert.equal(vpn.active, true);
  assert.equal(tsgs.find((t) => t.name === 'many').fileCount, manyCount);
  assert.deepEqual(JSON.parse(text(listed).at(-1)), listed.structuredContent);
  const active = await call('get_active_tsg', {});
  assert.equal(active.structuredContent.activeTsg, 'vpn');
  assert.equal(active.structuredContent.tsg.description, 'VPN tunnel problems');
});

test('list_files and read_file, paged by lines and by bytes', async () => {
  const files = await call('list_files', { tsg: 'VPN' }); // any case
  assert.deepEqual(files.structuredContent.files.map((f) => f.path), ['README.md', 'diagram.png', 'logs/client.log', 'steps/reset.md']);
  assert.equal(files.structuredContent.files.find((f) => f.path === 'logs/client.log').size, Buffer.byteLength(logText));

  const whole = await call('read_file', { tsg: 'vpn', path: 'README.md' });
  assert.equal(text(whole)[1], readme);
  assert.match(text(whole)[0], /End of file/);

  // Line pages, each at most 32 KiB, followed through the hint each one gives, put the log back together.
  let args = { tsg: 'vpn', path: 'logs/client.log' };
  let joined = '';
  let pages = 0;
  for (;;) {
    const page = await call('read_file', args);
    assert.ok(!page.isError, text(page)[0]);
    assert.ok(Buffer.byteLength(text(page)[1]) <= 32768);
    joined += text(page)[1];
    ++pages;
    const hint = text(page)[0].match(/To read on, call read_file with (\{.*\})\.$/);
    if (!hint) break;
    args = JSON.parse(hint[1]);
    assert.equal(args.line, page.structuredContent.nextLine);
  }
  assert.equal(joined, logText);
  assert.ok(pages > 1, 'the log takes more than one page');

  const range = await call('read_file', { tsg: 'vpn', path: 'logs/client.log', line: 2500, lines: 2 });
  assert.equal(text(range)[1], `${logLines[2499]}\n${logLines[2500]}\n`);
  assert.match(text(range)[0], /lines 2500-2501 of 3000/);
  assert.equal(range.structuredContent.nextLine, 2502);

  const bytes = await call('read_file', { tsg: 'vpn', path: 'logs/client.log', offset: 10, length: 20 });
  assert.equal(text(bytes)[1], logText.slice(10, 30));
  assert.equal(bytes.structuredContent.nextOffset, 30);

  const image = await call('read_file', { tsg: 'vpn', path: 'diagram.png' });
  const block = image.content.find((c) => c.type === 'image');
  assert.equal(block.mimeType, 'image/png');
  assert.deepEqual(Buffer.from(block.data, 'base64'), png);
});

test('tool errors: a missing TSG, a bad path, ../, a symbolic link out, bad arguments', async () => {
  await callError('list_files', { tsg: 'nope' }, /TSG 'nope' not found/);
  await callError('read_file', { tsg: 'nope', path: 'README.md' }, /TSG 'nope' not found/);
  await callError('read_file', { tsg: 'vpn', path: 'missing.md' }, /missing\.md/);
  await callError('read_file', { tsg: 'vpn', path: '../dns/guide.md' }, /\.\./);
  await callError('read_file', { tsg: 'vpn', path: 'steps/../../dns/guide.md' }, /\.\./);
  await callError('read_file', { tsg: 'vpn', path: '/etc/passwd' }, /./);
  await callError('read_file', { tsg: 'vpn', path: 'outside.md' }, /link/i);
  await callError('read_file', { tsg: 'vpn', path: 'outdir/passwords.txt' }, /link/i);
  await callError('read_file', { tsg: 'vpn' }, /path is required/);
  await callError('read_file', { tsg: 'vpn', path: 'README.md', line: 'one' }, /line must be an integer/);
  await callError('read_file', { tsg: 'vpn', path: 'README.md', line: 1, offset: 5 }, /either offset and length, or line and lines/);
  await callError('search', { query: 'tunnel', tsg: 'nope' }, /TSG 'nope' not found/);
  await callError('read_session_file', { session: 'case-42', name: '../older/files/old.log' }, /./);
  await callError('list_session_files', { session: 'no-such-session' }, /no-such-session/);
  await assert.rejects(call('no_such_tool', {}), (e) => e instanceof McpError && /Unknown tool/.test(e.message));
  for (const result of [await call('list_tsgs', {})]) assert.ok(!result.isError, 'the server still answers');
});

test('list_session_files and read_session_file: the latest session by default', async () => {
  const listed = await call('list_session_files', {});
  assert.equal(listed.structuredContent.session, 'case-42');
  assert.equal(listed.structuredContent.activeTsg, 'vpn');
  assert.deepEqual(listed.structuredContent.files.map((f) => f.name), ['customer.log']);
  const older = await call('list_session_files', { session: 'older' });
  assert.deepEqual(older.structuredContent.files.map((f) => f.name), ['old.log']);
  const read = await call('read_session_file', { name: 'customer.log', line: 2, lines: 1 });
  assert.equal(text(read)[1], 'ERR_TUNNEL_TIMEOUT at 10:02\n');
  assert.match(text(read)[0], /read_session_file with \{"line":3,"name":"customer.log","session":"case-42"\}/);
});

test('reads only: after every tool above, the data folder is as it was (no lock, no index, no file made)', () => {
  assert.deepEqual(snapshot(), before_);
});

test('search: hits with TSG, path, line and snippet, a TSG filter and pages, while the app writes the index', async () => {
  // Over stdio: the app builds the index and holds the writer's lock; the MCP server reads the index beside it.
  // Over HTTP the app is the MCP server. The index is built a shard at a time: wait until every TSG's hits are in.
  let indexer;
  if (!overHttp) {
    await callError('search', { query: 'tunnel' }, /no search index .* yet: TSG Desk builds it/);
    indexer = await startTsgdesk(dataDir, { stderr: 'ignore' });
  }
  try {
    let found;
    const complete = async () => {
      found = await call('search', { query: 'ERR_TUNNEL_TIMEOUT' });
      if (found.isError || !found.structuredContent.hits.some((h) => h.path === 'logs/client.log')) return false;
      const dns = await call('search', { query: 'resolver', tsg: 'dns' });
      const many = await call('search', { query: 'file', tsg: 'many', limit: 1 });
      return !dns.isError && dns.structuredContent.hits.length > 0 && !many.isError && many.structuredContent.total >= manyCount;
    };
    const deadline = Date.now() + 60000;
    while (!(await complete()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const hit = found.structuredContent.hits.find((h) => h.path === 'logs/client.log');
    assert.ok(hit, `a hit in the log: ${JSON.stringify(found.structuredContent)}`);
    assert.equal(hit.tsg, 'vpn');
    assert.equal(hit.line, 2500);
    assert.match(hit.snippet, /\[\[ERR_TUNNEL_TIMEOUT\]\]/);
    assert.equal(hit.uri, 'tsg://vpn/logs/client.log');

    const inDns = await call('search', { query: 'resolver', tsg: 'dns' });
    assert.deepEqual(inDns.structuredContent.hits.map((h) => [h.tsg, h.path, h.line]), [['dns', 'guide.md', 3]]);
    assert.deepEqual((await call('search', { query: 'resolver', tsg: 'vpn' })).structuredContent.hits, []);

    const first = await call('search', { query: 'file', tsg: 'many', limit: 20 });
    assert.equal(first.structuredContent.hits.length, 20);
    assert.ok(first.structuredContent.cursor, 'a cursor for the next page');
    const second = await call('search', { query: 'file', tsg: 'many', limit: 20, cursor: first.structuredContent.cursor });
    assert.equal(second.structuredContent.hits.length, 20);
    const key = (h) => `${h.kind}:${h.path}:${h.line}`;
    assert.equal(new Set([...first.structuredContent.hits, ...second.structuredContent.hits].map(key)).size, 40);
  } finally {
    if (indexer) await stop(indexer.child, 'SIGTERM');
  }
});

test('resources: every TSG file, listed page by page, read by URI, and the template', async () => {
  const uris = [];
  let cursor;
  let pages = 0;
  do {
    const page = await client.listResources(cursor ? { cursor } : {});
    uris.push(...page.resources.map((r) => r.uri));
    cursor = page.nextCursor;
    ++pages;
  } while (cursor);
  assert.equal(pages, 2);
  assert.equal(uris.length, manyCount + 5);
  assert.equal(new Set(uris).size, uris.length);
  assert.ok(uris.includes('tsg://vpn/logs/client.log'));
  assert.ok(!uris.some((u) => u.includes('outside') || u.includes('outdir')), 'links are not resources');

  const read = await client.readResource({ uri: 'tsg://vpn/README.md' });
  assert.deepEqual(read.contents, [{ uri: 'tsg://vpn/README.md', mimeType: 'text/markdown', text: readme }]);
  const image = await client.readResource({ uri: 'tsg://vpn/diagram.png' });
  assert.deepEqual(Buffer.from(image.contents[0].blob, 'base64'), png);
  for (const uri of ['tsg://vpn/..%2Fdns%2Fguide.md', 'tsg://vpn/outside.md', 'tsg://nope/README.md', 'http://vpn/README.md'])
    await assert.rejects(client.readResource({ uri }), (e) => e instanceof McpError, uri);
  await assert.rejects(client.listResources({ cursor: 'not-a-cursor' }), (e) => e instanceof McpError && e.code === -32602);

  const { resourceTemplates } = await client.listResourceTemplates();
  assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate), ['tsg://{tsg}/{+path}']);
});

test('the troubleshoot prompt pulls the active TSG\'s overview into the conversation', async () => {
  const { prompts } = await client.listPrompts();
  assert.deepEqual(prompts.map((p) => p.name), ['troubleshoot']);
  const prompt = await client.getPrompt({ name: 'troubleshoot', arguments: { problem: 'the tunnel drops' } });
  assert.match(prompt.messages[0].content.text, /the tunnel drops/);
  assert.match(prompt.messages[0].content.text, /'vpn'/);
  assert.deepEqual(prompt.messages[1].content, { type: 'resource', resource: { uri: 'tsg://vpn/README.md', mimeType: 'text/markdown', text: readme } });
  const dns = await client.getPrompt({ name: 'troubleshoot', arguments: { tsg: 'dns' } });
  assert.equal(dns.messages[1].content.resource.uri, 'tsg://dns/guide.md');
  await assert.rejects(client.getPrompt({ name: 'troubleshoot', arguments: { tsg: 'nope' } }), (e) => e instanceof McpError && /nope/.test(e.message));
  await assert.rejects(client.getPrompt({ name: 'nope' }), (e) => e instanceof McpError);
});

test('--install-codex and --uninstall-codex edit $CODEX_HOME/config.toml, and codex\'s table starts this server', stdioOnly, async () => {
  const codexHome = path.join(root, 'codex-home');
  write(path.join(codexHome, 'config.toml'), '# mine\nmodel = "o3"\n');
  const env = { ...process.env, CODEX_HOME: codexHome };
  const install = spawnSync(binary, ['mcp', '--install-codex', '--data-dir', dataDir], { env, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  assert.match(install.stdout, /Added \[mcp_servers.tsgdesk\]/);
  const toml = fs.readFileSync(path.join(codexHome, 'config.toml'), 'utf8');
  assert.equal(toml, `# mine\nmodel = "o3"\n\n[mcp_servers.tsgdesk]\ncommand = ${JSON.stringify(fs.realpathSync(binary))}\nargs = ["mcp", "--data-dir", ${JSON.stringify(dataDir)}]\n`);
  // What codex would run: the command and args of the table.
  const command = JSON.parse(toml.match(/^command = (.*)$/m)[1]);
  const args = JSON.parse(toml.match(/^args = (.*)$/m)[1]);
  const c = await connect(args);
  try {
    assert.equal((await c.callTool({ name: 'get_active_tsg', arguments: {} })).structuredContent.activeTsg, 'vpn');
  } finally {
    await c.close();
  }
  assert.ok(path.isAbsolute(command));
  const broken = '[mcp_servers\n';
  fs.writeFileSync(path.join(codexHome, 'config.toml'), broken);
  const refused = spawnSync(binary, ['mcp', '--install-codex'], { env, encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /not valid TOML \(line 1/);
  assert.equal(fs.readFileSync(path.join(codexHome, 'config.toml'), 'utf8'), broken);
  fs.writeFileSync(path.join(codexHome, 'config.toml'), toml);
  const uninstall = spawnSync(binary, ['mcp', '--uninstall-codex'], { env, encoding: 'utf8' });
  assert.equal(uninstall.status, 0, uninstall.stderr);
  assert.equal(fs.readFileSync(path.join(codexHome, 'config.toml'), 'utf8'), '# mine\nmodel = "o3"\n');
});

test('over HTTP: initialize negotiates the version and issues a session, which every later request names', httpOnly, async () => {
  // The official client's own session: its negotiation (the SDK's newest version) succeeded, with a session id.
  assert.equal(client.getServerVersion().name, 'tsgdesk');
  const asks = { '2025-06-18': '2025-06-18', '2025-11-25': '2025-11-25', '1999-01-01': '2025-11-25' };
  const sessions = {};
  for (const [asked, agreed] of Object.entries(asks)) {
    const r = await post(initializeWith(asked));
    assert.equal(r.status, 200, r.body);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.equal(r.headers.connection, 'close');
    assert.equal(r.json.result.protocolVersion, agreed);
    assert.deepEqual(Object.keys(r.json.result.capabilities).sort(), ['prompts', 'resources', 'tools']);
    assert.match(r.headers['mcp-session-id'], /^[0-9a-f]{32}$/);
    sessions[asked] = r.headers['mcp-session-id'];
  }
  assert.equal(new Set(Object.values(sessions)).size, 3);
  const sid = sessions['2025-06-18'];

  // A notification (and a reply of the client's) is 202 without a body; a request gets its JSON-RPC reply.
  const initialized = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, { 'Mcp-Session-Id': sid, 'MCP-Protocol-Version': '2025-06-18' });
  assert.equal(initialized.status, 202);
  assert.equal(initialized.body, '');
  assert.equal((await post({ jsonrpc: '2.0', id: 'x', result: {} }, { 'Mcp-Session-Id': sid })).status, 202);
  const listed = await post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_active_tsg', arguments: {} } }, { 'Mcp-Session-Id': sid, 'MCP-Protocol-Version': '2025-06-18' });
  assert.equal(listed.status, 200);
  assert.equal(listed.json.id, 2);
  assert.equal(listed.json.result.structuredContent.activeTsg, 'vpn');
  // Without MCP-Protocol-Version the session's own version holds.
  assert.deepEqual((await post({ jsonrpc: '2.0', id: 3, method: 'ping' }, { 'Mcp-Session-Id': sid })).json, { jsonrpc: '2.0', id: 3, result: {} });

  // JSON-RPC errors: a method that does not exist (200: a reply), a body that is not JSON or not a message (400).
  const unknown = await post({ jsonrpc: '2.0', id: 4, method: 'no/such/method' }, { 'Mcp-Session-Id': sid });
  assert.equal(unknown.status, 200);
  assert.equal(unknown.json.error.code, -32601);
  const broken = await post('{"jsonrpc": "2.0", "id": 1, ', { 'Mcp-Session-Id': sid });
  assert.equal(broken.status, 400);
  assert.equal(broken.json.error.code, -32700);
  assert.equal(broken.json.id, null);
  assert.equal((await post('[{"jsonrpc":"2.0","id":1,"method":"ping"}]', { 'Mcp-Session-Id': sid })).json.error.code, -32600);

  // The session and the protocol version header: each wrong one is refused with a JSON-RPC error without an id.
  const ping = { jsonrpc: '2.0', id: 5, method: 'ping' };
  const missing = await post(ping);
  assert.equal(missing.status, 400);
  assert.match(missing.json.error.message, /Mcp-Session-Id is required/);
  const unknownSession = await post(ping, { 'Mcp-Session-Id': '0123456789abcdef0123456789abcdef' });
  assert.equal(unknownSession.status, 404);
  assert.match(unknownSession.json.error.message, /Session not found/);
  const otherVersion = await post(ping, { 'Mcp-Session-Id': sid, 'MCP-Protocol-Version': '2025-11-25' });
  assert.equal(otherVersion.status, 400);
  assert.match(otherVersion.json.error.message, /not this session's: it agreed on 2025-06-18/);
  assert.equal((await post(ping, { 'Mcp-Session-Id': sid, 'MCP-Protocol-Version': 'nonsense' })).status, 400);
  assert.equal((await post(initializeWith('2025-06-18'), { 'MCP-Protocol-Version': '1999-01-01' })).status, 400);
  assert.equal((await post(initializeWith('2025-06-18'), { 'Mcp-Session-Id': sid })).status, 400);
  const badParams = await post({ jsonrpc: '2.0', id: 6, method: 'initialize', params: { protocolVersion: 7 } });
  assert.equal(badParams.json.error.code, -32602);
  assert.equal(badParams.headers['mcp-session-id'], undefined);

  // DELETE ends a session: its requests are 404 from then on; the other sessions go on.
  const ended = await rawHttp({ method: 'DELETE', headers: mcpHeaders('', { 'Mcp-Session-Id': sid, 'Content-Type': null, 'Content-Length': null }) });
  assert.equal(ended.status, 204);
  assert.equal((await post(ping, { 'Mcp-Session-Id': sid })).status, 404);
  assert.equal((await rawHttp({ method: 'DELETE', headers: mcpHeaders('', { 'Mcp-Session-Id': sid, 'Content-Length': null }) })).status, 404);
  assert.equal((await post(ping, { 'Mcp-Session-Id': sessions['2025-11-25'] })).status, 200);

  // The official client ends its session with DELETE too (terminateSession), and then starts a new one.
  const other = await connectHttp();
  await other.transport.terminateSession();
  await other.close();
});

test('over HTTP: GET and other methods, Content-Type, size and length are refused before the body is read', httpOnly, async () => {
  const get = await rawHttp({ method: 'GET', headers: mcpHeaders('', { 'Content-Type': null, 'Content-Length': null, Accept: 'text/event-stream' }) });
  assert.equal(get.status, 405);
  assert.equal(get.headers.allow, 'POST, DELETE');
  assert.equal((await rawHttp({ method: 'PUT', headers: mcpHeaders('{}'), body: '{}' })).status, 405);
  const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
  assert.equal((await rawHttp({ headers: mcpHeaders(ping, { 'Content-Type': 'text/plain' }), body: ping })).status, 415);
  // 2 MiB announced: refused as soon as the head is read (the body is never sent here).
  const large = await rawHttp({ headers: mcpHeaders('', { 'Content-Length': 2 << 20 }) });
  assert.equal(large.status, 413);
  assert.match(large.json.error.message, /exceeds 1048576 bytes/);
  assert.equal((await rawHttp({ headers: mcpHeaders('', { 'Content-Length': null, 'Transfer-Encoding': 'chunked' }), body: '0\r\n\r\n' })).status, 411);
  assert.equal((await rawHttp({ headers: mcpHeaders(ping, { 'Content-Length': 'ten' }), body: ping })).status, 400);
  // The server still answers.
  assert.equal((await post(initializeWith('2025-11-25'))).status, 200);
});

// Last: the refusals below count as failures for the slow-down.
test('over HTTP: the token (Bearer only), the Origin and the Host are checked as the WebSocket\'s', httpOnly, async () => {
  const body = JSON.stringify(initializeWith('2025-11-25'));
  const without = await rawHttp({ headers: mcpHeaders(body, { Authorization: null }), body });
  assert.equal(without.status, 401);
  assert.equal(without.headers['www-authenticate'], 'Bearer realm="TSG Desk"');
  assert.match(without.json.error.message, /Missing token/);
  assert.equal(without.json.id, null);
  const wrong = await rawHttp({ headers: mcpHeaders(body, { Authorization: `Bearer ${'0'.repeat(token.length)}` }), body });
  assert.equal(wrong.status, 401);
  assert.match(wrong.headers['www-authenticate'], /error="invalid_token"/);
  // The token in the URL is not taken.
  assert.equal((await rawHttp({ target: `/mcp?token=${token}`, headers: mcpHeaders(body, { Authorization: null }), body })).status, 401);
  // The official client with a wrong token is refused at initialize.
  await assert.rejects(connectHttp('wrong'), /401|Wrong token/);

  // Origin: a browser page elsewhere is refused; one on localhost is served (with the token).
  const foreign = await rawHttp({ headers: mcpHeaders(body, { Origin: 'https://evil.example' }), body });
  assert.equal(foreign.status, 403);
  assert.match(foreign.json.error.message, /Origin 'https:\/\/evil.example' is not allowed/);
  assert.equal((await rawHttp({ headers: mcpHeaders(body, { Origin: 'null' }), body })).status, 403);
  assert.equal((await rawHttp({ headers: mcpHeaders(body, { Origin: 'http://localhost:5173' }), body })).status, 200);

  // Host (DNS rebinding): a name that is not this server, another port, none, two.
  const rebound = await rawHttp({ headers: mcpHeaders(body, { Host: `evil.example:${port}` }), body });
  assert.equal(rebound.status, 403);
  assert.match(rebound.json.error.message, /Host 'evil.example:\d+' is not this server/);
  assert.equal((await rawHttp({ headers: mcpHeaders(body, { Host: `127.0.0.1:${port + 1}` }), body })).status, 403);
  assert.equal((await rawHttp({ headers: mcpHeaders(body, { Host: null }), body })).status, 400);
  assert.equal((await rawHttp({ headers: { ...mcpHeaders(body), host: 'evil.example' }, body })).status, 400);
  assert.equal((await rawHttp({ headers: mcpHeaders(body, { Host: `localhost:${port}` }), body })).status, 200);
});
