/**
 * Reads a file or a stream with a byte limit enforced WHILE reading: reading stops one byte past the
 * limit, so `/dev/zero`, a FIFO or an endless standard input cost at most `maxBytes + 1` bytes of
 * memory. A `stat` size is not enough: devices, pipes and `/proc` files report 0.
 *
 * Limits used by the tool (written down here so they live in one place):
 * - an answer given to `validate` (file or `-`): 100 MiB (MAX_INPUT_BYTES in src/validate/parse-input.ts);
 * - a user YAML file (cahier, JDD, answers, PV info, TLS profile): 5 MiB by default
 *   (src/yaml/load-located-yaml.ts), less for the small ones;
 * - a body received from an endpoint: 20 MiB (the HTTP client's own cap, src/http).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** What was read: at most `maxBytes + 1` bytes; `overLimit` when there was more than `maxBytes`. */
export interface CappedRead {
  bytes: Buffer;
  overLimit: boolean;
}

const CHUNK = 64 * 1024;

function finish(chunks: Buffer[], total: number, maxBytes: number): CappedRead {
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total); // one chunk: no copy
  return bytes.length > maxBytes ? { bytes: bytes.subarray(0, maxBytes + 1), overLimit: true } : { bytes, overLimit: false };
}

/** Reads a file (regular, device, FIFO) synchronously, stopping one byte past `maxBytes`. Throws fs errors. */
export function readFileCappedSync(path: string, maxBytes: number): CappedRead {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    // a regular file says its size: one read of all of it (and one more to see the end)
    const size = fstatSync(fd).size;
    const chunk = size > 0 ? Math.min(size + 1, maxBytes + 1) : CHUNK;
    while (total <= maxBytes) {
      const buf = Buffer.allocUnsafe(Math.min(chunk, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
    }
    return finish(chunks, total, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Reads a file (regular, device, FIFO) asynchronously, stopping one byte past `maxBytes`. Throws fs errors. */
export async function readFileCapped(path: string, maxBytes: number): Promise<CappedRead> {
  // node:fs/promises loaded here only: a device or a FIFO is rare, and the module costs every start about 2 ms
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    return finish(chunks, total, maxBytes);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a stream (standard input…) until its end or one byte past `maxBytes`, whichever comes first.
 * Leaving the loop early destroys the stream, so an endless writer gets EPIPE instead of filling memory.
 */
export async function readStreamCapped(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<CappedRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buf);
    total += buf.length;
    if (total > maxBytes) break;
  }
  return finish(chunks, total, maxBytes);
}

/** A limit as users read it: `100 MB` / `100 Mo` (MiB), or bytes under 0.1 MiB (tests use tiny limits). */
export function limitText(bytes: number): { fr: string; en: string } {
  const mb = bytes / (1024 * 1024);
  if (mb < 0.1) return { fr: `${bytes} octets`, en: `${bytes} bytes` };
  const n = Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
  return { fr: `${n} Mo`, en: `${n} MB` };
}

/** The one message for an input over its limit, in both languages. */
export function inputTooLargeMessage(label: string, maxBytes: number): { fr: string; en: string } {
  const limit = limitText(maxBytes);
  return {
    fr: `entrée de plus de ${limit.fr} : ${label} (lecture arrêtée à la limite)`,
    en: `input larger than ${limit.en}: ${label} (reading stopped at the limit)`,
  };
}
