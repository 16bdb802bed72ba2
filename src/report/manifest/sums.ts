/**
 * `SHA256SUMS`: the checksums of the files the manifest cannot hold — manifest.json itself and the PV
 * files that show its hash — in the format of GNU `sha256sum` (`<hex>  <path>`, one a line), so that
 * `sha256sum -c SHA256SUMS` checks them by hand too. Paths are relative to the run folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeOutput } from '../write-output.js';
import { SUMS_FILE } from './types.js';

export interface SumLine {
  sha256: string;
  path: string;
}

/** Parsed SHA256SUMS: its entries, and the lines that are not `<hex>  <path>` (a sign it was edited). */
export interface Sums {
  lines: SumLine[];
  malformed: string[];
}

/** `sha256sum` writes `<hex>  <path>` (text mode) or `<hex> *<path>` (binary mode); both are read. */
const LINE = /^([0-9a-f]{64}) [ *](.+)$/;

export function parseSums(text: string): Sums {
  const lines: SumLine[] = [];
  const malformed: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = LINE.exec(line);
    if (m) lines.push({ sha256: m[1], path: m[2] });
    else malformed.push(line);
  }
  return { lines, malformed };
}

export function renderSums(lines: readonly SumLine[]): string {
  return lines.map((l) => `${l.sha256}  ${l.path}\n`).join('');
}

/** The SHA256SUMS of a folder, or undefined when it has none. */
export async function readSums(folder: string): Promise<Sums | undefined> {
  const text = await readFile(join(folder, SUMS_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseSums(text);
}

/** Writes SHA256SUMS (manifest.json first, then the others by path); returns the file written. */
export async function writeSums(folder: string, lines: readonly SumLine[]): Promise<string> {
  const [manifest, others] = [lines.filter((l) => l.path === 'manifest.json'), lines.filter((l) => l.path !== 'manifest.json')];
  const file = join(folder, SUMS_FILE);
  await writeOutput(file, renderSums([...manifest, ...others.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))]));
  return file;
}
