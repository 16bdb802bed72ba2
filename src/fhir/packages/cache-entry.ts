/**
 * One definitions cache entry: a file per package content, named from the package content hash, the
 * format version and the tool version (`<sha256>-v8-0.9.0.sasdefs`), so a changed package or another
 * tool version simply uses another name.
 *
 *   header (32 bytes)  magic "SASDEFS\n" · format u32 · meta length u32 · index length u32 ·
 *                      crc32 of meta + index u32 · blob length u48 · 2 bytes reserved (little-endian)
 *   meta (JSON)        { format, tool, hash, package: { id, version, dependencies } }
 *   index (JSON)       { table, positions }: the lookup columns (resource-table.ts) and, per resource,
 *                      where its bytes are in the blob and their crc32, in one string of fixed-width
 *                      base-36 fields (ResourcePositions)
 *   blob               the JSON bytes of each resource as found in the package (StructureDefinitions
 *                      without their documentation, slim-definition.ts)
 *
 * Loading reads the header, meta and index only; a resource's bytes are read on its first resolve with
 * a positional read, and checked against their length and crc32. The content is deterministic (no date,
 * no path), so two processes building the same entry write the same bytes and the last rename wins.
 * Hand-written rather than v8.serialize or one JSON: a JSON blob would have to be parsed whole at every
 * start, which is what the cache avoids.
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { PackageContent, PackageManifest } from './package-content.js';
import { ResourceTable, type TableData } from './resource-table.js';

/**
 * 2: StructureDefinitions stored without their documentation (slim-definition.ts); 3: CodeSystems too;
 * 4 to 8: the index's columns as strings (positions of fixed width, URLs as sorted lines) and versions
 * by number (a start parses the index in about a third of the time).
 */
export const FORMAT_VERSION = 8;
export const ENTRY_SUFFIX = '.sasdefs';
/**
 * Every file the cache writes: entries, their temporary names, fingerprints (see `ig cache clear`);
 * entries of earlier versions were named `<sha256>.sasdefs`.
 */
export const CACHE_FILE = /^(?:[0-9a-f]{64}(?:-v\d+-[0-9A-Za-z.+_-]{1,64})?\.sasdefs|fingerprints\.json)(?:\.tmp-\d+-[0-9a-z]+)?$/;

const MAGIC = Buffer.from('SASDEFS\n', 'latin1');
const HEADER = 32;

export interface EntryKey {
  tool: string;
  hash: string;
}

export interface EntryMeta extends EntryKey {
  format: number;
  package: PackageManifest;
}

/** A cache entry's index, read at load: the lookup table, and where each resource's bytes are. */
export interface EntryIndex {
  meta: EntryMeta;
  table: ResourceTable;
  positions: ResourcePositions;
  /** Position and size of the blob in the file. */
  blobStart: number;
  blobLength: number;
}

/** A cache entry that cannot be used as it is: rebuilt, with `reason` in the note. */
export class CorruptEntry extends Error {}

/** Where resource i's bytes are in the blob, and their crc32. */
export interface ResourcePosition {
  offset: number;
  length: number;
  crc: number;
}

/** Base-36 digits of each field of a position: up to 36^10 (beyond the 2^48 bytes a blob may hold), 36^7 (beyond 2^32). */
const OFFSET_DIGITS = 10;
const LENGTH_DIGITS = 7;
const CRC_DIGITS = 7;
const POSITION_WIDTH = OFFSET_DIGITS + LENGTH_DIGITS + CRC_DIGITS;

/**
 * Where each resource's bytes are in the blob and their crc32, stored as one string of fixed-width
 * base-36 fields (offset, length, crc32 per resource): JSON.parse makes one string where number arrays
 * made thousands of numbers (R4 core's crc32 values, beyond the small integers, each a heap object), and
 * a resource's position is read from its own 24 characters when it is first read, with nothing decoded
 * for the thousands of others.
 */
export class ResourcePositions {
  constructor(
    private readonly size: number,
    readonly column: string,
  ) {
    if (column.length !== size * POSITION_WIDTH) throw new CorruptEntry('index malformed');
  }

  static of(positions: readonly ResourcePosition[]): ResourcePositions {
    const field = (n: number, digits: number) => {
      const text = n.toString(36);
      if (!isCount(n) || text.length > digits) throw new Error(`${n} does not fit a cache entry index`);
      return text.padStart(digits, '0');
    };
    const column = positions
      .map((p) => field(p.offset, OFFSET_DIGITS) + field(p.length, LENGTH_DIGITS) + field(p.crc, CRC_DIGITS))
      .join('');
    return new ResourcePositions(positions.length, column);
  }

  /** Throws CorruptEntry when i is not a resource of the entry or its fields are not numbers. */
  at(i: number): ResourcePosition {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) throw new CorruptEntry('index points outside the blob');
    const at = i * POSITION_WIDTH;
    // a field that is not base 36 gives NaN, or a wrong position whose crc32 check then fails
    const offset = parseInt(this.column.slice(at, at + OFFSET_DIGITS), 36);
    const length = parseInt(this.column.slice(at + OFFSET_DIGITS, at + OFFSET_DIGITS + LENGTH_DIGITS), 36);
    const crc = parseInt(this.column.slice(at + OFFSET_DIGITS + LENGTH_DIGITS, at + POSITION_WIDTH), 36);
    if (!isCount(offset) || !isCount(length) || !isCount(crc)) throw new CorruptEntry('index malformed');
    return { offset, length, crc };
  }
}

/**
 * The file of an entry: the content hash (64 hex digits), the format and the tool version, its
 * characters outside [0-9A-Za-z.+-] replaced (two tool versions that would share a name are told apart
 * by the entry's meta: readEntryIndex rejects the other's). No digest of its own: hashing there loaded
 * node:crypto at every start, about 6 ms of a short `validate`.
 */
export function entryFileName(key: EntryKey): string {
  const tool = key.tool.replace(/[^0-9A-Za-z.+-]/g, '_').slice(0, 64) || '_';
  return `${key.hash}-v${FORMAT_VERSION}-${tool}${ENTRY_SUFFIX}`;
}

/** Writes an entry under a temporary name, then renames it into place (atomic on one file system); returns its index. */
export function writeEntry(file: string, key: EntryKey, content: PackageContent): EntryIndex {
  const table = ResourceTable.fromMetas(content.resources);
  const list: ResourcePosition[] = [];
  let blobLength = 0;
  for (const bytes of content.contents) {
    list.push({ offset: blobLength, length: bytes.length, crc: crc32(bytes) });
    blobLength += bytes.length;
  }
  const positions = ResourcePositions.of(list);
  const meta: EntryMeta = { format: FORMAT_VERSION, tool: key.tool, hash: key.hash, package: content.manifest };
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const indexBytes = Buffer.from(JSON.stringify({ table, positions: positions.column }), 'utf8');
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(metaBytes.length, 12);
  header.writeUInt32LE(indexBytes.length, 16);
  header.writeUInt32LE(crc32(indexBytes, crc32(metaBytes)), 20);
  header.writeUIntLE(blobLength, 24, 6);
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeAll(fd, Buffer.concat([header, metaBytes, indexBytes]));
      // the resources in batches of about 4 MB: one write per file would be thousands of system calls
      let batch: Buffer[] = [];
      let batchBytes = 0;
      for (const bytes of content.contents) {
        batch.push(bytes);
        batchBytes += bytes.length;
        if (batchBytes >= 4 << 20) {
          writeAll(fd, Buffer.concat(batch));
          batch = [];
          batchBytes = 0;
        }
      }
      if (batch.length > 0) writeAll(fd, Buffer.concat(batch));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    return { meta, table, positions, blobStart: HEADER + metaBytes.length + indexBytes.length, blobLength };
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw e;
  }
}

/** Reads and checks an entry's header, meta and index (not the blob). Throws CorruptEntry, or the fs error (ENOENT…). */
export function readEntryIndex(file: string, expected: EntryKey): EntryIndex {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const { metaLength, indexLength, crc: headCrc, blobLength } = readHeader(fd, size);
    if (HEADER + metaLength + indexLength + blobLength !== size) throw new CorruptEntry('lengths do not match the file size');
    const head = readAt(fd, HEADER, metaLength + indexLength);
    if (crc32(head) !== headCrc) throw new CorruptEntry('index checksum mismatch');
    const meta = parseMeta(head.subarray(0, metaLength));
    if (meta.tool !== expected.tool || meta.hash !== expected.hash) throw new CorruptEntry('entry of another package or tool version');
    let index: Partial<Record<'table' | 'positions', unknown>>;
    try {
      index = JSON.parse(head.toString('utf8', metaLength)) as typeof index;
    } catch {
      throw new CorruptEntry('index is not valid JSON');
    }
    let table: ResourceTable;
    try {
      table = new ResourceTable(index?.table as TableData);
    } catch {
      throw new CorruptEntry('index malformed');
    }
    if (typeof index.positions !== 'string') throw new CorruptEntry('index malformed');
    // each position is read and checked when its resource is (readResourceBytes): no loop over thousands of resources here
    const positions = new ResourcePositions(table.size, index.positions);
    return { meta, table, positions, blobStart: HEADER + metaLength + indexLength, blobLength };
  } finally {
    closeSync(fd);
  }
}

/** Header and meta of an entry, for listing (`ig list`); undefined when it is not a readable entry. */
export function readEntryMeta(file: string): EntryMeta | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      const { metaLength } = readHeader(fd, fstatSync(fd).size);
      return parseMeta(readAt(fd, HEADER, metaLength));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The bytes of resource i, checked (length, crc32); throws CorruptEntry, or the fs error. No descriptor is kept open. */
export function readResourceBytes(file: string, index: EntryIndex, i: number): Buffer {
  // positions.at checks that each field is a count
  const { offset, length, crc } = index.positions.at(i);
  if (offset + length > index.blobLength) throw new CorruptEntry('index points outside the blob');
  const fd = openSync(file, 'r');
  try {
    const bytes = readAt(fd, index.blobStart + offset, length);
    if (crc32(bytes) !== crc) throw new CorruptEntry('resource checksum mismatch');
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function readHeader(fd: number, size: number): { metaLength: number; indexLength: number; crc: number; blobLength: number } {
  if (size < HEADER) throw new CorruptEntry('shorter than its header');
  const h = readAt(fd, 0, HEADER);
  if (!h.subarray(0, MAGIC.length).equals(MAGIC)) throw new CorruptEntry('not a definitions cache entry');
  if (h.readUInt32LE(8) !== FORMAT_VERSION) throw new CorruptEntry(`format ${h.readUInt32LE(8)}, expected ${FORMAT_VERSION}`);
  return { metaLength: h.readUInt32LE(12), indexLength: h.readUInt32LE(16), crc: h.readUInt32LE(20), blobLength: h.readUIntLE(24, 6) };
}

function parseMeta(bytes: Buffer): EntryMeta {
  let meta: Partial<EntryMeta>;
  try {
    meta = JSON.parse(bytes.toString('utf8')) as Partial<EntryMeta>;
  } catch {
    throw new CorruptEntry('meta is not valid JSON');
  }
  const p = meta?.package;
  if (
    meta?.format !== FORMAT_VERSION ||
    typeof meta.tool !== 'string' ||
    typeof meta.hash !== 'string' ||
    !p ||
    typeof p.id !== 'string' ||
    typeof p.version !== 'string' ||
    typeof p.dependencies !== 'object' ||
    p.dependencies === null
  )
    throw new CorruptEntry('meta malformed');
  return meta as EntryMeta;
}

/** Reads exactly `length` bytes at `position` (a short file is a corrupt entry). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new CorruptEntry('file ends early');
    done += n;
  }
  return buf;
}

function writeAll(fd: number, buf: Buffer): void {
  for (let done = 0; done < buf.length;) done += writeSync(fd, buf, done, buf.length - done);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
