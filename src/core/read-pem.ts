/**
 * Reading a PEM file (certificate, key, CA, CRL) of a server the tool opens (the reference editor, its
 * booking site, SAS's side of flux V3): capped, since such a file is a few KiB, and every failure a
 * setup problem that names the file and what it was meant to be.
 */
import { SetupError } from './errors.js';
import type { Message } from './findings.js';
import { readFileCappedSync } from './read-capped.js';
import { NBSP } from './typography.js';

const MAX_PEM_BYTES = 1024 * 1024;

/** `what`: the file's role, e.g. `{ fr: 'certificat du serveur', en: 'server certificate' }`. */
export function readPemFile(file: string, what: Message): Buffer {
  let read;
  try {
    read = readFileCappedSync(file, MAX_PEM_BYTES);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new SetupError({
      fr: `impossible de lire le fichier ${file} (${what.fr})${NBSP}: ${reason}`,
      en: `cannot read the file ${file} (${what.en}): ${reason}`,
    });
  }
  if (read.overLimit)
    throw new SetupError({
      fr: `le fichier ${file} (${what.fr}) dépasse 1${NBSP}Mio${NBSP}: ce n'est ni un certificat, ni une clé, ni une CRL`,
      en: `the file ${file} (${what.en}) is larger than 1 MiB: not a certificate, key or CRL`,
    });
  return read.bytes;
}
