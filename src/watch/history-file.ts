/**
 * The watch history file (JSON Lines, format of src/core/probe-record.ts): append-only, one record per
 * line, safe against several watches writing to it at once and against a crash mid-write. Each record
 * is ONE write(2) of one complete line on a file opened with O_APPEND, then fsync: the kernel places
 * each write at the end of the file whole, so lines of concurrent writers never interleave, and a
 * record is on disk before the console says so. The file is never rewritten. A line cut by a crash
 * (power loss between write and fsync, disk full) is left as it is: the next record starts on a new
 * line, so the reader loses only the cut one (it may then see one empty line, which it skips).
 * Hand-written: a dozen lines of fs; the JSON Lines writers of npm buffer and rewrite, which is exactly
 * what this file must not do.
 */
import { mkdirSync, closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname } from 'node:path';
import { SetupError } from '../core/errors.js';
import { PROBE_RECORD_VERSION, type ProbeRecord } from '../core/probe-record.js';

const NEWLINE = 0x0a;
/** How long a half-seen line is given to complete before it is taken for a line cut by a crash. */
const RECHECK_MS = 50;

/** Whether the file ends a line (or is empty). */
async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === NEWLINE;
}

/**
 * Appends one record as one line; throws when the disk took only part of it (the next append starts a
 * new line). A last byte that is not a newline is read again a moment later before the record is put
 * on a line of its own: another writer's line caught half-copied by the read is complete by then
 * (seen in the two-process test), a line cut by a crash is not.
 */
export async function appendRecord(file: string, record: ProbeRecord): Promise<void> {
  const handle = await open(file, 'a+');
  try {
    let startsClean = await endsWithNewline(handle);
    if (!startsClean) {
      await sleep(RECHECK_MS);
      startsClean = await endsWithNewline(handle);
    }
    const line = Buffer.from(`${startsClean ? '' : '\n'}${JSON.stringify(record)}\n`, 'utf8');
    const { bytesWritten } = await handle.write(line);
    if (bytesWritten !== line.length) throw new Error(`history ${file}: only ${bytesWritten} of ${line.length} bytes written (disk full?)`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Before the first probe: the history's folder is made, the file can be opened for appending, and a
 * file that already has content is a watch history of a format this version reads (never append
 * probes to a run.json or a file of a newer sas-recette). SetupError (exit 2) naming the file otherwise.
 */
export function checkHistoryFile(file: string, shown: string): void {
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'a+');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new SetupError(
      { fr: `historique ${shown}\u00a0: impossible d'y écrire (${reason})`, en: `history ${shown}: cannot be written (${reason})` },
      { fr: 'choisir un fichier dans un dossier où écrire', en: 'choose a file in a folder you can write to' },
    );
  }
  try {
    if (fstatSync(fd).size === 0) return;
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const firstLine = head.subarray(0, n).toString('utf8').split('\n')[0];
    checkFirstLine(firstLine, shown);
  } finally {
    closeSync(fd);
  }
}

function checkFirstLine(line: string, shown: string): void {
  let v: unknown;
  try {
    const parsed = JSON.parse(line) as Partial<ProbeRecord> | null;
    v = parsed && typeof parsed === 'object' && typeof parsed.at === 'string' ? parsed.v : undefined;
  } catch {
    v = undefined;
  }
  if (typeof v !== 'number')
    throw new SetupError(
      {
        fr: `${shown}:1\u00a0: ce n'est pas un historique de sas-recette watch (JSON Lines, un relevé par ligne)`,
        en: `${shown}:1: not a sas-recette watch history (JSON Lines, one probe per line)`,
      },
      {
        fr: 'donner à --history un nouveau fichier (par exemple vsr/history.jsonl) ou un historique existant',
        en: 'give --history a new file (e.g. vsr/history.jsonl) or an existing history',
      },
    );
  if (v > PROBE_RECORD_VERSION)
    throw new SetupError(
      {
        fr: `${shown}:1\u00a0: historique au format ${v}, écrit par une version plus récente de sas-recette (format lu\u00a0: ${PROBE_RECORD_VERSION})`,
        en: `${shown}:1: history format ${v}, written by a newer sas-recette (this one writes format ${PROBE_RECORD_VERSION})`,
      },
      {
        fr: 'mettre à jour sas-recette, ou commencer un nouvel historique',
        en: 'update sas-recette, or start a new history',
      },
    );
}
