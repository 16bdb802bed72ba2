/**
 * Reads the input of `validate` (a file path, or `-` for standard input) without judging it: that is
 * `parseFhirJson`'s job. A file that cannot be read is a setup problem (exit 2); a file over the size
 * limit is not read at all and becomes a `fatal` finding later.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SetupError } from '../core/errors.js';
import { MAX_INPUT_BYTES, type RawInput } from './parse-input.js';

export interface InputSource {
  cwd: string;
  readStdin: () => Promise<Buffer>;
  stdinIsTTY?: boolean;
}

export async function readInput(pathOrDash: string, from: InputSource, maxBytes: number = MAX_INPUT_BYTES): Promise<RawInput> {
  if (pathOrDash === '-') {
    if (from.stdinIsTTY) {
      throw new SetupError('"-" reads standard input, but nothing is piped into it', 'pipe the answer in: cat response.json | sas-recette validate -');
    }
    const content = await from.readStdin();
    return { label: 'stdin', size: content.length, content: content.length > maxBytes ? null : content };
  }
  const full = resolve(from.cwd, pathOrDash);
  try {
    const info = await stat(full);
    if (info.isDirectory()) {
      throw new SetupError(`${pathOrDash} is a folder, not a file`, 'give the path of a JSON file, or - to read standard input');
    }
    if (info.size > maxBytes) return { label: pathOrDash, size: info.size, content: null };
    const content = await readFile(full);
    return { label: pathOrDash, size: content.length, content };
  } catch (e) {
    if (e instanceof SetupError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new SetupError(`input file not found: ${pathOrDash} (looked for ${full})`, 'check the path, or give - to read standard input');
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new SetupError(`input file not readable (permission denied): ${pathOrDash}`);
    }
    throw new SetupError(`cannot read ${pathOrDash}: ${(e as Error).message}`);
  }
}
