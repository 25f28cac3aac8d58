// The document's body stream (entry.server.tsx).
import { Transform } from "node:stream";

/**
 * The document's body: what React writes in one turn of the event loop leaves as one chunk. React
 * writes its output 2 KB at a time, and each write used to go through its own web-stream chunk, zlib
 * call (compression) and socket write: about a sixth of the server's time on a list page under
 * `npm run load`. Nothing waits longer than the turn it was written in, so streaming is unchanged.
 */
export function coalescingBody(onFinal: () => void): Transform {
  let pending: Buffer[] = [];
  let scheduled = false;
  const release = () => {
    scheduled = false;
    if (pending.length === 0) return;
    body.push(pending.length === 1 ? pending[0] : Buffer.concat(pending));
    pending = [];
  };
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(release);
      }
      callback();
    },
    flush(callback) {
      release();
      onFinal();
      callback();
    },
  });
  return body;
}
