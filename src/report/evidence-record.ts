/**
 * A case's evidence file read back (evidence-files.ts writes it), for the commands that need the case
 * whole again: `diff` (every finding) and `rejudge` (every finding and every recorded body). The file is
 * the one run.json names for the case, inside the run's folder only, of the size and SHA-256 run.json
 * records, in the sas-recette-evidence format of that case. What stops it is said, never worked around:
 * each caller decides what it means (a caveat of the diff, exit 2 of rejudge).
 */
import { isAbsolute } from 'node:path';
import { SEVERITIES, type Finding, type Message } from '../core/findings.js';
import type { CaseResult, Exchange } from '../core/model.js';
import { readFileCapped } from '../core/read-capped.js';
import { inFolder, relativeInside, sha256Of } from './manifest/hash.js';

/** Below the longest string V8 makes; an evidence file holds recorded bodies of at most a few MiB each. */
const EVIDENCE_MAX_BYTES = 500 * 1024 * 1024;

export interface EvidenceRecord {
  findings: Finding[];
  officialFindings?: Finding[];
  exchanges: Exchange[];
}

export type EvidenceProblem =
  /** The recorded path leads out of the run's folder. */
  | { kind: 'outside' }
  | { kind: 'missing' }
  | { kind: 'too-large'; maxBytes: number }
  /** Another read error (its code). */
  | { kind: 'unreadable'; code: string }
  /** Not the size or SHA-256 run.json records. */
  | { kind: 'changed'; bytes: number; sha256: string; expected: { bytes: number; sha256: string } }
  /** Not JSON, or not the sas-recette-evidence record of this case. */
  | { kind: 'not-record' };

export type EvidenceRead = { path: string; file: string } & ({ record: EvidenceRecord } | { problem: EvidenceProblem });

function isMessage(m: unknown): m is Message {
  return typeof m === 'object' && m !== null && typeof (m as Message).fr === 'string' && typeof (m as Message).en === 'string';
}

/** Findings with every field the readers use (the file is untrusted). */
function isFindingList(list: unknown): list is Finding[] {
  return (
    Array.isArray(list) &&
    list.every(
      (f: Partial<Finding>) =>
        typeof f === 'object' &&
        f !== null &&
        typeof f.ruleId === 'string' &&
        typeof f.location === 'string' &&
        (SEVERITIES as readonly string[]).includes(f.severity as string) &&
        isMessage(f.message),
    )
  );
}

function recordOf(bytes: Buffer, caseId: string): EvidenceRecord | undefined {
  let r: { format?: unknown; case?: { id?: unknown }; findings?: unknown; officialFindings?: unknown; exchanges?: unknown };
  try {
    r = JSON.parse(bytes.toString('utf8')) as typeof r;
  } catch {
    return undefined;
  }
  if (typeof r !== 'object' || r === null || r.format !== 'sas-recette-evidence' || r.case?.id !== caseId) return undefined;
  if (!isFindingList(r.findings) || !Array.isArray(r.exchanges)) return undefined;
  if (r.officialFindings !== undefined && !isFindingList(r.officialFindings)) return undefined;
  return {
    findings: r.findings,
    ...(r.officialFindings ? { officialFindings: r.officialFindings } : {}),
    exchanges: r.exchanges as Exchange[],
  };
}

/** The evidence record of case `c` of the run in `runDir`; undefined when run.json names none for it. */
export async function readEvidenceRecord(runDir: string, c: CaseResult): Promise<EvidenceRead | undefined> {
  const ref = c.evidence?.file;
  if (!ref) return undefined;
  const file = inFolder(runDir, ref.path);
  const at = { path: ref.path, file };
  if (isAbsolute(ref.path) || relativeInside(runDir, file) === undefined) return { ...at, problem: { kind: 'outside' } };
  let bytes: Buffer;
  try {
    const read = await readFileCapped(file, EVIDENCE_MAX_BYTES);
    if (read.overLimit) return { ...at, problem: { kind: 'too-large', maxBytes: EVIDENCE_MAX_BYTES } };
    bytes = read.bytes;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { ...at, problem: code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code } };
  }
  const sha256 = sha256Of(bytes);
  if (bytes.length !== ref.bytes || sha256 !== ref.sha256)
    return { ...at, problem: { kind: 'changed', bytes: bytes.length, sha256, expected: { bytes: ref.bytes, sha256: ref.sha256 } } };
  const record = recordOf(bytes, c.id);
  return record ? { ...at, record } : { ...at, problem: { kind: 'not-record' } };
}
