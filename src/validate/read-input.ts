/**
 * Reads the input of `validate` (a file path, or `-` for standard input) without judging it: that is
 * `parseFhirJson`'s job. A file that cannot be read is a setup problem (exit 2); an input over the size
 * limit is read only up to the limit (files, devices such as /dev/zero, pipes and stdin alike: the cap
 * holds WHILE reading, src/core/read-capped.ts) and becomes a `fatal` finding later.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SetupError } from '../core/errors.js';
import { readFileCapped, readFileCappedSync } from '../core/read-capped.js';
import { MAX_INPUT_BYTES, type RawInput } from './parse-input.js';

export interface InputSource {
  cwd: string;
  /** Reads standard input; given `maxBytes`, stops one byte past it (src/cli/context.ts does). */
  readStdin: (maxBytes?: number) => Promise<Buffer>;
  stdinIsTTY?: boolean;
}

/** An input over the limit: its size as far as known (at least maxBytes + 1), content not kept. */
const tooLarge = (label: string, size: number, sizeKnown: boolean): RawInput => ({ label, size, content: null, sizeKnown });

export async function readInput(pathOrDash: string, from: InputSource, maxBytes: number = MAX_INPUT_BYTES): Promise<RawInput> {
  if (pathOrDash === '-') {
    if (from.stdinIsTTY) {
      throw new SetupError(
        {
          fr: '«\u00a0-\u00a0» lit l’entrée standard, mais rien n’y est envoyé',
          en: '"-" reads standard input, but nothing is piped into it',
        },
        {
          fr: 'y envoyer la réponse par un tube\u00a0: cat response.json | sas-recette validate -',
          en: 'pipe the answer in: cat response.json | sas-recette validate -',
        },
      );
    }
    const content = await from.readStdin(maxBytes);
    return content.length > maxBytes ? tooLarge('stdin', content.length, false) : { label: 'stdin', size: content.length, content };
  }
  const full = resolve(from.cwd, pathOrDash);
  try {
    const info = statSync(full);
    if (info.isDirectory()) {
      throw new SetupError(
        { fr: `${pathOrDash} est un dossier, pas un fichier`, en: `${pathOrDash} is a folder, not a file` },
        {
          fr: 'donner le chemin d’un fichier JSON, ou - pour lire l’entrée standard',
          en: 'give the path of a JSON file, or - to read standard input',
        },
      );
    }
    // A regular file says its size up front; devices and pipes say 0, hence the capped read below.
    if (info.size > maxBytes) return tooLarge(pathOrDash, info.size, true);
    // a regular file is read at once (no round trip per chunk); devices and FIFOs without blocking the process
    const { bytes, overLimit } = info.isFile() ? readFileCappedSync(full, maxBytes) : await readFileCapped(full, maxBytes);
    return overLimit ? tooLarge(pathOrDash, bytes.length, false) : { label: pathOrDash, size: bytes.length, content: bytes };
  } catch (e) {
    if (e instanceof SetupError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new SetupError(
        {
          fr: `fichier d'entrée introuvable\u00a0: ${pathOrDash} (cherché en ${full})`,
          en: `input file not found: ${pathOrDash} (looked for ${full})`,
        },
        { fr: 'vérifier le chemin, ou donner - pour lire l’entrée standard', en: 'check the path, or give - to read standard input' },
      );
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new SetupError({
        fr: `fichier d'entrée illisible (permission refusée)\u00a0: ${pathOrDash}`,
        en: `input file not readable (permission denied): ${pathOrDash}`,
      });
    }
    const reason = (e as Error).message;
    throw new SetupError({ fr: `impossible de lire ${pathOrDash}\u00a0: ${reason}`, en: `cannot read ${pathOrDash}: ${reason}` });
  }
}
