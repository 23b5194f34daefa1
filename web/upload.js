// Uploads from the page: files and folders (buttons, or a drop, keeping the tree through
// webkitGetAsEntry), checked with the server's path rules before anything is sent, then sent through the
// chunked, resumable path (docs/chunked-upload.js) with progress per file and in total, and cancel.
// Unfinished uploads are remembered in localStorage so that a reload can offer to resume them.
import { uploadChunked } from './vendor/chunked-upload.js';

const STORE = 'tsgdesk.uploads';

// --- collecting files ------------------------------------------------------------------------------

// The files of a drop, folders walked, each {path, file} with its path inside the drop.
export async function filesFromDrop(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
  if (entries.length === 0) return [...dataTransfer.files].map((file) => ({ path: file.name, file }));
  const out = [];
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

async function walk(entry, prefix, out) {
  const path = prefix + entry.name;
  if (entry.isFile) {
    const file = await new Promise((ok, fail) => entry.file(ok, fail));
    out.push({ path, file });
    return;
  }
  const reader = entry.createReader();
  for (;;) { // readEntries gives at most 100 at a time: read until it gives none
    const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, `${path}/`, out);
  }
}

// The files of an <input type=file> (with webkitdirectory, their paths inside the folder chosen).
export function filesFromInput(input) {
  return [...input.files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

// --- the server's rules, checked first (the server's answer still rules) ---------------------------

const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const LOOKALIKE = /[\u2024\u2025\uFE52\uFF0E\u2044\u2215\u29F5\u29F8\u29F9\uFE68\uFF0F\uFF3C]/u;
const INVISIBLE = /[\p{Cf}\u2028\u2029\uFDD0-\uFDEF]/u;
const NONCHAR = /[\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{10FFFE}\u{10FFFF}]/u;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const VISIBLE = /[^\s\p{M}\p{Cf}\u115F\u1160\u3164\uFFA0]/u;

// Why one segment of a path is not a portable name, or null.
function segmentProblem(segment, isFile) {
  if (segment === '') return 'empty segments are not allowed';
  if (segment === '.' || segment === '..') return `'${segment}' segments are not allowed`;
  if (segment.startsWith('.')) return 'hidden names (starting with a dot) are not allowed';
  if (CONTROL.test(segment)) return 'control characters are not allowed';
  if (/[\\:]/.test(segment)) return 'backslashes and colons are not allowed';
  if (INVISIBLE.test(segment) || NONCHAR.test(segment)) return 'invisible or format characters are not allowed';
  if (LOOKALIKE.test(segment)) return 'characters that look like a dot or a slash are not allowed';
  if (/[. ]$/.test(segment)) return 'a name may not end with a dot or a space';
  if (DEVICE.test(segment)) return `'${segment}' is a reserved device name on Windows`;
  if (new TextEncoder().encode(segment).length > 255) return 'a name may be at most 255 bytes';
  const stem = isFile && segment.includes('.') ? segment.slice(0, segment.lastIndexOf('.')) : segment;
  if (!VISIBLE.test(stem)) return 'a name must have something visible';
  return null;
}

// Why `path` cannot be uploaded, or null.
export function pathProblem(path) {
  if (path.includes('\\')) return `Invalid file path: ${path} (backslashes are not allowed)`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return `Invalid file path: ${path} (it must be relative)`;
  const segments = path.normalize('NFC').split('/');
  for (let i = 0; i < segments.length; i++) {
    const problem = segmentProblem(segments[i], i === segments.length - 1);
    if (problem) return `Invalid file path: ${path} (${problem})`;
  }
  return null;
}

// For a session, only the file's own name counts.
export function nameProblem(name) {
  const problem = segmentProblem(name, true);
  return problem ? `Invalid file name: ${name} (${problem})` : null;
}

// --- remembered uploads ------------------------------------------------------------------------------

export function remembered() {
  try { return JSON.parse(localStorage.getItem(STORE) || '{}'); } catch { return {}; }
}
function remember(uploadId, info) {
  const all = remembered();
  if (info) all[uploadId] = info; else delete all[uploadId];
  localStorage.setItem(STORE, JSON.stringify(all));
}

// --- one batch ---------------------------------------------------------------------------------------

// Sends `items` ({path, file}) to a TSG (target.tsgName) or a session (target.sessionId), drawing its
// progress into a new element it returns at once; `done` is a promise of the success data.
export function startUpload(client, target, items, { uploadId, onFinished } = {}) {
  const total = items.reduce((n, it) => n + it.file.size, 0);
  const controller = new AbortController();
  const rows = items.map((it) => {
    const bar = document.createElement('progress');
    bar.max = Math.max(1, it.file.size);
    bar.value = 0;
    bar.setAttribute('aria-label', `Progress of ${it.path}`);
    const row = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'upload-name';
    name.textContent = it.path;
    row.append(name, bar);
    return { row, bar, size: it.file.size };
  });
  const totalBar = document.createElement('progress');
  totalBar.max = Math.max(1, total);
  totalBar.value = 0;
  totalBar.setAttribute('aria-label', 'Total progress');
  const status = document.createElement('span');
  status.className = 'upload-status';
  status.setAttribute('role', 'status');
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Cancel';
  const title = document.createElement('strong');
  title.textContent = target.tsgName !== undefined ? `Upload to ${target.tsgName}` : `Upload to session ${target.sessionId}`;
  const list = document.createElement('ul');
  list.className = 'upload-files';
  list.append(...rows.map((r) => r.row));
  const box = document.createElement('section');
  box.className = 'upload';
  box.setAttribute('aria-label', title.textContent);
  const head = document.createElement('div');
  head.className = 'upload-head';
  head.append(title, totalBar, status, cancel);
  box.append(head, list);

  let currentId = uploadId;
  const show = (processed) => {
    totalBar.value = processed;
    status.textContent = `${Math.floor((100 * processed) / Math.max(1, total))} %`;
    let start = 0; // files are sent, and written, in order
    for (const r of rows) {
      r.bar.value = Math.max(0, Math.min(r.size, processed - start));
      start += r.size;
    }
  };
  cancel.addEventListener('click', () => controller.abort(new Error('Upload cancelled')));

  const done = (async () => {
    try {
      const success = await uploadChunked(client.ws, {
        tsgName: target.tsgName,
        sessionId: target.sessionId ?? client.sessionId,
        uploadId,
        files: items.map((it) => ({ path: it.path, blob: it.file })),
        signal: controller.signal,
        onReady: (ready) => {
          currentId = ready.uploadId;
          show(ready.bytesReceived);
          remember(ready.uploadId, {
            tsgName: target.tsgName, sessionId: target.sessionId,
            files: items.map((it) => ({ path: it.path, size: it.file.size, lastModified: it.file.lastModified })),
          });
        },
        onProgress: (p) => show(p.bytesProcessed),
      });
      show(total);
      status.textContent = 'Done';
      cancel.remove();
      if (currentId) remember(currentId, null);
      box.classList.add('finished');
      return success.data;
    } catch (error) {
      if (controller.signal.aborted && currentId) {
        remember(currentId, null);
        client.request('upload:abort', { uploadId: currentId }).catch(() => {});
        status.textContent = 'Cancelled';
      } else {
        status.textContent = `Failed: ${error.message}`;
      }
      cancel.remove();
      box.classList.add('failed');
      throw error;
    } finally {
      if (onFinished) onFinished();
    }
  })();
  return { element: box, done, cancel: () => controller.abort(new Error('Upload cancelled')) };
}
