// The preview of one file: markdown rendered by marked and sanitised by DOMPurify (the only HTML the page
// inserts), text and logs with line numbers opening at a line, images from their bytes. Reads go through
// tsg:read-file (or session:read-file), at most 1 MiB per reply.
import { h, clear, formatBytes } from './dom.js';

const LINES_PER_PAGE = 1000;
const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
const IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml' };

// marked and DOMPurify (130 KB) are loaded when the first markdown preview opens, not with the page: they are
// not needed for its first paint. marked is a UMD file: imported, it sets globalThis.marked.
let renderer = null;
function markdownRenderer() {
  renderer ??= Promise.all([import('./vendor/purify.js'), import('./vendor/marked.js')]).then(([{ default: DOMPurify }]) => {
    // Links open in a new tab without telling it where they came from; nothing else survives but what
    // DOMPurify keeps (no script, no handlers, no javascript: URLs, no forms).
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    return { DOMPurify, marked: globalThis.marked };
  });
  renderer.catch(() => { renderer = null; }); // a failed load is tried again on the next preview
  return renderer;
}

export async function renderMarkdown(text) {
  const { DOMPurify, marked } = await markdownRenderer();
  const html = marked.parse(text, { mangle: false, headerIds: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
    FORBID_ATTR: ['style'],
    RETURN_DOM_FRAGMENT: true,
  });
}

function extension(path) {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
}

// `source`: {kind: 'tsg', tsgName} or {kind: 'session', sessionId}; `file`: {path, type, size}.
export class Preview {
  constructor(client, element) {
    this.client = client;
    this.element = element;
    this.urls = [];
    this.generation = 0;
  }

  read(source, path, range) {
    return source.kind === 'tsg'
      ? this.client.request('tsg:read-file', { name: source.tsgName, path, ...range })
      : this.client.request('session:read-file', { name: path, ...range }, { sessionId: source.sessionId });
  }

  empty(text) {
    this.release();
    clear(this.element, h('p', { class: 'placeholder' }, text));
  }

  release() {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
  }

  async show(source, file, { line } = {}) {
    const generation = ++this.generation;
    this.release();
    const title = h('h2', { class: 'preview-title' }, file.path);
    const meta = h('p', { class: 'preview-meta' }, [file.type, formatBytes(file.size)].filter(Boolean).join(' · '));
    const body = h('div', { class: 'preview-body', 'aria-busy': 'true' }, h('p', { class: 'placeholder' }, 'Loading…'));
    clear(this.element, title, meta, body);
    try {
      const ext = extension(file.path);
      if (IMAGE_TYPES[ext]) await this.image(source, file, body, ext, generation);
      else if (file.type === 'pdf' || file.type === 'document' || file.type === 'spreadsheet')
        clear(body, h('p', { class: 'placeholder' }, 'No preview for this kind of file in the browser: download it.'));
      else if (file.type === 'markdown' && !line) await this.markdown(source, file, body, generation);
      else await this.lines(source, file, body, line || 1, generation);
    } catch (error) {
      if (generation !== this.generation) return;
      clear(body, h('p', { class: 'error', role: 'alert' }, error.words || String(error.message || error)));
    }
    body.removeAttribute('aria-busy');
  }

  async markdown(source, file, body, generation) {
    const [reply] = await Promise.all([this.read(source, file.path, {}), markdownRenderer()]);
    if (generation !== this.generation) return;
    const fragment = await renderMarkdown(reply.text);
    // Pictures the guide shows from its own TSG are loaded from their bytes; nothing else is fetched
    // (the sources are taken off before the fragment is in the page).
    const images = [];
    for (const img of fragment.querySelectorAll('img')) {
      images.push([img, img.getAttribute('src') || '']);
      img.removeAttribute('src');
    }
    const article = h('article', { class: 'markdown' });
    article.append(fragment);
    clear(body, article, reply.truncated ? h('p', { class: 'note' }, 'Only the first MiB is shown.') : null);
    if (source.kind !== 'tsg') return;
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
    for (const [img, src] of images) {
      if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) continue;
      const path = resolve(dir, decodeURI(src));
      const type = IMAGE_TYPES[extension(path)];
      if (!path || !type) continue;
      this.imageUrl(source, path, type, generation).then((url) => { if (url) img.src = url; }).catch(() => {});
    }
  }

  async imageUrl(source, path, type, generation) {
    const blob = await this.imageBlob(source, path, type, generation, MAX_IMAGE_BYTES);
    if (!blob) return null;
    const url = URL.createObjectURL(blob);
    this.urls.push(url);
    return url;
  }

  async imageBlob(source, path, type, generation, size) {
    const parts = [];
    let offset = 0;
    for (;;) {
      const reply = await this.read(source, path, { offset });
      if (generation !== this.generation) return null;
      parts.push(Uint8Array.from(atob(reply.text), (c) => c.charCodeAt(0)));
      offset += reply.length;
      if (!reply.truncated || offset >= reply.size || offset >= size) break;
    }
    return new Blob(parts, { type });
  }

  async image(source, file, body, ext, generation) {
    const url = await this.imageUrl(source, file.path, IMAGE_TYPES[ext], generation);
    if (!url) return;
    clear(body, h('img', { class: 'preview-image', src: url, alt: `Preview of ${file.path}` }));
  }

  // Text with line numbers: a page of lines around `line`, which is highlighted and scrolled to.
  async lines(source, file, body, line, generation) {
    const first = Math.max(1, line - Math.floor(LINES_PER_PAGE / 2));
    const reply = await this.read(source, file.path, { line: first, lines: LINES_PER_PAGE });
    if (generation !== this.generation) return;
    const text = reply.text.endsWith('\n') ? reply.text.slice(0, -1) : reply.text;
    const rows = text === '' ? [] : text.split('\n');
    const table = h('table', { class: 'lines', 'aria-label': `Lines of ${file.path}` });
    const tbody = h('tbody');
    rows.forEach((content, i) => {
      const n = reply.line + i;
      tbody.append(h('tr', { id: `L${n}`, class: n === line ? 'hit-line' : undefined },
        h('td', { class: 'ln' }, String(n)), h('td', { class: 'lc' }, content)));
    });
    table.append(tbody);
    const last = reply.line + rows.length - 1;
    const nav = h('p', { class: 'preview-nav' },
      `Lines ${rows.length ? reply.line : 0}–${Math.max(0, last)} of ${reply.lines}`,
      reply.line > 1 ? h('button', { type: 'button', onclick: () => this.show(source, file, { line: Math.max(1, reply.line - LINES_PER_PAGE / 2) }) }, 'Earlier lines') : null,
      last < reply.lines ? h('button', { type: 'button', onclick: () => this.show(source, file, { line: last + 1 + LINES_PER_PAGE / 2 }) }, 'Later lines') : null);
    // Focusable, so that the keys scroll it: a named region.
    clear(body, nav, h('div', { class: 'lines-scroll', tabindex: '0', role: 'region', 'aria-label': `Lines of ${file.path}` }, table));
    const hit = tbody.querySelector('tr.hit-line');
    if (hit && line > 1) hit.scrollIntoView({ block: 'center' });
  }

  // The whole file as a download: images and text (as UTF-8) are what the protocol can read.
  async download(source, file) {
    const ext = extension(file.path);
    let blob;
    if (IMAGE_TYPES[ext]) {
      blob = await this.imageBlob(source, file.path, IMAGE_TYPES[ext], this.generation, Infinity);
    } else {
      const parts = [];
      let offset = 0;
      for (;;) {
        const reply = await this.read(source, file.path, { offset });
        parts.push(reply.text);
        offset = reply.offset + reply.length;
        if (!reply.truncated || offset >= reply.size) break;
      }
      blob = new Blob(parts, { type: 'text/plain;charset=utf-8' });
    }
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: file.path.split('/').pop() });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
}

function resolve(dir, relative) {
  const out = [];
  for (const part of (dir + relative).split('/')) {
    if (part === '..') { if (!out.length) return null; out.pop(); } else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}
