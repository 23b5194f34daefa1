// The WebSocket to TSG Desk: requests matched to their replies by requestId, pushes (replies without
// one) handed to listeners, and a reconnect with back-off when the connection drops.

// The reply that ends each request (an error reply ends any).
const FINAL = {
  'tsg:list': 'tsg:list:response', 'tsg:create': 'tsg:create:success', 'tsg:select': 'tsg:select:success',
  'tsg:delete': 'tsg:delete:success', 'tsg:get-files': 'tsg:files:response', 'tsg:update': 'tsg:update:success',
  'tsg:delete-file': 'tsg:delete-file:success', 'tsg:trash': 'tsg:trash:response',
  'tsg:restore': 'tsg:restore:success', 'tsg:search': 'tsg:search:response',
  'tsg:read-file': 'tsg:read-file:response', 'session:get-files': 'session:files:response',
  'session:info': 'session:info:response', 'session:delete': 'session:delete:success',
  'session:read-file': 'session:read-file:response', 'upload:list': 'upload:list:response',
  'upload:abort': 'upload:aborted', 'cleanup:status': 'cleanup:status:response', 'cleanup:run': 'cleanup:run:success',
  'settings:get': 'settings:response', 'settings:update': 'settings:update:success',
};

// What each error code means to the user; the server's message says what and which.
const WORDS = {
  invalid: 'Not accepted', unknown_type: 'This version of TSG Desk does not know that request',
  not_found: 'Not found', exists: 'The name is already taken', too_large: 'Too large',
  type_not_allowed: 'File type not allowed', limit: 'Over a limit', disk_full: 'The disk is full',
  io: 'The disk refused', busy: 'Busy right now: try again in a moment',
  internal: 'TSG Desk hit a defect (please report it)', closed: 'The connection to TSG Desk was lost',
};

export class ServerError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code || 'invalid';
  }
  // The sentence shown to the user: the code's wording, then the server's own message.
  get words() {
    const lead = WORDS[this.code] || 'Failed';
    return this.message && this.message !== lead ? `${lead}: ${this.message}` : lead;
  }
}

let nextId = 0;

export class Client extends EventTarget {
  // url: ws://host/?token=…; sessionId: this tab's session.
  constructor(url, sessionId) {
    super();
    this.url = url;
    this.sessionId = sessionId;
    this.ws = null;
    this.pending = new Map();
    this.retry = 0;
    this.stopped = false;
  }

  connect() {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.retry = 0;
      this.dispatchEvent(new CustomEvent('state', { detail: { state: 'open' } }));
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      this.dispatchEvent(new CustomEvent('message', { detail: msg }));
      const wait = msg.requestId !== undefined ? this.pending.get(msg.requestId) : undefined;
      if (!wait) return;
      if (typeof msg.type === 'string' && msg.type.endsWith('error')) {
        this.pending.delete(msg.requestId);
        wait.reject(new ServerError(msg.message, msg.code));
      } else if (msg.type === wait.final) {
        this.pending.delete(msg.requestId);
        wait.resolve(msg.data ?? {});
      }
    });
    ws.addEventListener('close', (event) => {
      for (const w of this.pending.values()) w.reject(new ServerError('', 'closed'));
      this.pending.clear();
      // 1008: refused (a wrong or old token); the page asks for a new one instead of retrying.
      const refused = event.code === 1008;
      this.dispatchEvent(new CustomEvent('state', { detail: { state: refused ? 'refused' : 'closed', reason: event.reason } }));
      if (this.stopped || event.code === 1008) return;
      const delay = Math.min(10000, 500 * 2 ** this.retry++);
      setTimeout(() => this.connect(), delay);
    });
  }

  get open() { return this.ws && this.ws.readyState === WebSocket.OPEN; }

  // Sends a request and resolves with the data of its final reply; rejects with a ServerError.
  request(type, data, { sessionId = this.sessionId } = {}) {
    if (!this.open) return Promise.reject(new ServerError('', 'closed'));
    const requestId = `web-${++nextId}`;
    const message = { type, requestId, sessionId };
    if (data !== undefined) message.data = data;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { final: FINAL[type], resolve, reject });
      this.ws.send(JSON.stringify(message));
    });
  }
}
