// The browser UI "looks and behaves like a real app" (issue 18), in headless Chromium (Debian's chromium) driven
// by puppeteer-core against `tsgdesk --headless`:
// - it works with the keyboard alone: Tab reaches the TSG list as one stop, the arrow keys move in it, Enter opens
//   a TSG, Tab and Enter open a file's preview and a folder, the New TSG form is filled and sent from the keys,
//   a dialog keeps the focus inside and Escape closes it, and the focus goes back where it was, always visible;
// - it has proper labels for screen readers: in the DevTools accessibility tree, every control has a role and a
//   non-empty name, a dialog is named by its title, the lists and the upload's progress bars are what they say,
//   and errors and status are live regions;
// - it is usable at 1280×800 and at 1920×1080: nothing overflows the page or its panels, and the key controls
//   are inside the viewport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChromium, clickTsg, clickTree } from './browser.mjs';
import { protocolCall, startTsgdesk, stop } from './harness.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-webui-a11y-'));
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-webui-a11y-files-'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tsgdesk-webui-a11y-profile-'));
let server, chromium, browser, port, token;

const call = (type, data) => protocolCall(port, token, type, data);
const b64 = (s) => Buffer.from(s).toString('base64');

before(async () => {
  ({ child: server, port, token } = await startTsgdesk(dataDir));
  for (const name of ['alpha', 'bravo', 'charlie', 'delta'])
    await call('tsg:create', { name, description: `The ${name} guide`, tags: ['keys'] });
  const log = Array.from({ length: 200 }, (_, i) => `2026-12-03T09:${String(i % 60).padStart(2, '0')}:00Z worker-${i} handshake step ${i} ok`).join('\n');
  await call('tsg:upload', { tsgName: 'bravo', files: [
    { path: 'guide.md', content: b64('# Bravo\n\nRestart the agent.\n') },
    { path: 'logs/very-long-directory-name-for-layout/agent-with-a-long-file-name-2026-12-03.log', content: b64(log) },
    { path: 'logs/short.log', content: b64('one\ntwo\n') },
  ] });
  fs.writeFileSync(path.join(filesDir, 'notes.md'), '# Notes\n');

  ({ child: chromium, browser } = await startChromium(profile));
});

after(async () => {
  if (browser) await browser.disconnect().catch(() => {});
  if (chromium) await stop(chromium);
  if (server) await stop(server, 'SIGTERM');
  for (const dir of [dataDir, filesDir, profile]) fs.rmSync(dir, { recursive: true, force: true });
});

async function tab({ width = 1280, height = 800 } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/#token=${token}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#conn')?.textContent === 'Connected'
    && document.querySelectorAll('#tsg-list .tsg-item').length >= 4, { timeout: 10000, polling: 100 });
  return page;
}
const settle = (page, ms = 150) => page.evaluate((t) => new Promise((r) => setTimeout(r, t)), ms);

// --- keyboard -------------------------------------------------------------------------------------------

// What has the focus: enough to tell where it is, and whether one can see it.
const focus = (page) => page.evaluate(() => {
  const e = document.activeElement;
  const style = e ? getComputedStyle(e) : null;
  return {
    tag: e?.tagName.toLowerCase(), id: e?.id || '', text: (e?.textContent || '').trim().slice(0, 80), name: e?.dataset?.name,
    inList: Boolean(e?.closest('#tsg-list')), inDialog: Boolean(e?.closest('dialog')),
    outline: style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
  };
});
// Presses `key` until `cond(focus)` holds, at most `max` times; returns the focus and how many presses it took.
async function pressUntil(page, key, cond, max, what) {
  for (let i = 1; i <= max; i++) {
    if (key === 'Shift+Tab') await shiftTab(page); else await page.keyboard.press(key);
    const f = await focus(page);
    if (cond(f)) return { ...f, presses: i };
  }
  assert.fail(`${max} presses of ${key} did not reach ${what}; the focus is on ${JSON.stringify(await focus(page))}`);
}
const shiftTab = async (page) => { await page.keyboard.down('Shift'); await page.keyboard.press('Tab'); await page.keyboard.up('Shift'); };

test('it works with the keyboard alone', { timeout: 90000 }, async () => {
  const page = await tab();
  await page.evaluate(() => document.activeElement?.blur());
  // Tab from the top reaches the TSG list, the first TSG, and the focus is visible.
  const first = await pressUntil(page, 'Tab', (f) => f.inList, 15, 'the TSG list');
  assert.equal(first.name, 'alpha');
  assert.ok(first.outline, 'the focused TSG shows no focus ring');
  // The list is one stop: the next Tab leaves it, Shift+Tab comes back to the same TSG.
  await page.keyboard.press('Tab');
  assert.equal((await focus(page)).inList, false, 'Tab moved to another TSG instead of leaving the list');
  await shiftTab(page);
  assert.equal((await focus(page)).name, 'alpha');
  // The arrow keys, Home and End move in it.
  await page.keyboard.press('ArrowDown');
  assert.equal((await focus(page)).name, 'bravo');
  await page.keyboard.press('End');
  assert.equal((await focus(page)).name, 'delta');
  await page.keyboard.press('Home');
  assert.equal((await focus(page)).name, 'alpha');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal((await focus(page)).name, 'bravo');
  // Enter opens it; the focus stays on it.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#center h2')?.textContent.startsWith('bravo')
    && document.querySelector('#center table.files'), { timeout: 10000, polling: 100 });
  const opened = await focus(page);
  assert.equal(opened.name, 'bravo', `the focus left the list after opening a TSG: ${JSON.stringify(opened)}`);
  assert.equal(await page.$eval('#tsg-list .tsg-item[data-name="bravo"]', (e) => e.getAttribute('aria-current')), 'true');
  // The list's stop is now the open TSG: Tab out and Shift+Tab back land on it.
  await page.keyboard.press('Tab');
  await shiftTab(page);
  assert.equal((await focus(page)).name, 'bravo');

  // Tab into the files: open a folder with Enter, then a file's preview with Enter.
  const folder = await pressUntil(page, 'Tab', (f) => f.text === 'logs', 30, 'the logs folder');
  assert.ok(folder.outline, 'the focused folder shows no focus ring');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('#center button.tree-folder')].find((b) => b.textContent === 'logs')?.getAttribute('aria-expanded') === 'true', { timeout: 5000, polling: 50 });
  assert.equal((await focus(page)).text, 'logs', 'the focus left the folder it opened');
  await pressUntil(page, 'Tab', (f) => f.text === 'short.log', 10, 'short.log');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#preview .preview-title')?.textContent === 'logs/short.log', { timeout: 10000, polling: 100 });
  await shiftTab(page);
  await pressUntil(page, 'Tab', (f) => f.text === 'guide.md', 30, 'guide.md');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#preview .preview-title')?.textContent === 'guide.md'
    && document.querySelector('#preview .markdown h1')?.textContent === 'Bravo', { timeout: 10000, polling: 100 });

  // New TSG from the keys: Shift+Tab back to its button, Enter, type, Tab between the fields, Enter sends.
  const newButton = await pressUntil(page, 'Shift+Tab', (f) => f.id === 'new-tsg', 40, 'New TSG');
  assert.ok(newButton.outline, 'New TSG shows no focus ring');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#dialog[open]');
  assert.equal((await focus(page)).id, 'field-name', 'the dialog did not put the focus in its first field');
  await page.keyboard.type('made with keys');
  await page.keyboard.press('Tab');
  assert.equal((await focus(page)).id, 'field-description');
  await page.keyboard.type('Typed, not clicked');
  await page.keyboard.press('Tab');
  assert.equal((await focus(page)).id, 'field-tags');
  await page.keyboard.type('keys, a11y');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#dialog').open
    && document.querySelector('#center h2')?.textContent.startsWith('made with keys'), { timeout: 10000, polling: 100 });
  const made = (await call('tsg:list', {})).data.tsgs.find((t) => t.name === 'made with keys');
  assert.ok(made, 'the TSG was not created');
  assert.deepEqual(made.tags, ['keys', 'a11y']);
  await settle(page);
  const afterCreate = await focus(page);
  assert.equal(afterCreate.name, 'made with keys', `after the dialog the focus is on ${JSON.stringify(afterCreate)}, not the new TSG`);

  // A dialog keeps the focus inside while it is open, and Escape closes it: the focus goes back to its button.
  await pressUntil(page, 'Tab', (f) => f.text === 'Edit…', 20, 'Edit…');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#dialog[open]');
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const f = await focus(page);
    assert.ok(f.inDialog, `Tab ${i + 1} left the open dialog for ${JSON.stringify(f)}`);
  }
  for (let i = 0; i < 8; i++) {
    await shiftTab(page);
    assert.ok((await focus(page)).inDialog, `Shift+Tab ${i + 1} left the open dialog`);
  }
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#dialog').open, { timeout: 5000, polling: 50 });
  await settle(page);
  const back = await focus(page);
  assert.equal(back.text, 'Edit…', `Escape left the focus on ${JSON.stringify(back)}`);
  assert.ok(back.outline, 'the focus returned without a visible ring');
  assert.ok((await call('tsg:list', {})).data.tsgs.some((t) => t.name === 'made with keys'), 'Escape changed the TSG');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// --- screen readers --------------------------------------------------------------------------------------

const INTERACTIVE = new Set(['button', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'link', 'menuitem', 'option',
  'listbox', 'tab', 'treeitem', 'spinbutton', 'slider', 'switch']);

// Chromium's accessibility tree (CDP Accessibility.getFullAXTree), without ignored nodes.
async function axTree(page) {
  const cdp = await page.createCDPSession();
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => ({
    role: n.role?.value, name: (n.name?.value || '').trim(), id: n.nodeId, parent: n.parentId,
    props: Object.fromEntries((n.properties || []).map((p) => [p.name, p.value?.value])), value: n.value?.value,
  }));
}
// Every node that is a control, or that takes the focus, with no name (or no role): "role (what it is)".
function unnamed(nodes) {
  return nodes.filter((n) => (INTERACTIVE.has(n.role) || (n.props.focusable && !['RootWebArea', 'WebArea'].includes(n.role)))
    && (!n.name || !n.role || n.role === 'generic')).map((n) => `${n.role} '${n.name}'`);
}

test('proper labels for screen readers', { timeout: 90000 }, async () => {
  const page = await tab();
  await clickTsg(page, 'bravo');
  await page.waitForSelector('#center table.files');
  await page.evaluate(() => [...document.querySelectorAll('#center button.tree-folder')].find((b) => b.textContent === 'logs').click());
  await page.waitForFunction(() => [...document.querySelectorAll('#center button.tree-file')].some((b) => b.textContent === 'short.log'), { polling: 100 });
  await page.evaluate(() => [...document.querySelectorAll('#center button.tree-file')].find((b) => b.textContent === 'short.log').click());
  await page.waitForSelector('#preview table.lines');
  // An upload, whose progress bars stay a while after it is done.
  const [chooser] = await Promise.all([page.waitForFileChooser(),
    page.evaluate(() => [...document.querySelectorAll('#center .actions button')].find((b) => b.textContent === 'Upload files…').click())]);
  await chooser.accept([path.join(filesDir, 'notes.md')]);
  await page.waitForFunction(() => document.querySelector('#center .upload progress') && [...document.querySelectorAll('.notice')].some((n) => n.textContent.startsWith('Uploaded')), { timeout: 20000, polling: 100 });

  let nodes = await axTree(page);
  assert.deepEqual(unnamed(nodes), [], 'controls without a role or a name');
  const byRole = (role) => nodes.filter((n) => n.role === role);
  // The landmarks and lists say what they are.
  assert.ok(byRole('banner').length === 1, 'no banner landmark');
  assert.ok(byRole('main').length === 1, 'no main landmark');
  assert.ok(byRole('searchbox').some((n) => n.name === 'Search the library'), 'the search field is not a named searchbox');
  const list = byRole('list').find((n) => n.name === 'TSGs');
  assert.ok(list, 'the TSG list is not a list named TSGs');
  const items = nodes.filter((n) => n.parent === list.id);
  assert.equal(items.length, (await call('tsg:list', {})).data.tsgs.length);
  assert.ok(items.every((n) => n.role === 'listitem'), 'the TSG list holds something other than list items');
  assert.ok(byRole('button').some((n) => n.name.startsWith('bravo')), 'the TSG bravo is not a button named after it');
  assert.ok(byRole('button').some((n) => n.name === 'logs' && n.props.expanded === true), 'the open folder does not say it is expanded');
  assert.ok(byRole('table').some((n) => n.name === 'Files'), 'the files are not a named table');
  assert.ok(byRole('toolbar').some((n) => n.name === 'TSG actions'), 'the TSG actions are not a named toolbar');
  // The upload's progress: bars with a name, a range and a value.
  const bars = byRole('progressbar');
  assert.ok(bars.length >= 2, `${bars.length} progress bars`);
  for (const bar of bars) {
    assert.ok(bar.name, 'a progress bar without a name');
    assert.ok(bar.props.valuemax > 0 && Number(bar.value) === bar.props.valuemax, `progress bar '${bar.name}': ${bar.value} of ${JSON.stringify(bar.props)}`);
  }
  // Status and errors are live regions: the connection, the notices, the banner, a dialog's problem line.
  const live = await page.evaluate(() => ['#conn', '#notices', '#banner', '#search-problem', '.notice'].map((s) => {
    const e = document.querySelector(s);
    return [s, e && (e.getAttribute('aria-live') || { status: 'polite', alert: 'assertive' }[e.getAttribute('role')])];
  }));
  for (const [selector, politeness] of live) assert.ok(politeness, `${selector} is not a live region`);

  // A dialog is named by its title; its fields by their labels; its problem line is an alert.
  await page.click('#new-tsg');
  await page.waitForSelector('#dialog[open]');
  nodes = await axTree(page);
  const dialogs = nodes.filter((n) => n.role === 'dialog');
  assert.equal(dialogs.length, 1);
  assert.equal(dialogs[0].name, 'New TSG', 'the dialog has no name');
  assert.deepEqual(unnamed(nodes), [], 'controls without a role or a name, with the dialog open');
  assert.deepEqual(nodes.filter((n) => n.role === 'textbox').map((n) => n.name).sort(), ['Description', 'Name', 'Tags']);
  assert.equal(await page.$eval('#dialog .error', (e) => e.getAttribute('role')), 'alert');
  await page.keyboard.press('Escape');

  // The other views: their controls are named too.
  for (const view of ['trash', 'session', 'cleanup', 'settings']) {
    await page.click(`#nav-${view}`);
    await page.waitForFunction((v) => document.querySelector('#center h2')?.textContent.toLowerCase().startsWith(v), { timeout: 10000, polling: 100 }, view);
    await settle(page, 300);
    assert.deepEqual(unnamed(await axTree(page)), [], `controls without a role or a name in ${view}`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

// --- viewport sizes --------------------------------------------------------------------------------------

for (const [width, height] of [[1280, 800], [1920, 1080]]) {
  test(`usable at ${width}×${height}: nothing cut off, nothing overflows`, { timeout: 60000 }, async () => {
    const page = await tab({ width, height });
    await clickTsg(page, 'bravo');
    await page.waitForSelector('#center table.files');
    await page.evaluate(() => [...document.querySelectorAll('#center button.tree-folder')].find((b) => b.textContent === 'logs').click());
    await page.waitForFunction(() => [...document.querySelectorAll('#center button.tree-folder')].some((b) => b.textContent === 'very-long-directory-name-for-layout'), { polling: 100 });
    await page.evaluate(() => [...document.querySelectorAll('#center button.tree-folder')].find((b) => b.textContent === 'very-long-directory-name-for-layout').click());
    await page.waitForFunction(() => [...document.querySelectorAll('#center button.tree-file')].some((b) => b.textContent.startsWith('agent-with')), { polling: 100 });
    await page.evaluate(() => [...document.querySelectorAll('#center button.tree-file')].find((b) => b.textContent.startsWith('agent-with')).click());
    await page.waitForSelector('#preview table.lines');
    await settle(page, 300);
    const report = await page.evaluate(() => {
      const problems = [];
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const doc = document.documentElement;
      if (doc.scrollWidth > vw) problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${vw}`);
      if (document.body.scrollWidth > vw) problems.push(`the body scrolls sideways: ${document.body.scrollWidth} > ${vw}`);
      // No panel is wider inside than it is: nothing hidden past its right edge.
      for (const s of ['.topbar', '.sidebar', '#center', '#preview', '#center table.files', '#center .actions'])
        for (const e of document.querySelectorAll(s))
          if (e.scrollWidth > e.clientWidth + 1) problems.push(`${s} overflows sideways: ${e.scrollWidth} > ${e.clientWidth}`);
      // Every control of the top bar, the sidebar's tools, the TSG's header and actions, and each file row's
      // buttons is inside the viewport and inside its panel (not cut off by it).
      const inside = (r, box) => r.left >= box.left - 1 && r.right <= box.right + 1;
      for (const e of document.querySelectorAll('.topbar input, .topbar button, .sidebar-tools button, .sidebar-tools select, #tsg-list .tsg-item, #center .tsg-header button, #center .actions button, #center table.files button')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) { problems.push(`${e.textContent || e.id} has no size`); continue; }
        const label = (e.textContent || e.id || e.getAttribute('aria-label')).trim().slice(0, 40);
        if (r.left < 0 || r.right > vw) problems.push(`'${label}' is cut off by the viewport: ${Math.round(r.left)}–${Math.round(r.right)} of ${vw}`);
        const panel = e.closest('.topbar, .sidebar, #center');
        if (panel && !inside(r, panel.getBoundingClientRect())) problems.push(`'${label}' sticks out of its panel`);
      }
      // The key controls are in view without scrolling.
      for (const s of ['#search', '#nav-library', '#nav-settings', '#new-tsg', '#tag-filter', '#tsg-list .tsg-item', '#center h2', '#center .actions button', '#preview .preview-title']) {
        const e = document.querySelector(s);
        const r = e?.getBoundingClientRect();
        if (!r || r.top < 0 || r.bottom > vh || r.left < 0 || r.right > vw) problems.push(`${s} is not in view`);
      }
      // The log's lines wrap inside the preview.
      const lines = document.querySelector('#preview .lines-scroll');
      if (lines && lines.scrollWidth > lines.clientWidth + 1) problems.push(`the log scrolls sideways: ${lines.scrollWidth} > ${lines.clientWidth}`);
      return problems;
    });
    assert.deepEqual(report, []);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

// --- layout stability -----------------------------------------------------------------------------------

// "No layout shifts as data loads": Chromium's Layout Instability API scores every move of visible content
// that no input of the user caused, from the first paint through the list, a TSG's files and a preview, to a
// change pushed by another client. The page reserves the room of what is still coming, so nothing moves.
test('no layout shifts as data loads: the list, the files, a preview and a pushed change', { timeout: 60000 }, async () => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.evaluateOnNewDocument(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (!e.hadRecentInput)
          window.shifts.push({ value: e.value, at: Math.round(e.startTime),
            moved: e.sources.map((s) => s.node?.id || s.node?.className || s.node?.nodeName || '?').join(', ') });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${port}/#token=${token}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#tsg-list .tsg-item').length >= 4, { timeout: 10000, polling: 100 });
  await settle(page, 600); // past the 500 ms after an input that the API leaves out
  await clickTsg(page, 'bravo');
  await page.waitForSelector('#center table.files');
  await settle(page, 600);
  await clickTree(page, 'tree-file', 'guide.md');
  await page.waitForSelector('#preview article.markdown h1');
  await settle(page, 600);
  await call('tsg:create', { name: 'echo', description: 'Made by another client while the tab is open' });
  await page.waitForSelector('#tsg-list .tsg-item[data-name="echo"]', { timeout: 10000 });
  await settle(page, 600);
  const shifts = await page.evaluate(() => window.shifts);
  const score = shifts.reduce((sum, s) => sum + s.value, 0);
  assert.ok(score < 0.001, `layout shifts without input, score ${score.toFixed(4)}: ${JSON.stringify(shifts)}`);
  await call('tsg:delete', { name: 'echo' });
  await page.close();
});
