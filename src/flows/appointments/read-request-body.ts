/**
 * Reads the body of a request the SAS side received, with a cap enforced while reading: bytes past the
 * cap are counted and dropped (so the client, still sending, gets the 413 instead of a reset), and a
 * client that keeps sending far beyond it is cut off. Resolves once the request ended or broke; never
 * rejects.
 */
import type { IncomingMessage } from 'node:http';

/** An Appointment is a few KiB: 1 MiB is far above any real one. */
export const MAX_APPOINTMENT_BYTES = 1024 * 1024;

/** Past this many bytes the rest is not even drained: the connection is cut. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

export type ReadBody =
  | { kind: 'ok'; bytes: Buffer }
  /** More than the cap: `kept` holds its first bytes, `total` what was counted (at least `cap + 1`). */
  | { kind: 'too-large'; kept: Buffer; total: number; cut: boolean }
  /** The client went away or the stream failed before the end. */
  | { kind: 'broken'; kept: Buffer; reason: string };

export function readRequestBody(req: IncomingMessage, cap = MAX_APPOINTMENT_BYTES): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    let done = false;
    const finish = (r: ReadBody): void => {
      if (done) return;
      done = true;
      resolve(r);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      req.resume(); // nothing kept; the answer closes the connection
      return finish({ kind: 'too-large', kept: Buffer.alloc(0), total: declared, cut: true });
    }
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (kept <= cap) {
        const room = cap + 1 - kept;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        chunks.push(part);
        kept += part.length;
      }
      if (total > DRAIN_LIMIT_BYTES) {
        req.pause();
        finish({ kind: 'too-large', kept: Buffer.concat(chunks), total, cut: true });
      }
    });
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      finish(total > cap ? { kind: 'too-large', kept: bytes, total, cut: false } : { kind: 'ok', bytes });
    });
    req.on('error', (err) => finish({ kind: 'broken', kept: Buffer.concat(chunks), reason: err.message }));
    req.on('close', () => finish({ kind: 'broken', kept: Buffer.concat(chunks), reason: 'connection closed before the end of the body' }));
  });
}
