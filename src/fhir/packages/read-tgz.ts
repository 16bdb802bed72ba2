/**
 * Reads the files of a FHIR NPM package (`.tgz`) in memory with Node's zlib and tar-stream.
 * Only regular files are kept; names keep their `package/` prefix.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';

export interface TgzFile {
  name: string;
  content: Buffer;
}

/** `filter` decides from the entry name whether to keep its content (others are skipped unread). */
export async function readTgz(path: string, filter: (name: string) => boolean = () => true): Promise<TgzFile[]> {
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

/** Reads one JSON file of a package (e.g. `package/example/Bundle-X.json`), or undefined. */
export async function readTgzJson(path: string, name: string): Promise<unknown> {
  const [file] = await readTgz(path, (n) => n === name);
  return file ? JSON.parse(file.content.toString('utf8')) : undefined;
}
