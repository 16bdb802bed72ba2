/**
 * Reads the runs of a campaign and keeps of each only its RunFacts (run-facts.ts), so that a few hundred
 * run.json files of a few megabytes each never sit in memory together. A file that is not a readable
 * sas-recette run is skipped with a note naming it and the problem (the campaign of the other editors
 * still gets written, exit 0); the same run found twice (a copied run folder) is read once.

 * Each file is read once (its bytes are hashed too) by the one reader of run.json
 * (src/report/read-run.ts: readRunFile), which words, locates and decides every refusal.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import type { RunResult } from '../../core/model.js';
import { readRunFile } from '../read-run.js';
import { sha256Of } from '../manifest/hash.js';
import { MANIFEST_FILE } from '../manifest/types.js';
import { runFacts } from './run-facts.js';
import type { HashSource, RunFacts } from './types.js';

export interface ReadRuns {
  runs: RunFacts[];
  notes: Message[];
}

/** The run's hash as its PV shows it: the SHA-256 of the manifest.json beside it, else of run.json itself. */
async function runHash(file: string, runBytes: Buffer): Promise<{ hash: string; hashOf: HashSource }> {
  const manifest = join(dirname(file), MANIFEST_FILE);
  if (existsSync(manifest)) {
    try {
      return { hash: sha256Of(await readFile(manifest)), hashOf: 'manifest.json' };
    } catch {
      // an unreadable manifest: fall back to run.json's own hash, which the column says
    }
  }
  return { hash: sha256Of(runBytes), hashOf: 'run.json' };
}

function skipped(label: string, reason: Message): Message {
  return { fr: `${label} ignoré\u00a0: ${reason.fr}`, en: `${label} skipped: ${reason.en}` };
}

/** One run's facts, or the note saying why it was skipped. */
async function readOne(file: string, label: string): Promise<RunFacts | Message> {
  let read: { run: RunResult; bytes: Buffer };
  try {
    read = await readRunFile(file, label);
  } catch (err) {
    if (err instanceof SetupError) return skipped(label, err.problem);
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return skipped(label, { fr: `illisible (${reason})`, en: `cannot be read (${reason})` });
  }
  return runFacts(read.run, file, await runHash(file, read.bytes));
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
