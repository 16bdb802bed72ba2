/**
 * Keeps the first bytes each connection received for its current request, so a broken answer
 * (bytes that are not HTTP, a header block over the limit) can be shown as evidence of what the
 * endpoint sent. Undici's errors do not carry it: an HTTPParserError has only the chunk where parsing
 * failed, a HeadersOverflowError nothing. Written by hand because no library taps an undici socket:
 * the socket's own `read` and `write` are wrapped (undici reads with `socket.read()` and writes each
 * request with `socket.write`), which changes neither its flow mode nor its listeners.
 */
import type { Duplex } from 'node:stream';

/** Bytes kept per answer: enough for a status line and the first headers. */
export const TAP_BYTES = 512;

export interface Received {
  /** The first bytes of the answer (at most TAP_BYTES). */
  head: Buffer;
  /** How many bytes of the answer were read in all. */
  total: number;
}

const byError = new WeakMap<object, Received>();

/** What the connection had received when it failed with `err` (undefined when not tapped). */
export function receivedBefore(err: unknown): Received | undefined {
  let e = err as { cause?: unknown } | undefined;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const got = byError.get(e);
    if (got) return got;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Starts recording on a freshly connected socket (before undici attaches its listeners). */
export function tapSocket(socket: Duplex): void {
  let parts: Buffer[] = [];
  let kept = 0;
  let total = 0;
  const read = socket.read.bind(socket);
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  const unshift = socket.unshift.bind(socket);
  socket.read = (size?: number): unknown => {
    const chunk: unknown = read(size);
    if (Buffer.isBuffer(chunk)) {
      total += chunk.length;
      if (kept < TAP_BYTES) {
        const part = chunk.subarray(0, TAP_BYTES - kept);
        parts.push(Buffer.from(part));
        kept += part.length;
      }
    }
    return chunk;
  };
  // Undici gives back what it could not parse yet (paused body): do not count it twice.
  socket.unshift = (chunk: unknown, encoding?: BufferEncoding): void => {
    if (Buffer.isBuffer(chunk) && chunk.length > 0) {
      total = Math.max(0, total - chunk.length);
      if (kept > total) {
        const head = Buffer.concat(parts).subarray(0, total);
        parts = [head];
        kept = head.length;
      }
    }
    unshift(chunk as Buffer, encoding);
  };
  // A new request starts a new answer.
  (socket as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]): boolean => {
    parts = [];
    kept = 0;
    total = 0;
    return write(...args);
  };
  socket.once('error', (err: unknown) => {
    if (err && typeof err === 'object' && total > 0) byError.set(err, { head: Buffer.concat(parts), total });
  });
}
