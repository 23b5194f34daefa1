// TSG Desk's chunked upload from a browser (or Node with the `ws` package): the example that
// docs/PROTOCOL.md describes, used as is by the tests. Plain JavaScript, no dependencies.
//
//   const ws = new WebSocket(`ws://127.0.0.1:8737/?token=${token}`);
//   await new Promise((ok) => ws.addEventListener('open', ok, { once: true }));
//   const done = await uploadChunked(ws, {
//     tsgName: 'Network outage',                      // or sessionId: 's1' for a session upload
//     files: [{ path: 'logs/big.log', blob: file }],  // a File from <input type=file> or a drop; its
//                                                     // lastModified goes as `mtime` (or give `mtime` here)
//     onProgress: (p) => console.log(p.bytesProcessed, '/', p.bytesTotal),
//     onReady: (ready) => localStorage.setItem('upload', ready.uploadId), // to resume after a reload
//   });
//   // done: the tsg:upload:success (or session:upload:success) message, with each file's sha256.
//
// To resume after a dropped connection or a restart, call it again on a new socket with
// `uploadId` and the same files: the server says what it holds and only the rest is sent.
// `signal` (an AbortSignal, optional) stops sending: the call rejects with its reason, and the upload
// stays open on the server (send upload:abort to remove it, or resume it later).

let nextRequest = 0;

// The modification time the server sets on the stored file: `mtime` if the caller gives one, else a File's
// lastModified (a whole number of milliseconds), so that evidence keeps its dates; none for a plain Blob.
function mtimeOf(f) {
  const t = f.mtime ?? f.blob.lastModified;
  return Number.isSafeInteger(t) && t >= 0 ? t : undefined;
}

export async function uploadChunked(ws, { tsgName, sessionId, files, uploadId, onProgress, onReady, signal }) {
  const inbox = messages(ws, onProgress, signal);
  try {
    let ready;
    if (uploadId) {
      ready = await inbox.request({ type: 'upload:resume', sessionId, data: { uploadId } }, ['upload:ready']);
    } else {
      const key = tsgName !== undefined ? 'path' : 'name';
      const list = files.map((f) => ({ [key]: f.path, size: f.blob.size, type: f.blob.type || undefined, sha256: f.sha256, mtime: mtimeOf(f) }));
      ready = tsgName !== undefined
        ? await inbox.request({ type: 'tsg:upload:begin', sessionId, data: { tsgName, files: list } }, ['upload:ready'])
        : await inbox.request({ type: 'session:upload:begin', sessionId, data: { files: list } }, ['upload:ready']);
    }
    const up = ready.data;
    if (onReady) onReady(up);

    // Flow control: never more than `window` bytes sent and not yet acknowledged as written. The next chunk is
    // read from its Blob while the window is full or the current one is sent (a browser's read of a File takes
    // tens of ms: awaited before each send, it halved the rate; bench/README.md, issue 18).
    const chunks = [];
    for (const f of up.files)
      for (let offset = f.received; offset < f.size; offset += up.chunkSize)
        chunks.push({ index: f.index, offset, n: Math.min(up.chunkSize, f.size - offset) });
    const read = (c) => (c ? files[c.index].blob.slice(c.offset, c.offset + c.n).arrayBuffer() : null);
    let sent = up.bytesReceived;
    let next = read(chunks[0]);
    next?.catch(() => {}); // a failed read is thrown where it is awaited
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i];
      const bytes = next;
      next = read(chunks[i + 1]);
      next?.catch(() => {});
      while (sent - inbox.acked(up.uploadId) + c.n > up.window) await inbox.nextProgress(up.uploadId);
      signal?.throwIfAborted();
      const frame = new Uint8Array(up.headerSize + c.n);
      frame.set(header(up.uploadId, c.index, c.offset));
      frame.set(new Uint8Array(await bytes), up.headerSize);
      ws.send(frame);
      sent += c.n;
    }
    const success = up.target === 'tsg' ? 'tsg:upload:success' : 'session:upload:success';
    const request = { type: 'upload:commit', sessionId, data: { uploadId: up.uploadId } };
    return await inbox.request(request, [success]);
  } finally {
    inbox.close();
  }
}

// The 32-byte chunk header: 'TSG' 0x01, the 16 bytes of the upload id, file index (u32), offset (u64), big-endian.
export function header(uploadId, fileIndex, offset) {
  const h = new Uint8Array(32);
  h.set([0x54, 0x53, 0x47, 0x01]);
  for (let i = 0; i < 16; i++) h[4 + i] = parseInt(uploadId.substr(2 * i, 2), 16);
  const view = new DataView(h.buffer);
  view.setUint32(20, fileIndex);
  view.setBigUint64(24, BigInt(offset));
  return h;
}

// Replies by requestId, acknowledgements by uploadId, and any upload:error for this upload.
function messages(ws, onProgress, signal) {
  const pending = new Map();       // requestId -> {want, resolve, reject}
  const acked = new Map();         // uploadId -> bytes written on the server
  let waiters = [];                // resolved on every progress or error
  let failure = null;
  const onMessage = (event) => {
    if (typeof event.data !== 'string') return;
    const msg = JSON.parse(event.data);
    const wait = msg.requestId !== undefined ? pending.get(msg.requestId) : undefined;
    if (msg.type === 'upload:ready') acked.set(msg.data.uploadId, msg.data.bytesReceived);
    if (msg.type.endsWith(':upload:progress') && msg.data.uploadId) {
      acked.set(msg.data.uploadId, msg.data.bytesProcessed);
      if (onProgress) onProgress(msg.data);
    } else if (msg.type.endsWith('error') && (wait || msg.uploadId)) {
      failure = new Error(msg.message);
      if (wait) { pending.delete(msg.requestId); wait.reject(failure); }
    } else if (wait && wait.want.includes(msg.type)) {
      pending.delete(msg.requestId);
      wait.resolve(msg);
    }
    const w = waiters; waiters = []; w.forEach((f) => f());
  };
  const onClose = () => {
    failure = failure || new Error('connection closed');
    pending.forEach((w) => w.reject(failure));
    pending.clear();
    const w = waiters; waiters = []; w.forEach((f) => f());
  };
  const onAbort = () => {
    failure = failure || signal.reason;
    pending.forEach((w) => w.reject(failure));
    pending.clear();
    const w = waiters; waiters = []; w.forEach((f) => f());
  };
  ws.addEventListener('message', onMessage);
  ws.addEventListener('close', onClose);
  signal?.addEventListener('abort', onAbort);
  return {
    request(message, want) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const requestId = `chunked-${++nextRequest}`;
      return new Promise((resolve, reject) => {
        pending.set(requestId, { want, resolve, reject });
        ws.send(JSON.stringify({ ...message, requestId }));
      });
    },
    acked: (id) => acked.get(id) ?? 0,
    nextProgress: () => new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      waiters.push(() => (failure ? reject(failure) : resolve()));
    }),
    close() {
      ws.removeEventListener('message', onMessage);
      ws.removeEventListener('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
