// TSG Desk in a browser tab: the library (TSGs, their files, previews, uploads), search, the trash and
// this tab's session, over the server's WebSocket. The token comes from the address's fragment
// (#token=…, never sent to the server), is kept in sessionStorage and taken out of the address bar.
import { Client } from './client.js';
import { h, clear, $, formatBytes, formatDate, snippet, debounce } from './dom.js';
import { Preview } from './preview.js';
import { filesFromDrop, filesFromInput, pathProblem, nameProblem, remembered, startUpload } from './upload.js';

const TOKEN_KEY = 'tsgdesk.token';
const SESSION_KEY = 'tsgdesk.session';

// --- token and session --------------------------------------------------------------------------------

function takeTokenFromFragment() {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function sessionId() {
  let id = sessionStorage.getItem(SESSION_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    id = `web-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    sessionStorage.setItem(SESSION_KEY, id);
  }
  return id;
}

// --- state --------------------------------------------------------------------------------------------

const state = {
  tsgs: [], active: null, selected: null, files: [], expanded: new Set(), tag: '', view: 'library',
  query: '', session: sessionId(), uploads: 0,
};
let client;
let preview;

// --- notices ------------------------------------------------------------------------------------------

function notify(text, { error = false } = {}) {
  const close = h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss' }, '×');
  const note = h('div', { class: error ? 'notice error' : 'notice', role: error ? 'alert' : 'status' }, h('span', {}, text), close);
  close.addEventListener('click', () => note.remove());
  $('#notices').append(note);
  setTimeout(() => note.remove(), error ? 12000 : 5000);
}
const fail = (error) => notify(error.words || String(error.message || error), { error: true });

// --- dialogs ------------------------------------------------------------------------------------------

// A form in the page's <dialog>: resolves with what `submit` returned, or null when cancelled. A
// submit that throws keeps the dialog open with the error under the fields.
// The dialog is named by its title and described by its text; Escape closes it (the browser's own cancel),
// and the focus goes back to what had it before, or, when that is gone, to `returnFocus()`.
function formDialog({ title, fields, submitLabel, submit, danger = false, text, cancelLabel = 'Cancel', returnFocus }) {
  const dialog = $('#dialog');
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const inputs = {};
    const problem = h('p', { class: 'error', role: 'alert' });
    const form = h('form', { method: 'dialog', class: 'dialog-form' }, h('h2', { id: 'dialog-title' }, title),
      text ? h('p', { id: 'dialog-text' }, text) : null);
    dialog.setAttribute('aria-labelledby', 'dialog-title');
    if (text) dialog.setAttribute('aria-describedby', 'dialog-text'); else dialog.removeAttribute('aria-describedby');
    for (const f of fields || []) {
      const id = `field-${f.name}`;
      const input = f.multiline
        ? h('textarea', { id, rows: 5, maxlength: f.maxlength })
        : h('input', { id, type: 'text', maxlength: f.maxlength, required: f.required, autocomplete: 'off' });
      input.value = f.value ?? '';
      inputs[f.name] = input;
      form.append(...[h('label', { for: id }, f.label), input, f.hint ? h('small', {}, f.hint) : null].filter(Boolean));
    }
    const cancel = h('button', { type: 'button' }, cancelLabel);
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
    form.append(problem, h('div', { class: 'dialog-buttons' }, ...[cancelLabel ? cancel : null, ok].filter(Boolean)));
    const finish = (value) => { dialog.close(); resolve(value); };
    cancel.addEventListener('click', () => finish(null));
    dialog.onclose = () => {
      resolve(null);
      // After the caller's own redraw (a promise's continuation): the opener if it is still in the page.
      setTimeout(() => {
        if (dialog.open || (document.activeElement && document.activeElement !== document.body)) return;
        const target = opener?.isConnected && opener !== document.body ? opener : returnFocus?.();
        (target || $('#center')).focus();
      });
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      ok.disabled = true;
      problem.textContent = '';
      try {
        const values = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value]));
        finish(await submit(values));
      } catch (error) {
        problem.textContent = error.words || String(error.message || error);
      } finally {
        ok.disabled = false;
      }
    });
    clear(dialog, form);
    dialog.showModal();
    (Object.values(inputs)[0] || ok).focus();
  });
}

const tagsFrom = (text) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];

// --- the TSG list -------------------------------------------------------------------------------------

function setList(data) {
  const before = state.tsgs.find((t) => t.name === state.selected);
  state.tsgs = data.tsgs || [];
  state.active = data.activeTSG ?? null;
  if (state.selected && !state.tsgs.some((t) => t.name === state.selected)) {
    state.selected = null;
    state.files = [];
    preview.empty('Pick a file to preview it.');
  }
  renderTags();
  renderList();
  const after = state.tsgs.find((t) => t.name === state.selected);
  if (state.view === 'library') {
    if (after && before && (after.updatedAt !== before.updatedAt || after.fileCount !== before.fileCount || after.size !== before.size))
      loadFiles();
    else renderCenter();
  }
}

function renderTags() {
  const select = $('#tag-filter');
  const tags = [...new Set(state.tsgs.flatMap((t) => t.tags || []))].sort((a, b) => a.localeCompare(b));
  if (state.tag && !tags.includes(state.tag)) tags.push(state.tag);
  clear(select, h('option', { value: '' }, 'All tags'), tags.map((t) => h('option', { value: t }, t)));
  select.value = state.tag;
}

// One collator for the list's sort: a.localeCompare(b) builds one per call, which costs tens of ms at 1,000 TSGs.
const byName = new Intl.Collator();

// The list is virtualised: `shown` holds every TSG that passes the tag filter, sorted, but only the rows in view
// and BUFFER more on each side are in the page (a 1,000-TSG library built all at once gave a 333 ms frame;
// bench/README.md, issue 18). Rows have one fixed height (--row in style.css); each says its place in the whole
// list (aria-posinset, aria-setsize), and the arrow keys, Page Up/Down, Home and End move through all of it.
// The list is one stop of the Tab key (a roving tabindex: the TSG last focused, else the selected one, else the
// first drawn); Enter or Space opens a TSG. A redraw keeps the focus on the same TSG.
const BUFFER = 10;
const list = { sorted: [], shown: [], row: 0, drawn: '', frame: 0, stop: undefined };

function tabStop() {
  for (const name of [list.stop, state.selected])
    if (name !== undefined && list.shown.some((t) => t.name === name)) return name;
  return undefined;
}

function rowHeight() {
  if (!list.row) list.row = parseFloat(getComputedStyle($('#tsg-list')).getPropertyValue('--row')) || 50;
  return list.row;
}

// The TSGs sorted once per tsg:list, then filtered by tag; the rows in view drawn again.
function renderList({ resort = true } = {}) {
  if (resort) list.sorted = [...state.tsgs].sort((a, b) => byName.compare(a.name, b.name));
  list.shown = state.tag ? list.sorted.filter((t) => (t.tags || []).includes(state.tag)) : list.sorted;
  $('#tsg-count').textContent = state.tsgs.length === 0
    ? 'The library is empty: create a TSG, then drop files on it.'
    : `${list.shown.length} of ${state.tsgs.length} TSGs`;
  list.drawn = '';
  drawRows();
}

function drawRows() {
  const ul = $('#tsg-list');
  const box = $('#tsg-scroll');
  const row = rowHeight();
  const n = list.shown.length;
  const first = Math.max(0, Math.floor(box.scrollTop / row) - BUFFER);
  const last = Math.min(n, Math.ceil((box.scrollTop + (box.clientHeight || 800)) / row) + BUFFER);
  const stop = tabStop();
  const key = `${first}:${last}:${state.selected}:${stop}`;
  if (key === list.drawn) return;
  list.drawn = key;
  const focused = document.activeElement?.closest?.('#tsg-list .tsg-item')?.dataset.name;
  const stopDrawn = list.shown.slice(first, last).some((t) => t.name === stop);
  const rows = [];
  for (let i = first; i < last; i++) {
    const t = list.shown[i];
    const isStop = stopDrawn ? t.name === stop : i === first;
    rows.push(h('li', { 'aria-setsize': n, 'aria-posinset': i + 1 },
      h('button', {
        type: 'button', class: 'tsg-item', 'aria-current': t.name === state.selected ? 'true' : undefined,
        tabindex: isStop ? '0' : '-1', dataset: { name: t.name, index: i }, onclick: () => selectTsg(t.name),
      },
      h('span', { class: 'tsg-name', title: t.name }, t.name),
      t.active ? h('span', { class: 'badge', title: 'The active TSG' }, 'active') : null,
      h('span', { class: 'tsg-meta' }, `${t.fileCount} ${t.fileCount === 1 ? 'file' : 'files'} · ${formatBytes(t.size)}`))));
  }
  ul.style.paddingTop = `${first * row}px`;
  ul.style.paddingBottom = `${(n - last) * row}px`;
  ul.replaceChildren(...rows);
  if (focused !== undefined) ul.querySelector(`.tsg-item[data-name="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
}

function tsgItems() { return [...document.querySelectorAll('#tsg-list .tsg-item')]; }

// Scrolls to the TSG `name`, makes it the list's tab stop and focuses it; false when the filter hides it.
function focusTsgItem(name) {
  const i = list.shown.findIndex((t) => t.name === name);
  if (i < 0) return false;
  list.stop = name;
  showRow(i, { focus: true });
  return true;
}

// Row `i` scrolled into view, drawn and, with `focus`, focused.
function showRow(i, { focus = false } = {}) {
  const box = $('#tsg-scroll');
  const row = rowHeight();
  if (i * row < box.scrollTop) box.scrollTop = i * row;
  else if ((i + 1) * row > box.scrollTop + box.clientHeight) box.scrollTop = (i + 1) * row - box.clientHeight;
  drawRows();
  if (focus) $('#tsg-list').querySelector(`.tsg-item[data-index="${i}"]`)?.focus({ preventScroll: true });
}

function wireList() {
  const ul = $('#tsg-list');
  const box = $('#tsg-scroll');
  box.addEventListener('scroll', () => {
    if (!list.frame) list.frame = requestAnimationFrame(() => { list.frame = 0; drawRows(); });
  });
  ul.addEventListener('focusin', (event) => {
    const name = event.target.closest('.tsg-item')?.dataset.name;
    if (name === undefined || name === list.stop) return;
    list.stop = name;
    for (const b of tsgItems()) b.tabIndex = b.dataset.name === name ? 0 : -1;
  });
  ul.addEventListener('keydown', (event) => {
    const item = event.target.closest('.tsg-item');
    if (!item || list.shown.length === 0) return;
    const at = Number(item.dataset.index);
    const page = Math.max(1, Math.floor(box.clientHeight / rowHeight()) - 1);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: list.shown.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    showRow(Math.max(0, Math.min(list.shown.length - 1, to)), { focus: true });
  });
  let height = 0;
  new ResizeObserver(() => {
    if (box.clientHeight === height) return;
    height = box.clientHeight;
    drawRows(); // only when the rows in view change: a row under the pointer is not replaced for nothing
  }).observe(box);
}

// Our own uploads and file deletions change the list's counts, but the server pushes the list only to
// the other clients: ask for it.
function refreshList() {
  client.request('tsg:list').then(setList).catch(fail);
}

async function selectTsg(name, { path, line } = {}) {
  state.selected = name;
  state.expanded = new Set();
  showView('library');
  const at = list.shown.findIndex((t) => t.name === name);
  if (at >= 0) showRow(at);
  drawRows();
  renderCenter();
  await loadFiles();
  if (path) {
    const file = state.files.find((f) => f.path === path);
    if (file) openFile(file, { line });
  } else {
    preview.empty('Pick a file to preview it.');
  }
}

async function loadFiles() {
  const name = state.selected;
  if (!name) return renderCenter();
  try {
    const data = await client.request('tsg:get-files', { name });
    if (state.selected !== name) return;
    state.files = data.files || [];
  } catch (error) {
    fail(error);
  }
  renderCenter();
}

// --- the centre: a TSG, search hits, the trash or the session -----------------------------------------

function showView(view) {
  state.view = view;
  for (const v of ['library', 'trash', 'session', 'cleanup', 'settings'])
    $(`#nav-${v}`).setAttribute('aria-pressed', String(v === view));
}

function renderCenter() {
  if (state.view === 'search') return;
  if (state.view === 'trash') return renderTrash();
  if (state.view === 'session') return renderSession();
  if (state.view === 'cleanup') return renderCleanup();
  if (state.view === 'settings') return renderSettings();
  const center = $('#center');
  const tsg = state.tsgs.find((t) => t.name === state.selected);
  if (!tsg) {
    clear(center, h('div', { class: 'empty' },
      h('h2', {}, state.tsgs.length ? 'Pick a TSG' : 'No TSGs yet'),
      h('p', {}, state.tsgs.length
        ? 'Choose a TSG on the left to see its files, or search above.'
        : 'A TSG is a named folder of guides, logs and pictures. Create one, then drop files or folders on it.'),
      h('button', { type: 'button', class: 'primary', onclick: createTsg }, 'New TSG')));
    return;
  }
  const isActive = tsg.name === state.active;
  const header = h('div', { class: 'tsg-header' },
    h('h2', {}, tsg.name, isActive ? h('span', { class: 'badge' }, 'active') : null),
    h('p', { class: 'description' }, tsg.description || 'No description.'),
    h('p', { class: 'tags', 'aria-label': 'Tags' }, (tsg.tags || []).length
      ? tsg.tags.map((t) => h('button', { type: 'button', class: 'tag', title: `Show only TSGs tagged ${t}`, onclick: () => filterTag(t) }, t))
      : h('span', { class: 'note' }, 'No tags.')),
    h('p', { class: 'note' }, `Created ${formatDate(tsg.createdAt)} · updated ${formatDate(tsg.updatedAt)} · ${tsg.fileCount} files, ${formatBytes(tsg.size)}`));
  const actions = h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'TSG actions' },
    h('button', { type: 'button', onclick: () => pick('#pick-files') }, 'Upload files…'),
    h('button', { type: 'button', onclick: () => pick('#pick-folder') }, 'Upload folder…'),
    h('button', { type: 'button', onclick: () => editTsg(tsg) }, 'Edit…'),
    isActive
      ? h('button', { type: 'button', onclick: () => setActive(null) }, 'Clear active')
      : h('button', { type: 'button', onclick: () => setActive(tsg.name) }, 'Set active'),
    h('button', { type: 'button', class: 'danger', onclick: () => deleteTsg(tsg) }, 'Delete…'));
  const drop = h('div', { class: 'dropzone', id: 'dropzone' }, 'Drop files or folders here to upload them to this TSG');
  clear(center, header, actions, drop, fileTree(), h('div', { id: 'uploads', class: 'uploads' }));
  restoreUploads();
}

function filterTag(tag) {
  state.tag = tag;
  renderTags();
  $('#tsg-scroll').scrollTop = 0;
  renderList({ resort: false });
}

const UNREADABLE = new Set(['pdf', 'document', 'spreadsheet']);

// The files as a tree: folders first, each level sorted; folders open and close.
function fileTree() {
  if (state.files.length === 0)
    return h('p', { class: 'empty-files' }, 'No files yet: drop files or folders here, or use Upload.');
  const children = new Map();
  for (const f of state.files) {
    const parent = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(f);
  }
  const tbody = h('tbody');
  const add = (parent, depth) => {
    const list = (children.get(parent) || []).sort((a, b) => (b.isDirectory - a.isDirectory) || a.name.localeCompare(b.name));
    for (const f of list) {
      const name = f.isDirectory
        ? h('button', { type: 'button', class: 'tree-folder', 'aria-expanded': String(state.expanded.has(f.path)), dataset: { path: f.path }, onclick: () => toggle(f.path) }, f.name)
        : h('button', { type: 'button', class: 'tree-file', onclick: () => openFile(f) }, f.name);
      tbody.append(h('tr', { 'aria-level': depth + 1 },
        h('td', { class: `tree-name depth-${Math.min(8, depth)}` }, name),
        h('td', { class: 'num' }, f.isDirectory ? '' : formatBytes(f.size)),
        h('td', {}, f.isDirectory ? 'folder' : f.type),
        h('td', {}, formatDate(f.modifiedAt)),
        h('td', { class: 'row-actions' }, f.isDirectory ? null : [
          // The protocol reads text and images; PDFs and Office files open from the window.
          UNREADABLE.has(f.type) ? null
            : h('button', { type: 'button', class: 'link', 'aria-label': `Download ${f.path}`, onclick: () => download(f) }, 'Download'),
          h('button', { type: 'button', class: 'link danger', 'aria-label': `Delete ${f.path}`, onclick: () => deleteFile(f) }, 'Delete')])));
      if (f.isDirectory && state.expanded.has(f.path)) add(f.path, depth + 1);
    }
  };
  add('', 0);
  return h('table', { class: 'files', 'aria-label': 'Files' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col', class: 'num' }, 'Size'),
      h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Modified'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
    tbody);
}

function toggle(path) {
  if (state.expanded.has(path)) state.expanded.delete(path); else state.expanded.add(path);
  renderCenter();
  [...document.querySelectorAll('#center button.tree-folder')].find((b) => b.dataset.path === path)?.focus();
}

function openFile(file, { line } = {}) {
  const before = state.expanded.size;
  for (let p = file.path; p.includes('/'); ) { p = p.slice(0, p.lastIndexOf('/')); state.expanded.add(p); }
  if (state.expanded.size !== before) renderCenter();
  preview.show({ kind: 'tsg', tsgName: state.selected }, file, { line });
}

function download(file, source = { kind: 'tsg', tsgName: state.selected }) {
  preview.download(source, file).catch(fail);
}

// --- TSG actions --------------------------------------------------------------------------------------

async function createTsg() {
  const name = await formDialog({
    title: 'New TSG', submitLabel: 'Create',
    fields: [
      { name: 'name', label: 'Name', required: true, maxlength: 100, hint: '3 to 100 characters; a folder name on any system.' },
      { name: 'description', label: 'Description', multiline: true, maxlength: 10000 },
      { name: 'tags', label: 'Tags', hint: 'Separated by commas.' },
    ],
    submit: async (v) => {
      const data = await client.request('tsg:create', { name: v.name.trim(), description: v.description, tags: tagsFrom(v.tags) });
      return data.name;
    },
  });
  if (name) {
    notify(`Created ${name}`);
    const loaded = selectTsg(name);
    focusTsgItem(name); // the list was drawn with it at once; its files come later
    await loaded;
  }
}

async function editTsg(tsg) {
  const wasSelected = state.selected === tsg.name;
  const done = await formDialog({
    title: `Edit ${tsg.name}`, submitLabel: 'Save',
    returnFocus: () => [...document.querySelectorAll('#center .actions button')].find((b) => b.textContent === 'Edit…'),
    fields: [
      { name: 'name', label: 'Name', required: true, maxlength: 100, value: tsg.name },
      { name: 'description', label: 'Description', multiline: true, maxlength: 10000, value: tsg.description || '' },
      { name: 'tags', label: 'Tags', value: (tsg.tags || []).join(', '), hint: 'Separated by commas.' },
    ],
    submit: async (v) => {
      const data = { name: tsg.name, description: v.description, tags: tagsFrom(v.tags) };
      if (v.name.trim() !== tsg.name) data.newName = v.name.trim();
      return client.request('tsg:update', data);
    },
  });
  if (done) {
    notify(done.name !== done.previousName ? `Renamed ${done.previousName} to ${done.name}` : `Saved ${done.name}`);
    // The list with the new name came first and dropped the old one from the selection: follow it.
    if (wasSelected && done.name !== done.previousName) selectTsg(done.name);
  }
}

async function deleteTsg(tsg) {
  const done = await formDialog({
    title: `Delete ${tsg.name}?`, submitLabel: 'Move to trash', danger: true,
    returnFocus: () => tsgItems().find((b) => b.tabIndex === 0),
    text: `${tsg.fileCount} files go to the trash with it, from where Trash can restore them until cleanup purges them.`,
    submit: () => client.request('tsg:delete', { name: tsg.name }),
  });
  if (done) notify(`${done.name} is in the trash`);
}

async function setActive(name) {
  try {
    await client.request('tsg:select', { name });
    notify(name ? `${name} is the active TSG` : 'No TSG is active now');
  } catch (error) { fail(error); }
}

async function deleteFile(file) {
  const done = await formDialog({
    title: `Delete ${file.path}?`, submitLabel: 'Move to trash', danger: true,
    text: 'The file goes to the trash, from where Trash can restore it.',
    submit: () => client.request('tsg:delete-file', { name: state.selected, path: file.path }),
  });
  if (done) { notify(`${done.path} is in the trash`); preview.empty('Pick a file to preview it.'); refreshList(); }
}

// --- uploads ------------------------------------------------------------------------------------------

function pick(selector) {
  const input = $(selector);
  input.value = '';
  input.click();
}

function uploadTarget() {
  return state.view === 'session' ? { sessionId: state.session } : { tsgName: state.selected };
}

// The server's type and size rules, with the limits it uses now (settings:get), in its words.
async function limitProblems(target, items, named) {
  let settings;
  try { settings = await client.request('settings:get'); } catch { return []; } // the server still checks
  const problems = [];
  const limit = target.sessionId ? settings.sessionSettings.maxUploadSize : settings.tsgSettings.maxUploadSize;
  const total = items.reduce((n, it) => n + it.file.size, 0);
  if (total > limit * 1048576)
    problems.push(`Total upload size ${(total / 1048576).toFixed(2)} MiB exceeds limit of ${limit} MiB (1 MiB = 1,048,576 bytes)`);
  if (target.tsgName !== undefined) {
    const allowed = settings.tsgSettings.allowedFileTypes.map((t) => t.toLowerCase());
    for (const it of named) {
      const name = it.path.split('/').pop();
      const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
      if (!allowed.includes(ext))
        problems.push(`${it.path}: File type '${ext}' is not allowed. Allowed types: ${settings.tsgSettings.allowedFileTypes.join(', ')}`);
    }
  }
  return problems;
}

async function upload(items) {
  const target = uploadTarget();
  if (!target.sessionId && !target.tsgName) return notify('Pick a TSG first', { error: true });
  if (target.sessionId) items = items.map((it) => ({ path: it.file.name, file: it.file }));
  if (items.length === 0) return notify('Nothing to upload: the folder is empty', { error: true });
  const problemOf = (it) => (target.sessionId ? nameProblem(it.path) : pathProblem(it.path));
  const problems = items.map(problemOf).filter(Boolean);
  // As the server does: a file whose path is refused is not checked for its type.
  problems.push(...(await limitProblems(target, items, items.filter((it) => !problemOf(it)))));
  if (problems.length) return showProblems(problems);
  const { element, done } = startUpload(client, target, items);
  ($('#uploads') || $('#center')).prepend(element);
  liveUploads.add(element);
  state.uploads++;
  done.then((data) => {
    refreshList();
    notify(`Uploaded ${items.length} ${items.length === 1 ? 'file' : 'files'} to ${target.tsgName ?? `session ${target.sessionId}`}`);
    if (target.sessionId) renderSession();
    return data;
  }).catch((error) => {
    if (error.message !== 'Upload cancelled') showProblems(String(error.message).split('; '));
  }).finally(() => {
    state.uploads--;
    setTimeout(() => { liveUploads.delete(element); element.remove(); }, 15000);
  });
}

// Every problem of a batch, one per line, before anything is sent (or as the server listed them).
function showProblems(problems) {
  formDialog({
    title: problems.length === 1 ? 'This upload cannot be sent' : `${problems.length} problems with this upload`,
    submitLabel: 'OK', fields: [], cancelLabel: null,
    submit: async () => true,
  });
  const form = $('#dialog form');
  form.insertBefore(h('ul', { class: 'problems' }, problems.map((p) => h('li', {}, p))), form.querySelector('.error'));
}

// Uploads shown again when the centre is redrawn (they live on in their elements).
const liveUploads = new Set();
function restoreUploads() {
  const box = $('#uploads');
  if (!box) return;
  for (const el of liveUploads) if (el.isConnected === false) box.append(el);
}

// After a reload or a dropped connection: the unfinished uploads this browser started.
async function offerResume() {
  let open;
  try { open = (await client.request('upload:list')).uploads || []; } catch { return; }
  const mine = remembered();
  const box = clear($('#resume'));
  for (const up of open) {
    const info = mine[up.uploadId];
    if (!info) continue;
    const where = info.tsgName !== undefined ? info.tsgName : `session ${info.sessionId}`;
    const status = h('span', {}, `${formatBytes(up.bytesReceived)} of ${formatBytes(up.bytesTotal)}`);
    const item = h('div', { class: 'resume-item', role: 'group', 'aria-label': `Unfinished upload to ${where}` },
      h('strong', {}, `Unfinished upload to ${where}`),
      h('span', {}, `${up.files.length} ${up.files.length === 1 ? 'file' : 'files'}, `), status,
      h('span', { class: 'note' }, 'To resume, choose the same files again:'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => resumeWith(up, info, '#pick-folder') }, 'Choose the folder…'),
        h('button', { type: 'button', onclick: () => resumeWith(up, info, '#pick-files') }, 'Choose the files…'),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          await client.request('upload:abort', { uploadId: up.uploadId }).catch(fail);
          const all = remembered(); delete all[up.uploadId]; localStorage.setItem('tsgdesk.uploads', JSON.stringify(all));
          item.remove();
        } }, 'Discard')));
    box.append(item);
  }
  for (const id of Object.keys(mine)) if (!open.some((u) => u.uploadId === id)) {
    const all = remembered(); delete all[id]; localStorage.setItem('tsgdesk.uploads', JSON.stringify(all));
  }
}

let resuming = null;
function resumeWith(up, info, picker) {
  resuming = { up, info };
  pick(picker);
}

// The same files again, matched by path (or name) and size, in the upload's order.
function resumeFrom(items) {
  const { up, info } = resuming;
  resuming = null;
  const byPath = new Map();
  for (const it of items) {
    byPath.set(it.path, it);
    byPath.set(it.path.split('/').slice(1).join('/'), it); // a folder chosen again: its own name first
    byPath.set(it.file.name, it);
  }
  const ordered = [];
  const missing = [];
  for (const f of up.files) {
    const key = f.path ?? f.name;
    const it = byPath.get(key);
    if (it && it.file.size === f.size) ordered.push({ path: key, file: it.file });
    else if (f.received === f.size) ordered.push({ path: key, file: { size: f.size } });
    else missing.push(`${key} (${formatBytes(f.size)})`);
  }
  if (missing.length) return showProblems(missing.map((m) => `Not among the files chosen: ${m}`));
  const target = info.tsgName !== undefined ? { tsgName: info.tsgName } : { sessionId: info.sessionId };
  const { element, done } = startUpload(client, target, ordered, { uploadId: up.uploadId });
  $('#resume').prepend(element);
  done.then(() => { refreshList(); notify(`Finished the upload to ${info.tsgName ?? info.sessionId}`); offerResume(); })
    .catch((error) => { if (error.message !== 'Upload cancelled') fail(error); });
}

function onPicked(input) {
  const items = filesFromInput(input);
  if (resuming) resumeFrom(items); else upload(items).catch(fail);
}

// --- search -------------------------------------------------------------------------------------------

const runSearch = debounce(async () => {
  const query = state.query.trim();
  const problem = $('#search-problem');
  if (!query) {
    problem.textContent = '';
    if (state.view === 'search') { showView('library'); renderCenter(); }
    return;
  }
  const data = { query, limit: 100 };
  if (state.tag) data.tags = [state.tag];
  try {
    const reply = await client.request('tsg:search', data);
    if (query !== state.query.trim()) return;
    problem.textContent = '';
    showView('search');
    renderHits(query, reply);
  } catch (error) {
    if (query === state.query.trim()) problem.textContent = error.words || String(error.message);
  }
}, 150);

function renderHits(query, reply) {
  const groups = new Map();
  for (const hit of reply.hits || []) {
    if (!groups.has(hit.tsgName)) groups.set(hit.tsgName, []);
    groups.get(hit.tsgName).push(hit);
  }
  const count = `${reply.total}${reply.totalExact === false ? '+' : ''} ${reply.total === 1 ? 'hit' : 'hits'} for “${query}”`;
  clear($('#center'),
    h('h2', {}, 'Search'), h('p', { class: 'note', role: 'status' }, count,
      reply.indexing ? ` · still indexing (${reply.indexing.done} of ${reply.indexing.total} files read)` : ''),
    groups.size === 0 ? h('p', { class: 'empty-files' }, 'Nothing matches: try fewer or shorter words, or prefix* searches.') : null,
    [...groups].map(([name, hits]) => h('section', { class: 'hit-group', 'aria-label': name },
      h('h3', {}, h('button', { type: 'button', class: 'link', onclick: () => selectTsg(name) }, name)),
      h('ul', { class: 'hits' }, hits.map((hit) => h('li', {},
        h('button', { type: 'button', class: 'hit', onclick: () => openHit(hit) },
          h('span', { class: 'hit-where' }, hit.path ? `${hit.path}${hit.line ? `:${hit.line}` : ''}${hit.page ? ` (page ${hit.page})` : ''}` : hit.kind),
          h('span', { class: 'hit-snippet' }, snippet(hit.snippet || '')))))))));
}

function openHit(hit) {
  $('#search').value = '';
  state.query = '';
  $('#search-problem').textContent = '';
  selectTsg(hit.tsgName, hit.path ? { path: hit.path, line: hit.line } : {});
}

// --- trash --------------------------------------------------------------------------------------------

async function renderTrash() {
  const center = $('#center');
  if (!center.querySelector('.trash')) clear(center, h('h2', {}, 'Trash'), h('p', { class: 'note trash' }, 'Loading…'));
  let entries;
  try { entries = (await client.request('tsg:trash')).entries || []; } catch (error) { return fail(error); }
  if (state.view !== 'trash') return;
  clear(center, h('h2', {}, 'Trash'),
    h('p', { class: 'note trash' }, entries.length ? 'Deleted TSGs and files, until cleanup purges them.' : 'The trash is empty.'),
    entries.length ? h('table', { class: 'files', 'aria-label': 'Trash' },
      h('thead', {}, h('tr', {}, ['What', 'TSG', 'Deleted', 'Size', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, entries.map((e) => h('tr', {},
        h('td', {}, e.kind === 'tsg' ? 'TSG' : e.path),
        h('td', {}, e.tsgName),
        h('td', {}, formatDate(e.deletedAt)),
        h('td', { class: 'num' }, formatBytes(e.size)),
        h('td', {}, h('button', { type: 'button', 'aria-label': `Restore ${e.kind === 'tsg' ? e.tsgName : e.path}`, onclick: () => restore(e) }, 'Restore')))))) : null);
}

async function restore(entry) {
  try {
    const done = await client.request('tsg:restore', { id: entry.id });
    notify(entry.kind === 'tsg' ? `Restored ${done.name}` : `Restored ${entry.path} into ${done.name}`);
    renderTrash();
  } catch (error) {
    if (error.code === 'not_found' && entry.kind === 'file') {
      const name = await formDialog({
        title: `Restore ${entry.path}`, submitLabel: 'Restore',
        text: `TSG ${entry.tsgName} is gone or was renamed. Restore the file into which TSG?`,
        fields: [{ name: 'name', label: 'TSG', required: true }],
        submit: (v) => client.request('tsg:restore', { id: entry.id, name: v.name.trim() }),
      });
      if (name) renderTrash();
    } else fail(error);
  }
}

// --- cleanup ------------------------------------------------------------------------------------------

async function renderCleanup(running = false) {
  const center = $('#center');
  let s;
  try { s = await client.request('cleanup:status'); } catch (error) { return fail(error); }
  if (state.view !== 'cleanup') return;
  const last = s.last;
  const run = h('button', { type: 'button', class: 'primary', disabled: running || s.running, onclick: runCleanup }, running || s.running ? 'Running…' : 'Run now');
  clear(center, h('h2', {}, 'Cleanup'),
    h('p', {}, s.enabled
      ? 'Deleted TSGs and files are purged from the trash once they are old enough, idle sessions and unfinished uploads are removed.'
      : 'Automatic cleanup of the trash is off (Settings in the window); idle sessions and unfinished uploads are still removed.'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Last run'), h('dd', {}, s.lastRun ? formatDate(s.lastRun) : 'Not yet'),
      h('dt', {}, 'Next run'), h('dd', {}, s.nextRun ? formatDate(s.nextRun) : 'Not scheduled'),
      h('dt', {}, 'Unfinished uploads waiting'), h('dd', {}, `${s.pendingUploads} (${formatBytes(s.pendingUploadBytes)})`),
      last ? [h('dt', {}, 'Last run removed'), h('dd', {}, `${last.sessionsRemoved} sessions, ${last.trashEntriesPurged} trash entries, ${last.uploadsExpired} expired uploads, ${last.stagingRemoved} leftovers: ${formatBytes(last.bytesFreed)} freed`)] : null,
      last && last.errors.length ? [h('dt', {}, 'Problems'), h('dd', {}, h('ul', {}, last.errors.map((e) => h('li', {}, e))))] : null),
    h('div', { class: 'actions' }, run));
}

async function runCleanup() {
  renderCleanup(true);
  try {
    const r = await client.request('cleanup:run');
    notify(`Cleanup done: ${r.sessionsRemoved + r.trashEntriesPurged + r.uploadsExpired + r.stagingRemoved} removed, ${formatBytes(r.bytesFreed)} freed`);
  } catch (error) { fail(error); }
  if (state.view === 'cleanup') renderCleanup();
}

// --- settings -----------------------------------------------------------------------------------------

// The fields of the settings a client may change, with the limits the server checks (the same as the
// window's): [section, key, label, min, max, unit].
const SETTINGS = [
  ['tsgSettings', 'maxUploadSize', 'Largest upload to a TSG', 1, 102400, 'MiB'],
  ['tsgSettings', 'cleanupAgeHours', 'Keep deleted TSGs and files in the trash for', 1, 87600, 'hours'],
  ['sessionSettings', 'maxUploadSize', 'Largest upload to a session', 1, 102400, 'MiB'],
  ['sessionSettings', 'sessionTimeout', 'Remove sessions idle for', 1, 87600, 'hours'],
  ['sessionSettings', 'maxFilesPerSession', 'Files per session', 1, 100000, ''],
  ['tsgDesk', 'uploadExpiryHours', 'Remove unfinished uploads idle for', 1, 8760, 'hours'],
  ['tsgDesk', 'maxOpenUploads', 'Unfinished uploads at once', 1, 1000, ''],
  ['tsgDesk', 'maxStagedMb', 'Room for unfinished uploads', 1, 1048576, 'MiB'],
];

async function renderSettings() {
  let current;
  try { current = await client.request('settings:get'); } catch (error) { return fail(error); }
  if (state.view !== 'settings') return;
  const problem = h('p', { class: 'error', role: 'alert' });
  const inputs = SETTINGS.map(([section, key, label, min, max, unit]) => {
    const id = `setting-${section}-${key}`;
    const input = h('input', { id, type: 'number', min, max, step: 1, required: true, value: current[section][key] });
    return { section, key, input, row: h('div', { class: 'setting' }, h('label', { for: id }, label), h('span', {}, input, ` ${unit}`)) };
  });
  const types = h('input', { id: 'setting-types', type: 'text', value: current.tsgSettings.allowedFileTypes.join(' '), required: true });
  const auto = h('input', { id: 'setting-auto', type: 'checkbox' });
  auto.checked = current.tsgSettings.autoCleanupEnabled;
  const form = h('form', { class: 'settings-form', novalidate: true },
    h('h2', {}, 'Settings'),
    h('p', { class: 'note' }, 'Saved to config.json, shared with the window. The server address and port are changed in the window.'),
    inputs.map((i) => i.row),
    h('div', { class: 'setting' }, h('label', { for: 'setting-types' }, 'Allowed file types'), types),
    h('div', { class: 'setting' }, h('label', { for: 'setting-auto' }, 'Empty the trash automatically'), auto),
    problem,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // The window's rules, checked here first; the server checks them again.
    const problems = [];
    const data = { tsgSettings: {}, sessionSettings: {}, tsgDesk: {} };
    for (const { section, key, input } of inputs) {
      const n = Number(input.value);
      const [, , label, min, max] = SETTINGS.find((s) => s[0] === section && s[1] === key);
      if (!Number.isInteger(n) || n < min || n > max) problems.push(`${label}: a whole number from ${min} to ${max}`);
      else data[section][key] = n;
    }
    const exts = types.value.split(/[\s,]+/).filter(Boolean).map((t) => (t.startsWith('.') ? t : `.${t}`).toLowerCase());
    if (exts.length === 0 || exts.some((t) => t.length < 2)) problems.push('Allowed file types: extensions such as .md .log');
    data.tsgSettings.allowedFileTypes = exts;
    data.tsgSettings.autoCleanupEnabled = auto.checked;
    problem.textContent = problems.join('; ');
    if (problems.length) return;
    try {
      await client.request('settings:update', data);
      notify('Settings saved');
    } catch (error) { problem.textContent = error.words; }
  });
  clear($('#center'), form);
}

// --- session ------------------------------------------------------------------------------------------

async function renderSession() {
  const center = $('#center');
  const id = state.session;
  let info = null;
  let files = [];
  try {
    [info, files] = await Promise.all([
      client.request('session:info', undefined, { sessionId: id }),
      client.request('session:get-files', undefined, { sessionId: id }).then((d) => d.files || []),
    ]);
  } catch (error) {
    if (error.code !== 'not_found') fail(error);
  }
  if (state.view !== 'session') return;
  const idInput = h('input', { id: 'session-id', type: 'text', value: id, maxlength: 128, pattern: '[A-Za-z0-9_-]+', autocomplete: 'off' });
  const source = { kind: 'session', sessionId: id };
  clear(center,
    h('h2', {}, 'Session'),
    h('form', { class: 'session-form', onsubmit: (e) => { e.preventDefault(); if (idInput.checkValidity()) { state.session = idInput.value; renderSession(); } } },
      h('label', { for: 'session-id' }, 'Session id'), idInput, h('button', { type: 'submit' }, 'Open')),
    h('p', { class: 'note' }, info
      ? `${info.fileCount} files, ${formatBytes(info.size)} · started ${formatDate(info.sessionMetadata?.createdAt)} · last activity ${formatDate(info.sessionMetadata?.lastActivity)}`
      : 'No files in this session yet. Files uploaded here are kept for an investigation, apart from the TSGs.'),
    h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Session actions' },
      h('button', { type: 'button', onclick: () => pick('#pick-files') }, 'Upload files…'),
      h('button', { type: 'button', class: 'danger', disabled: !info, onclick: () => deleteSession(id) }, 'Delete session…')),
    h('div', { class: 'dropzone', id: 'dropzone' }, 'Drop files here to upload them to this session'),
    files.length ? h('table', { class: 'files', 'aria-label': 'Session files' },
      h('thead', {}, h('tr', {}, ['Name', 'Size', 'Type', 'Modified', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, files.map((f) => h('tr', {},
        h('td', {}, h('button', { type: 'button', class: 'tree-file', onclick: () => preview.show(source, { path: f.name, type: typeOf(f.name), size: f.size }) }, f.name)),
        h('td', { class: 'num' }, formatBytes(f.size)), h('td', {}, f.type), h('td', {}, formatDate(f.modifiedAt)),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => download({ path: f.name, size: f.size }, source) }, 'Download')))))) : null,
    h('div', { id: 'uploads', class: 'uploads' }));
}

function typeOf(name) {
  const ext = name.split('.').pop().toLowerCase();
  return { md: 'markdown', markdown: 'markdown', log: 'log', txt: 'text', json: 'json', yaml: 'yaml', yml: 'yaml', pdf: 'pdf' }[ext] || 'text';
}

async function deleteSession(id) {
  const done = await formDialog({
    title: `Delete session ${id}?`, submitLabel: 'Delete', danger: true,
    text: 'Its files are deleted for good.',
    submit: () => client.request('session:delete', undefined, { sessionId: id }),
  });
  if (done) { notify(`Deleted session ${id}`); renderSession(); }
}

// --- connection ---------------------------------------------------------------------------------------

function showTokenHelp(reason) {
  $('#token-help').hidden = false;
  $('#main').hidden = true;
  $('#token-reason').textContent = reason || '';
  $('#conn').textContent = 'Not connected';
  $('#token-input').focus();
}

function connect(token) {
  $('#token-help').hidden = true;
  $('#main').hidden = false;
  client = new Client(`ws://${location.host}/?token=${encodeURIComponent(token)}`, state.session);
  preview = new Preview(client, $('#preview'));
  client.addEventListener('message', (event) => {
    const msg = event.detail;
    if (msg.type === 'tsg:list:response') setList(msg.data);
    else if (msg.type === 'tsg:files:response' && msg.data.tsgName === state.selected) {
      state.files = msg.data.files || [];
      if (state.view === 'library') renderCenter();
    }
  });
  client.addEventListener('state', async (event) => {
    const { state: s, reason } = event.detail;
    const banner = $('#banner');
    if (s === 'open') {
      banner.hidden = true;
      $('#conn').textContent = 'Connected';
      $('#conn').className = 'conn ok';
      try { setList(await client.request('tsg:list')); } catch (error) { fail(error); }
      if (state.view !== 'library' && state.view !== 'search') renderCenter();
      offerResume();
    } else if (s === 'refused') {
      sessionStorage.removeItem(TOKEN_KEY);
      showTokenHelp(`TSG Desk refused the connection: ${reason || 'the token is not valid'}. A new token may have been issued.`);
    } else {
      $('#conn').textContent = 'Reconnecting…';
      $('#conn').className = 'conn bad';
      banner.hidden = false;
      banner.textContent = 'The connection to TSG Desk was lost. Reconnecting… (is TSG Desk still running?)';
    }
  });
  client.connect();
}

function wire() {
  wireList();
  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('#token-input').value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#token-input').value = '';
    connect(token);
  });
  $('#new-tsg').addEventListener('click', createTsg);
  // A modal dialog keeps Tab and Shift+Tab among its own controls (the browser would go on to its own UI).
  $('#dialog').addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const controls = [...$('#dialog').querySelectorAll('button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])')]
      .filter((e) => !e.disabled && e.getClientRects().length > 0);
    if (controls.length === 0) return;
    const [first, last] = [controls[0], controls.at(-1)];
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  });
  $('#tag-filter').addEventListener('change', (event) => {
    state.tag = event.target.value;
    $('#tsg-scroll').scrollTop = 0;
    renderList({ resort: false });
    if (state.query.trim()) runSearch();
  });
  $('#search').addEventListener('input', (event) => { state.query = event.target.value; runSearch(); });
  $('#search').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.target.value = ''; state.query = ''; runSearch(); }
    if (event.key === 'Enter') { const first = $('#center .hit'); if (first) first.click(); }
  });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 'k' || event.key === 'K')) {
      event.preventDefault();
      $('#search').focus();
    }
  });
  $('#nav-library').addEventListener('click', () => { showView('library'); renderCenter(); });
  $('#nav-trash').addEventListener('click', () => { showView('trash'); renderCenter(); });
  $('#nav-session').addEventListener('click', () => { showView('session'); renderCenter(); });
  $('#nav-cleanup').addEventListener('click', () => { showView('cleanup'); renderCenter(); });
  $('#nav-settings').addEventListener('click', () => { showView('settings'); renderCenter(); });
  for (const id of ['#pick-files', '#pick-folder'])
    $(id).addEventListener('change', (event) => onPicked(event.target));
  const center = $('#center');
  center.addEventListener('dragover', (event) => {
    if (!$('#dropzone')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    $('#dropzone').classList.add('over');
  });
  center.addEventListener('dragleave', () => $('#dropzone')?.classList.remove('over'));
  center.addEventListener('drop', async (event) => {
    if (!$('#dropzone')) return;
    event.preventDefault();
    $('#dropzone').classList.remove('over');
    try { await upload(await filesFromDrop(event.dataTransfer)); } catch (error) { fail(error); }
  });
  window.addEventListener('beforeunload', (event) => { if (state.uploads > 0) event.preventDefault(); });
}

wire();
const token = takeTokenFromFragment();
if (token) connect(token);
else showTokenHelp('');
