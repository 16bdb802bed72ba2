/**
 * Reads a VSR watch history (`sas-recette watch` appends one ProbeRecord per line, src/core/probe-record.ts)
 * into compact probes sorted by time. The file may be hundreds of MB, so it is streamed line by line and
 * each record is reduced at once to what the PV VSR uses (a probe keeps no request detail).
 *
 * Nothing is lost silently: every complete valid record is kept; a last line cut by a crash mid-write
 * is ignored with a note; an invalid line elsewhere is skipped with a note naming its line number; a
 * record of a newer format version stops the reading (its meaning is unknown, so any figure drawn from
 * the file would be unfounded). An empty or missing file, or one without a single valid record, is a
 * SetupError naming it. Concurrent writers may append out of order: probes are sorted by `at`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import { PROBE_RECORD_VERSION } from '../../core/probe-record.js';
import { checkRecord, type Probe } from './probe.js';

export type { Probe } from './probe.js';

/** A line longer than this is not a probe record (a record is a few hundred bytes): skipped with a note. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Notes kept word for word; beyond, only counted (a broken file must not flood the PV). */
const MAX_NOTES = 50;

export interface HistoryNote {
  /** 1-based line number in the file. */
  line: number;
  message: Message;
}

export interface History {
  file: string;
  /** SHA-256 of the whole file as read (evidence: the PV names the history it was drawn from). */
  sha256: string;
  bytes: number;
  /** Lines read (the empty ones included). */
  lines: number;
  /** Valid probes, sorted by `at`. */
  probes: Probe[];
  /** Lines not kept, the first MAX_NOTES of them with their reason. */
  notes: HistoryNote[];
  /** Number of lines not kept (may exceed notes.length). */
  skipped: number;
}

interface RawLine {
  text: string;
  n: number;
  /** Ended by a newline (false: the last line of the file, possibly cut mid-write). */
  terminated: boolean;
  overlong: boolean;
}

/** Splits a file into lines as it streams, hashing the bytes on the way; an overlong line is not kept in memory. */
async function* linesOf(file: string, hash: ReturnType<typeof createHash>): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let n = 0;
  const take = (last: Buffer, terminated: boolean): RawLine => {
    n += 1;
    const tooLong = overlong || pendingBytes + last.length > MAX_LINE_BYTES;
    const text = tooLong ? '' : Buffer.concat([...pending, last]).toString('utf8');
    pending = [];
    pendingBytes = 0;
    overlong = false;
    return { text, n, terminated, overlong: tooLong };
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, from)) {
      yield take(buf.subarray(from, nl), true);
      from = nl + 1;
    }
    const rest = buf.subarray(from);
    if (rest.length === 0) continue;
    if (overlong || pendingBytes + rest.length > MAX_LINE_BYTES) {
      overlong = true;
      pending = [];
      pendingBytes = 0;
    } else {
      pending.push(Buffer.from(rest)); // a copy: the stream may reuse its buffer
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes > 0 || overlong) yield take(Buffer.alloc(0), false);
}

function notFound(file: string, label: string, code: string): SetupError {
  return new SetupError(
    { fr: `historique VSR illisible\u00a0: ${label} (${code})`, en: `cannot read the VSR history: ${label} (${code})` },
    {
      fr: 'donner le fichier écrit par «\u00a0sas-recette watch --history FICHIER\u00a0»',
      en: 'give the file written by "sas-recette watch --history FILE"',
    },
  );
}

function newerFormat(label: string, line: number, v: number): SetupError {
  return new SetupError(
    {
      fr: `${label}:${line}\u00a0: enregistrement au format v${v}, cette version de sas-recette lit le format v${PROBE_RECORD_VERSION}`,
      en: `${label}:${line}: record in format v${v}, this version of sas-recette reads format v${PROBE_RECORD_VERSION}`,
    },
    {
      fr: 'mettre à jour sas-recette (la version qui a écrit cet historique ou une plus récente)',
      en: 'update sas-recette (to the version that wrote this history, or a newer one)',
    },
  );
}

/**
 * Reads the history `file` (`label`: the path as the user gave it, used in messages).
 * Throws SetupError when the file is missing, empty, of a newer format, or holds no valid record.
 */
export async function readHistory(file: string, label = file): Promise<History> {
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw notFound(file, label, 'EISDIR');
    size = st.size;
  } catch (err) {
    if (err instanceof SetupError) throw err;
    throw notFound(file, label, (err as NodeJS.ErrnoException).code ?? String(err));
  }
  const hash = createHash('sha256');
  const probes: Probe[] = [];
  const notes: HistoryNote[] = [];
  let skipped = 0;
  let lines = 0;
  const skip = (line: number, message: Message): void => {
    skipped += 1;
    if (notes.length < MAX_NOTES) notes.push({ line, message });
  };
  try {
    for await (const raw of linesOf(file, hash)) {
      lines = raw.n;
      if (raw.overlong) {
        skip(raw.n, { fr: `ligne de plus de ${MAX_LINE_BYTES} octets ignorée`, en: `line over ${MAX_LINE_BYTES} bytes skipped` });
        continue;
      }
      const text = raw.text.trim(); // tolerates CRLF and stray spaces
      if (!text) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        if (!raw.terminated) {
          skip(raw.n, {
            fr: 'dernière ligne incomplète (écriture interrompue\u00a0?) ignorée',
            en: 'last line incomplete (write interrupted?) ignored',
          });
        } else {
          skip(raw.n, { fr: 'ligne ignorée\u00a0: JSON invalide', en: 'line skipped: invalid JSON' });
        }
        continue;
      }
      const checked = checkRecord(value, raw.n);
      if (checked.kind === 'newer') throw newerFormat(label, raw.n, checked.v);
      if (checked.kind === 'invalid') {
        skip(raw.n, { fr: `ligne ignorée\u00a0: ${checked.reason.fr}`, en: `line skipped: ${checked.reason.en}` });
        continue;
      }
      probes.push(checked.probe);
    }
  } catch (err) {
    if (err instanceof SetupError) throw err;
    throw notFound(file, label, (err as NodeJS.ErrnoException).code ?? String(err));
  }
  if (probes.length === 0) {
    const why = size === 0 ? { fr: 'fichier vide', en: 'empty file' } : { fr: 'aucun enregistrement valide', en: 'no valid record' };
    throw new SetupError(
      { fr: `historique VSR sans sonde\u00a0: ${label} (${why.fr})`, en: `VSR history without any probe: ${label} (${why.en})` },
      notes.length
        ? {
            fr: `première ligne rejetée, ${notes[0].line}\u00a0: ${notes[0].message.fr}`,
            en: `first line rejected, ${notes[0].line}: ${notes[0].message.en}`,
          }
        : { fr: 'lancer «\u00a0sas-recette watch\u00a0» d’abord', en: 'run "sas-recette watch" first' },
    );
  }
  // stable sort by instant: records written out of order by concurrent writers take their place
  probes.sort((a, b) => a.ms - b.ms || a.line - b.line);
  return { file, sha256: hash.digest('hex'), bytes: size, lines, probes, notes, skipped };
}
