/**
 * Reads the files of a FHIR NPM package (`.tgz`) in memory with Node's zlib and tar-stream (loaded only
 * when a package is read: a start on a warm definitions cache never needs it). Only regular files are
 * kept; names keep their `package/` prefix.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';

export interface TgzFile {
  name: string;
  content: Buffer;
}

/** `filter` decides from the entry name whether to keep its content (others are skipped unread). */
export async function readTgz(path: string, filter: (name: string) => boolean = () => true): Promise<TgzFile[]> {
  const [{ extract }, { pipeline }] = await Promise.all([import('tar-stream'), import('node:stream/promises')]);
  const files: TgzFile[] = [];
  const ex = extract();
  ex.on('entry', (header, stream, next) => {
    const keep = header.type === 'file' && filter(header.name);
    if (!keep) {
      stream.on('end', next);
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    stream.on('end', () => {
      files.push({ name: header.name, content: Buffer.concat(chunks) });
      next();
    });
  });
  await pipeline(createReadStream(path), createGunzip(), ex);
  return files;
}

/**
 * Reads one JSON file of a package (e.g. `package/package.json`), or undefined. The start of the archive
 * is tried first (package.json is usually its first file: `ig list` reads a dozen manifests this way
 * without gunzipping 4 MB packages), then the whole of it.
 */
export async function readTgzJson(path: string, name: string): Promise<unknown> {
  const file = readTgzFileSync(path, name);
  return file ? JSON.parse(file.toString('utf8')) : undefined;
}

const PREFIX = 64 * 1024;

function readTgzFileSync(path: string, name: string): Buffer | undefined {
  const gz = readFileSync(path);
  if (gz.length > PREFIX) {
    let start: Buffer | undefined;
    try {
      // Z_SYNC_FLUSH: what a truncated stream decodes to, without the "unexpected end" error
      start = gunzipSync(gz.subarray(0, PREFIX), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      start = undefined; // not gzip at all: the full read below says so
    }
    const found = start ? scanTar(start, (n) => n === name, { first: true, partial: true })[0] : undefined;
    if (found) return found.content;
  }
  return scanTar(gunzipSync(gz), (n) => n === name, { first: true, partial: false })[0]?.content;
}

const BLOCK = 512;

/**
 * The same as readTgz, synchronously. Hand-written because tar-stream only streams, and the definitions
 * cache needs a synchronous way back to a package when a cache entry turns out corrupt in the middle of a
 * (synchronous) resolve(); it also reads a whole package about 1.5× faster than the stream (one gunzip
 * call, no chunk copies), which is what building a cache entry does. It reads what FHIR packages use: ustar names with prefix, pax `path`, GNU
 * long names; any other entry type is skipped, as readTgz does. Tested against readTgz on every package.
 */
export function readTgzSync(path: string, filter: (name: string) => boolean = () => true, o: { copy?: boolean } = {}): TgzFile[] {
  return scanTar(gunzipSync(readFileSync(path)), filter, { first: false, partial: false, copy: o.copy ?? true });
}

/**
 * The files of a tar; `first`: stop at the first kept; `partial`: the tar is a prefix (an entry cut short
 * ends the scan); `copy: false`: contents are views into the tar (which they then keep in memory).
 */
function scanTar(tar: Buffer, filter: (name: string) => boolean, o: { first: boolean; partial: boolean; copy?: boolean }): TgzFile[] {
  const files: TgzFile[] = [];
  let longName: string | undefined;
  let paxPath: string | undefined;
  let globalPaxPath: string | undefined;
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    checkHeader(header, at);
    const size = octal(header, 124, 12);
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    const start = at + BLOCK;
    if (start + size > tar.length) {
      if (o.partial) break;
      throw new Error(`truncated tar entry at byte ${at}`);
    }
    const data = tar.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') longName = cString(data, 0, data.length);
    else if (type === 'x') paxPath = paxRecords(data).path ?? paxPath;
    else if (type === 'g') globalPaxPath = paxRecords(data).path ?? globalPaxPath;
    else {
      let name = cString(header, 0, 100);
      if (header.subarray(257, 263).toString('latin1') === 'ustar\0' && header[345] !== 0) name = `${cString(header, 345, 155)}/${name}`;
      name = longName ?? paxPath ?? globalPaxPath ?? name;
      longName = undefined;
      paxPath = undefined;
      const isFile = type === '0' && !name.endsWith('/'); // what tar-stream calls 'file'
      if (isFile && filter(name)) {
        files.push({ name, content: o.copy === false ? data : Buffer.from(data) });
        if (o.first) break;
      }
    }
  }
  return files;
}

function cString(buf: Buffer, offset: number, length: number): string {
  const end = buf.indexOf(0, offset);
  return buf.toString('utf8', offset, end < 0 || end > offset + length ? offset + length : end);
}

function octal(buf: Buffer, offset: number, length: number): number {
  const text = cString(buf, offset, length).trim();
  if (buf[offset] & 0x80 || !/^[0-7]*$/.test(text)) throw new Error('unsupported tar header (size field)');
  return text === '' ? 0 : parseInt(text, 8);
}

function checkHeader(header: Buffer, at: number): void {
  let sum = 8 * 32; // the checksum field counts as spaces
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += header[i];
  const field = cString(header, 148, 8).trim();
  if (!/^[0-7]+$/.test(field) || sum !== parseInt(field, 8))
    throw new Error(`invalid tar header at byte ${at}: not a package, or corrupted`);
}

/** pax extended header records: `<length> <key>=<value>\n`. */
function paxRecords(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = data;
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    const length = parseInt(rest.toString('utf8', 0, space), 10);
    if (!(length > 0) || space < 0) break;
    const record = rest.toString('utf8', space + 1, length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    rest = rest.subarray(length);
  }
  return out;
}
