/**
 * Reads the runs of a campaign and keeps of each only its RunFacts (run-facts.ts), so that a few hundred
 * run.json files of a few megabytes each never sit in memory together. A file that is not a readable
 * sas-recette run is skipped with a note naming it and the problem (the campaign of the other editors
 * still gets written, exit 0); the same run found twice (a copied run folder) is read once.

 * Each file is read once (its bytes are hashed too) and checked by the one reader of run.json
 * (src/report/read-run.ts: parseRunText), which words, locates and decides every refusal.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import type { RunResult } from '../../core/model.js';
import { readFileCapped } from '../../core/read-capped.js';
import { parseRunText, readRunJson } from '../read-run.js';
import { runFacts } from './run-facts.js';
import type { HashSource, RunFacts } from './types.js';

/** The same cap as readRunJson's. */
const MAX_BYTES = 200 * 1024 * 1024;
const MANIFEST = 'manifest.json';

export interface ReadRuns {
  runs: RunFacts[];
  notes: Message[];
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The run's hash as its PV shows it: the SHA-256 of the manifest.json beside it, else of run.json itself. */
async function runHash(file: string, runBytes: Buffer): Promise<{ hash: string; hashOf: HashSource }> {
  const manifest = join(dirname(file), MANIFEST);
  if (existsSync(manifest)) {
    try {
      return { hash: sha256(await readFile(manifest)), hashOf: 'manifest.json' };
    } catch {
      // an unreadable manifest: fall back to run.json's own hash, which the column says
    }
  }
  return { hash: sha256(runBytes), hashOf: 'run.json' };
}

function skipped(label: string, reason: Message): Message {
  return { fr: `${label} ignoré\u00a0: ${reason.fr}`, en: `${label} skipped: ${reason.en}` };
}

/** One run's facts, or the note saying why it was skipped. */
async function readOne(file: string, label: string): Promise<RunFacts | Message> {
  let bytes: Buffer;
  let run: RunResult;
  try {
    const read = await readFileCapped(file, MAX_BYTES);
    bytes = read.bytes;
    run = read.overLimit ? await readRunJson(file, label) : parseRunText(bytes.toString('utf8'), label);
  } catch (err) {
    if (err instanceof SetupError) return skipped(label, err.problem);
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return skipped(label, { fr: `illisible (${reason})`, en: `cannot be read (${reason})` });
  }
  return runFacts(run, file, await runHash(file, bytes));
}

/** Reads `files` one after the other (the work is parsing: CPU, not waiting); labels are paths relative to `cwd`. */
export async function readRuns(files: readonly string[], cwd: string): Promise<ReadRuns> {
  const runs: RunFacts[] = [];
  const notes: Message[] = [];
  const byRunId = new Map<string, string>();
  for (const file of files) {
    const label = relative(cwd, file) || file;
    const facts = await readOne(file, label);
    if (!('runId' in facts)) {
      notes.push(facts);
      continue;
    }
    const first = byRunId.get(facts.runId);
    if (first !== undefined) {
      notes.push({
        fr: `${label}\u00a0: même exécution (${facts.runId}) que ${first}, lue une seule fois`,
        en: `${label}: the same run (${facts.runId}) as ${first}, read once`,
      });
      continue;
    }
    byRunId.set(facts.runId, label);
    runs.push(facts);
  }
  return { runs, notes };
}
