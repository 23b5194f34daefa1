// The browser UI served by TSG Desk itself, in a real browser: headless Chromium (Debian's chromium),
// driven by puppeteer-core over the DevTools protocol, against `tsgdesk --headless`. The page loads from
// http://127.0.0.1:PORT/#token=… and clears the fragment; lists, searches, creates a TSG, uploads a
// folder (a drop built from the DevTools protocol's file chooser), renders a markdown guide whose XSS
// attempts never run, opens a log at a search hit's line; without a token it says where to find one.
// Waits poll on a timer, not on animation frames: a tab in the background gets none.
// SCREENSHOTS=dir saves the main views (light and dark) there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChromium, clickTsg, clickTree } from './browser.mjs';
import { protocolCall, spawnGroup, startTsgdesk, stop } from './harness.mjs';

const SHOTS = process.env.SCREENSHOTS;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-webui-'));
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-webui-files-'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-webui-profile-'));
let server, chromium, browser, port, token;

const GUIDE = `# VPN handshake guide

Check the **tunnel** first, then the logs.

<script>window.__xss = 'script'</script>

<img src="x" onerror="window.__xss = 'onerror'">

[a javascript link](javascript:window.__xss='link') and <a href="javascript:window.__xss='anchor'">another</a>

<iframe src="javascript:window.__xss='iframe'"></iframe>

<svg><script>window.__xss='svg'</script><a xlink:href="javascript:window.__xss='svg-link'"><text>x</text></a></svg>

<form action="javascript:window.__xss='form'"><button>go</button></form>

<details open ontoggle="window.__xss='toggle'"><summary>more</summary></details>

| step | what |
|---|---|
| 1 | restart the agent |
`;
const LOG = Array.from({ length: 400 }, (_, i) => (i + 1 === 321 ? '09:04 ERROR zebrafish handshake timeout' : `09:00 line ${i + 1} ok`)).join('\n') + '\n';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGNkYPj/n4GBgYGJgYGBAQAWCAIDpP2aZwAAAABJRU5ErkJggg==', 'base64');
// 15 October 2025, 12:00 UTC: the date of a piece of evidence on disk, which an upload must keep.
const EVIDENCE_TIME = Date.UTC(2025, 9, 15, 12, 0, 0);

const call = (type, data) => protocolCall(port, token, type, data);
const b64 = (s) => Buffer.from(s).toString('base64');

before(async () => {
  ({ child: server, port, token } = await startTsgdesk(dataDir));
  await call('tsg:create', { name: 'vpn-issues', description: 'Tunnel drops after sleep', tags: ['network', 'vpn'] });
  await call('tsg:create', { name: 'printer jams', tags: ['office'] });
  // Names may not hold < or >: the markup goes in the description and a tag, the handler in the name.
  await call('tsg:create', { name: "x' onerror='window.__xss=1", description: '<script>window.__xss=2</script><img src=x onerror="window.__xss=3">',
    tags: ['<img src=x onerror="window.__xss=4">', 'javascript:window.__xss=5'] });
  await call('tsg:upload', { tsgName: 'vpn-issues', files: [
    { path: 'guide.md', content: b64(GUIDE) },
    { path: 'logs/agent.log', content: b64(LOG) },
    { path: 'images/topology.png', content: PNG.toString('base64') },
  ] });
  // A folder on disk for the upload: evidence/{readme.md, logs/a.log, logs/deep/b.txt}
  fs.mkdirSync(path.join(filesDir, 'evidence', 'logs', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(filesDir, 'evidence', 'readme.md'), '# Evidence\n');
  fs.writeFileSync(path.join(filesDir, 'evidence', 'logs', 'a.log'), 'a\n'.repeat(1000));
  fs.writeFileSync(path.join(filesDir, 'evidence', 'logs', 'deep', 'b.txt'), 'b\n');
  fs.utimesSync(path.join(filesDir, 'evidence', 'logs', 'a.log'), EVIDENCE_TIME / 1000, EVIDENCE_TIME / 1000);

  ({ child: chromium, browser } = await startChromium(profile));
});

after(async () => {
  if (browser) await browser.disconnect().catch(() => {});
  if (chromium) await stop(chromium);
  if (server) await stop(server, 'SIGTERM');
  for (const dir of [dataDir, filesDir, profile]) fs.rmSync(dir, { recursive: true, force: true });
});

// A new tab at 1280×800, recording page errors and every request it makes.
async function tab({ dark = false, width = 1280, height = 800 } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
  page.errors = [];
  page.requests = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('dialog', (d) => {
    if (d.type() === 'beforeunload') return d.accept(); // "leave with an upload running?": yes
    page.errors.push(`dialog: ${d.message()}`);
    return d.dismiss();
  });
  return page;
}
async function open(page, withToken = true) {
  await page.goto(`http://127.0.0.1:${port}/${withToken ? `#token=${token}` : ''}`, { waitUntil: 'load' });
  if (withToken) await page.waitForFunction(() => document.querySelector('#conn')?.textContent === 'Connected', { timeout: 10000, polling: 100 });
}
async function shot(page, name) {
  if (SHOTS) { fs.mkdirSync(SHOTS, { recursive: true }); await page.screenshot({ path: path.join(SHOTS, `${name}.png`) }); }
}
const texts = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent));
const xssRan = (page) => page.evaluate(() => window.__xss);

test('loads with the token from the fragment, clears it, and lists the TSGs', { timeout: 60000 }, async () => {
  const page = await tab();
  await open(page);
  assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address bar');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('tsgdesk.token')), token);
  await page.waitForFunction(() => document.querySelectorAll('#tsg-list .tsg-item').length === 3, { timeout: 10000, polling: 100 });
  const names = await texts(page, '#tsg-list .tsg-name');
  assert.deepEqual(names.sort(), ["x' onerror='window.__xss=1", 'printer jams', 'vpn-issues'].sort());
  // No request of the page carried the token in its URL but the WebSocket's own.
  // (A fragment is never sent: what reaches the server is the URL without it.)
  assert.ok(page.requests.length >= 5);
  for (const url of page.requests) assert.ok(!url.split('#')[0].includes(token), `a request with the token: ${url.replace(token, 'TOKEN')}`);
  // A TSG named like markup is text: nothing of it ran.
  await clickTsg(page, "x'*");
  await page.waitForSelector('#center .tsg-header');
  assert.match(await page.$eval('#center .description', (e) => e.textContent), /^<script>/);
  assert.equal(await page.$$eval('#center .tags .tag', (els) => els.length), 2);
  await page.click('#center .tags .tag');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  assert.equal(await xssRan(page), undefined);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('without a token the page says where to find one', { timeout: 30000 }, async () => {
  const page = await tab();
  await open(page, false);
  await page.waitForSelector('#token-help:not([hidden])');
  const help = await page.$eval('#token-help', (e) => e.textContent);
  assert.match(help, /Open in browser/);
  assert.match(help, /server\.json/);
  assert.match(help, /tray/);
  await shot(page, 'browser-no-token');
  await page.close();
});

test('searches as you type, filters by tag, and opens a log at the hit line', { timeout: 60000 }, async () => {
  const page = await tab();
  await open(page);
  await page.select('#tag-filter', 'office');
  assert.deepEqual(await texts(page, '#tsg-list .tsg-name'), ['printer jams']);
  await page.select('#tag-filter', '');
  await page.focus('#search');
  await page.keyboard.type('zebrafish');
  await page.waitForSelector('#center .hit', { timeout: 10000 });
  assert.match(await page.$eval('#center .hit', (e) => e.textContent), /logs\/agent\.log:321/);
  assert.equal(await page.$eval('#center .hit mark', (e) => e.textContent), 'zebrafish');
  await shot(page, 'browser-search');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#preview tr.hit-line', { timeout: 10000 });
  assert.equal(await page.$eval('#preview tr.hit-line td.ln', (e) => e.textContent), '321');
  assert.match(await page.$eval('#preview tr.hit-line td.lc', (e) => e.textContent), /zebrafish/);
  // The hit line is scrolled into view.
  const visible = await page.$eval('#preview tr.hit-line', (row) => {
    const r = row.getBoundingClientRect();
    const box = row.closest('.lines-scroll').getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom;
  });
  assert.ok(visible, 'line 321 is in view');
  await shot(page, 'browser-log-at-line');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('previews markdown rendered and sanitised: the XSS guide runs nothing', { timeout: 60000 }, async () => {
  for (const dark of [false, true]) {
    const page = await tab({ dark });
    await open(page);
    await clickTsg(page, 'vpn-issues');
    await page.waitForSelector('#center table.files');
    await clickTree(page, 'tree-file', 'guide.md');
    await page.waitForSelector('#preview article.markdown h1');
    assert.equal(await page.$eval('#preview article.markdown h1', (e) => e.textContent), 'VPN handshake guide');
    assert.equal(await page.$eval('#preview article.markdown strong', (e) => e.textContent), 'tunnel');
    assert.ok(await page.$('#preview article.markdown table'));
    assert.equal(await page.$eval('#preview article.markdown', (e) => e.textContent.includes('a javascript link')), true);
    const bad = await page.$eval('#preview article.markdown', (root) => [...root.querySelectorAll('*')].flatMap((el) => {
      const out = [];
      if (/^(script|iframe|form|object|embed|style)$/i.test(el.tagName)) out.push(el.tagName);
      for (const a of el.attributes) if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) out.push(`${el.tagName} ${a.name}=${a.value}`);
      return out;
    }));
    assert.deepEqual(bad, []);
    // Give anything that could run a moment to do so, by a round trip through the page's event loop.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    assert.equal(await xssRan(page), undefined);
    await shot(page, dark ? 'browser-dark' : 'browser-light');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('creates a TSG from the page', { timeout: 60000 }, async () => {
  const page = await tab();
  await open(page);
  await page.click('#new-tsg');
  await page.waitForSelector('#dialog[open] #field-name');
  await page.type('#field-name', 'Created in browser');
  await page.type('#field-description', 'From the web UI');
  await page.type('#field-tags', 'web, test');
  await shot(page, 'browser-new-tsg');
  assert.ok(!/null|undefined/.test(await page.$eval('#dialog', (e) => e.textContent)), 'no stray null or undefined in the dialog');
  await page.click('#dialog button[type=submit]');
  await page.waitForSelector('#tsg-list .tsg-item[data-name="Created in browser"]', { timeout: 10000 });
  const list = await call('tsg:list', {});
  const tsg = list.data.tsgs.find((t) => t.name === 'Created in browser');
  assert.ok(tsg);
  assert.equal(tsg.description, 'From the web UI');
  assert.deepEqual(tsg.tags, ['web', 'test']);
  // A name the server refuses is reported in the dialog, which stays open.
  await page.click('#new-tsg');
  await page.waitForSelector('#dialog[open] #field-name');
  await page.type('#field-name', 'vpn-ISSUES');
  await page.click('#dialog button[type=submit]');
  await page.waitForFunction(() => /already taken/.test(document.querySelector('#dialog .error')?.textContent || ''), { timeout: 10000, polling: 100 });
  await page.keyboard.press('Escape');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('uploads a folder dropped on a TSG, keeping its tree', { timeout: 90000 }, async () => {
  const page = await tab();
  await open(page);
  await clickTsg(page, 'printer jams');
  await page.waitForSelector('#dropzone');
  // The folder button, through the DevTools protocol's file chooser: the files with their paths.
  const [chooser] = await Promise.all([page.waitForFileChooser(), page.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((b) => b.textContent === 'Upload folder…').click())]);
  await chooser.accept([path.join(filesDir, 'evidence')]);
  await page.waitForFunction(() => /Uploaded 3 files/.test(document.querySelector('#notices')?.textContent || ''), { timeout: 30000, polling: 100 });
  const files = (await call('tsg:get-files', { name: 'printer jams' })).data.files.filter((f) => !f.isDirectory).map((f) => f.path).sort();
  assert.deepEqual(files, ['evidence/logs/a.log', 'evidence/logs/deep/b.txt', 'evidence/readme.md']);
  // The evidence keeps its date: the File's lastModified went as mtime, and the stored file has it.
  assert.equal(fs.statSync(path.join(dataDir, 'tsgs', 'printer jams', 'evidence', 'logs', 'a.log')).mtimeMs, EVIDENCE_TIME);
  const listed = (await call('tsg:get-files', { name: 'printer jams' })).data.files.find((f) => f.path === 'evidence/logs/a.log');
  assert.equal(Date.parse(listed.modifiedAt), EVIDENCE_TIME);
  // A drop of a folder: a DataTransfer built in the page, whose entries are a folder tree.
  await page.evaluate(() => {
    const file = (name, text) => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File([text], name)) });
    const dir = (name, children) => ({ isFile: false, isDirectory: true, name, createReader: () => { let done = false; return { readEntries: (ok) => { ok(done ? [] : children); done = true; } }; } });
    const tree = dir('dropped', [file('notes.md', '# dropped\n'), dir('inner', [file('x.log', 'x\n')])]);
    const dt = new DataTransfer();
    Object.defineProperty(dt, 'items', { value: [{ kind: 'file', webkitGetAsEntry: () => tree }] });
    const zone = document.querySelector('#dropzone');
    for (const type of ['dragover', 'drop']) {
      const event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: new DataTransfer() });
      Object.defineProperty(event, 'dataTransfer', { value: dt });
      zone.dispatchEvent(event);
    }
  });
  await page.waitForFunction(() => /Uploaded 2 files/.test(document.querySelector('#notices')?.textContent || ''), { timeout: 30000, polling: 100 });
  const after = (await call('tsg:get-files', { name: 'printer jams' })).data.files.filter((f) => !f.isDirectory).map((f) => f.path);
  assert.ok(after.includes('dropped/notes.md') && after.includes('dropped/inner/x.log'), after.join(', '));
  // The tree shows the folders; opening one shows its files with sizes.
  await clickTree(page, 'tree-folder', 'dropped');
  await page.waitForSelector('xpath/.//button[contains(@class,"tree-file") and text()="notes.md"]');
  await shot(page, 'browser-upload');
  // A path the server would refuse is listed before anything is sent.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], '.hidden'));
    dt.items.add(new File(['MZ'], 'run.exe'));
    const event = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt });
    document.querySelector('#dropzone').dispatchEvent(event);
  });
  await page.waitForSelector('#dialog[open] .problems li');
  const problems = await page.$$eval('#dialog .problems li', (els) => els.map((e) => e.textContent));
  assert.match(problems[0], /hidden/);
  assert.ok(problems.some((p) => /run\.exe: File type '\.exe' is not allowed/.test(p)), problems.join('\n'));
  await shot(page, 'browser-upload-problems');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('two tabs see each other: rename, tags, active, delete to the trash and restore', { timeout: 90000 }, async () => {
  await call('tsg:create', { name: 'shared one', description: 'first' });
  const a = await tab();
  const b = await tab();
  await open(a);
  await open(b);
  await a.bringToFront();
  await clickTsg(a, 'shared one');
  await b.bringToFront();
  await clickTsg(b, 'shared one');
  await a.waitForSelector('#center .tsg-header');
  // Rename and retag in tab A: tab B follows.
  await a.bringToFront();
  await a.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((x) => x.textContent === 'Edit…').click());
  await a.waitForSelector('#dialog[open] #field-name');
  await a.$eval('#field-name', (e) => { e.value = ''; });
  await a.type('#field-name', 'shared renamed');
  await a.$eval('#field-tags', (e) => { e.value = ''; });
  await a.type('#field-tags', 'live, second');
  await a.click('#dialog button[type=submit]');
  await b.waitForSelector('#tsg-list .tsg-item[data-name="shared renamed"]', { timeout: 10000 });
  assert.equal(await b.$('#tsg-list .tsg-item[data-name="shared one"]'), null);
  await b.bringToFront();
  await clickTsg(b, 'shared renamed');
  await b.waitForFunction(() => [...document.querySelectorAll('#center .tags .tag')].map((t) => t.textContent).join() === 'live,second', { timeout: 10000, polling: 100 });
  // Set active in B: A shows the badge.
  await b.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((x) => x.textContent === 'Set active').click());
  await a.waitForSelector('#tsg-list .tsg-item[data-name="shared renamed"] .badge', { timeout: 10000 });
  assert.equal((await call('tsg:list', {})).data.activeTSG, 'shared renamed');
  await a.bringToFront();
  await a.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((x) => x.textContent === 'Clear active').click());
  await b.waitForFunction(() => !document.querySelector('#tsg-list .badge'), { timeout: 10000, polling: 100 });
  // Delete in A (to the trash), restore from B's trash view.
  await a.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((x) => x.textContent === 'Delete…').click());
  await a.waitForSelector('#dialog[open] button.danger');
  await a.click('#dialog button[type=submit]');
  await b.waitForFunction(() => !document.querySelector('#tsg-list .tsg-item[data-name="shared renamed"]'), { timeout: 10000, polling: 100 });
  await b.bringToFront();
  await b.click('#nav-trash');
  const restore = await b.waitForSelector('#center button[aria-label="Restore shared renamed"]', { timeout: 10000 });
  await shot(b, 'browser-trash');
  await restore.click();
  await a.waitForSelector('#tsg-list .tsg-item[data-name="shared renamed"]', { timeout: 10000 });
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.close();
  await b.close();
});

test('deletes a file, and previews an image', { timeout: 60000 }, async () => {
  const page = await tab();
  await open(page);
  await clickTsg(page, 'vpn-issues');
  await clickTree(page, 'tree-folder', 'images');
  await clickTree(page, 'tree-file', 'topology.png');
  await page.waitForSelector('#preview img.preview-image');
  await page.waitForFunction(() => document.querySelector('#preview img.preview-image').naturalWidth === 2, { timeout: 10000, polling: 100 });
  await page.click('#center button[aria-label="Delete images/topology.png"]');
  await page.waitForSelector('#dialog[open] button.danger');
  await page.click('#dialog button[type=submit]');
  await page.waitForFunction(() => !document.querySelector('#center button[aria-label="Delete images/topology.png"]'), { timeout: 10000, polling: 100 });
  const files = (await call('tsg:get-files', { name: 'vpn-issues' })).data.files.map((f) => f.path);
  assert.ok(!files.includes('images/topology.png'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('uploads into the tab\'s session and lists its files', { timeout: 60000 }, async () => {
  const page = await tab();
  await open(page);
  await page.click('#nav-session');
  await page.waitForSelector('#center .session-form');
  const [chooser] = await Promise.all([page.waitForFileChooser(), page.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((b) => b.textContent === 'Upload files…').click())]);
  await chooser.accept([path.join(filesDir, 'evidence', 'readme.md')]);
  await page.waitForSelector('xpath/.//button[contains(@class,"tree-file") and text()="readme.md"]', { timeout: 20000 });
  await shot(page, 'browser-session');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a page loaded from a foreign Host gets nothing', { timeout: 30000 }, async () => {
  // What a DNS-rebound name looks like to the server: the right address, another Host.
  const page = await tab();
  await page.setExtraHTTPHeaders({});
  const reply = await new Promise((resolve, reject) => {
    import('node:http').then(({ default: http }) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/', headers: { Host: `rebound.example:${port}` } }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.on('error', reject);
      req.end();
    });
  });
  assert.equal(reply.status, 403);
  assert.ok(!reply.body.includes('<script'));
  await page.close();
});

test('an upload cut by a reload is offered again and resumes', { timeout: 120000 }, async () => {
  const big = path.join(filesDir, 'big.log');
  const chunk = Buffer.alloc(1 << 20);
  const fd = fs.openSync(big, 'w');
  for (let i = 0; i < 50; i++) { chunk.fill(0x61 + (i % 26)); fs.writeSync(fd, chunk); }
  fs.closeSync(fd);
  const page = await tab();
  await open(page);
  await clickTsg(page, 'vpn-issues');
  await page.waitForSelector('#dropzone');
  // Slow this page's binary frames down (300 ms each) so that the reload lands mid-way; the page after
  // the reload sends at full speed.
  await page.evaluate(() => {
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === 'string') return send.call(this, data);
      setTimeout(() => { if (this.readyState === WebSocket.OPEN) send.call(this, data); }, 300);
    };
  });
  const [chooser] = await Promise.all([page.waitForFileChooser(), page.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((b) => b.textContent === 'Upload files…').click())]);
  await chooser.accept([big]);
  await page.waitForFunction(() => document.querySelector('.upload progress')?.value > 0, { timeout: 20000, polling: 100 });
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#conn')?.textContent === 'Connected', { timeout: 10000, polling: 100 });
  const unfinished = (await call('upload:list', {})).data.uploads;
  assert.equal(unfinished.length, 1);
  assert.ok(unfinished[0].bytesReceived > 0 && unfinished[0].bytesReceived < 50 << 20, String(unfinished[0].bytesReceived));
  await page.waitForSelector('#resume .resume-item', { timeout: 10000 });
  await shot(page, 'browser-resume');
  const [again] = await Promise.all([page.waitForFileChooser(), page.evaluate(() => [...document.querySelectorAll('#resume button')].find((b) => b.textContent === 'Choose the files…').click())]);
  await again.accept([big]);
  await page.waitForFunction(() => /Finished the upload/.test(document.querySelector('#notices')?.textContent || ''), { timeout: 60000, polling: 100 });
  assert.deepEqual((await call('upload:list', {})).data.uploads, []);
  const stored = path.join(dataDir, 'tsgs', 'vpn-issues', 'big.log');
  assert.equal(fs.statSync(stored).size, 50 << 20);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('cancel stops an upload and removes what it staged', { timeout: 60000 }, async () => {
  const page = await tab({ width: 1920, height: 1080 });
  await open(page);
  await clickTsg(page, 'printer jams');
  await page.waitForSelector('#dropzone');
  await page.evaluate(() => {
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === 'string') return send.call(this, data);
      setTimeout(() => { if (this.readyState === WebSocket.OPEN) send.call(this, data); }, 300);
    };
  });
  const [chooser] = await Promise.all([page.waitForFileChooser(), page.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((b) => b.textContent === 'Upload files…').click())]);
  await chooser.accept([path.join(filesDir, 'big.log')]);
  await page.waitForFunction(() => document.querySelector('.upload progress')?.value > 0, { timeout: 20000, polling: 100 });
  await shot(page, 'browser-upload-1920');
  await page.evaluate(() => [...document.querySelectorAll('.upload button')].find((b) => b.textContent === 'Cancel').click());
  await page.waitForFunction(() => document.querySelector('.upload .upload-status')?.textContent === 'Cancelled', { timeout: 10000, polling: 100 });
  let left;
  for (let i = 0; i < 100; i++) {
    left = (await call('upload:list', {})).data.uploads;
    if (left.length === 0) break;
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  }
  assert.deepEqual(left, []);
  const files = (await call('tsg:get-files', { name: 'printer jams' })).data.files.map((f) => f.path);
  assert.ok(!files.includes('big.log'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a lost connection shows a banner, and the page reconnects when TSG Desk is back', { timeout: 90000 }, async () => {
  const page = await tab();
  await open(page);
  await stop(server, 'SIGTERM');
  server = null;
  await page.waitForSelector('#banner:not([hidden])', { timeout: 10000 });
  assert.match(await page.$eval('#banner', (e) => e.textContent), /connection to TSG Desk was lost/);
  await shot(page, 'browser-reconnecting');
  // The same data folder (so the same token) on the same port.
  server = spawnGroup(process.env.TSGDESK_BINARY, ['--headless', '--port', String(port), '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  await page.waitForFunction(() => document.querySelector('#conn')?.textContent === 'Connected', { timeout: 30000, polling: 100 });
  assert.equal(await page.$eval('#banner', (e) => e.hidden), true);
  await page.waitForSelector('#tsg-list .tsg-item[data-name="vpn-issues"]');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('cleanup: the status, and Run now', { timeout: 60000 }, async () => {
  const page = await tab();
  await open(page);
  await page.click('#nav-cleanup');
  const run = await page.waitForSelector('xpath/.//button[text()="Run now"]', { timeout: 10000 });
  await run.click();
  await page.waitForFunction(() => /Cleanup done/.test(document.querySelector('#notices')?.textContent || ''), { timeout: 30000, polling: 100 });
  await page.waitForFunction(() => /Last run/.test(document.querySelector('#center .facts')?.textContent || '') && !/Not yet/.test(document.querySelector('#center .facts').textContent), { timeout: 10000, polling: 100 });
  await shot(page, 'browser-cleanup');
  assert.ok((await call('cleanup:status', {})).data.lastRun);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('settings: shown, checked before sending, saved', { timeout: 60000 }, async () => {
  const page = await tab();
  await open(page);
  await page.click('#nav-settings');
  await page.waitForSelector('#setting-tsgSettings-maxUploadSize');
  assert.equal(await page.$eval('#setting-tsgSettings-maxUploadSize', (e) => e.value), '100');
  await page.$eval('#setting-tsgSettings-maxUploadSize', (e) => { e.value = '0'; });
  await page.click('.settings-form button[type=submit]');
  await page.waitForFunction(() => /Largest upload to a TSG: a whole number from 1 to 102400/.test(document.querySelector('.settings-form .error').textContent), { timeout: 5000, polling: 100 });
  await page.$eval('#setting-tsgSettings-maxUploadSize', (e) => { e.value = '250'; });
  await page.$eval('#setting-types', (e) => { e.value = '.md .log txt'; });
  await page.click('.settings-form button[type=submit]');
  await page.waitForFunction(() => /Settings saved/.test(document.querySelector('#notices')?.textContent || ''), { timeout: 10000, polling: 100 });
  await shot(page, 'browser-settings');
  const saved = (await call('settings:get', {})).data;
  assert.equal(saved.tsgSettings.maxUploadSize, 250);
  assert.deepEqual(saved.tsgSettings.allowedFileTypes, ['.md', '.log', '.txt']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a long TSG list: only the rows in view are drawn, each says its place, and the keys reach every TSG', { timeout: 90000 }, async () => {
  const names = Array.from({ length: 80 }, (_, i) => `zz list ${String(i).padStart(2, '0')}`);
  for (const name of names) await call('tsg:create', { name });
  const page = await tab();
  await open(page);
  await page.waitForFunction((n) => /^(\d+) of \1 TSGs$/.test(document.querySelector('#tsg-count').textContent)
    && Number(document.querySelector('#tsg-list > li')?.getAttribute('aria-setsize')) >= n, { timeout: 10000, polling: 100 }, names.length);
  const total = await page.$eval('#tsg-list > li', (li) => Number(li.getAttribute('aria-setsize')));
  const drawn = await page.$$eval('#tsg-list > li', (lis) => lis.map((li) => Number(li.getAttribute('aria-posinset'))));
  assert.ok(drawn.length < total, `${drawn.length} rows drawn of ${total}`);
  assert.deepEqual(drawn, drawn.map((_, i) => i + 1), 'the first rows, numbered from 1');
  // End on the first row: the last TSG is drawn, focused and says it is the last.
  await page.focus('#tsg-list .tsg-item');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.activeElement?.dataset?.name === 'zz list 79', { timeout: 5000, polling: 100 });
  assert.equal(await page.evaluate(() => document.activeElement.closest('li').getAttribute('aria-posinset')), String(total));
  // Up, then Enter opens that TSG; Home goes back to the first.
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.activeElement?.dataset?.name === 'zz list 78', { timeout: 5000, polling: 100 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#center h2')?.textContent.startsWith('zz list 78'), { timeout: 10000, polling: 100 });
  assert.equal(await page.$eval('#tsg-list .tsg-item[aria-current=true]', (e) => e.dataset.name), 'zz list 78');
  await page.focus('#tsg-list .tsg-item[aria-current=true]');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset') === '1', { timeout: 5000, polling: 100 });
  // A TSG far down the list is reached by search too, and scrolled into view when opened.
  await page.focus('#search');
  await page.keyboard.type('"zz list 40"');
  await page.waitForSelector('#center .hit-group h3 button', { timeout: 10000 });
  await page.click('#center .hit-group h3 button');
  await page.waitForSelector('#tsg-list .tsg-item[data-name="zz list 40"][aria-current=true]', { timeout: 10000 });
  assert.deepEqual(page.errors, []);
  await page.close();
  for (const name of names) await call('tsg:delete', { name });
});
