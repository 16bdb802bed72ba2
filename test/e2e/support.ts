/**
 * Helpers of the end-to-end tests: the CLI run in-process with captured output, the shipped JDDs and
 * the FHIR packages of ../shared (read at run time, never copied).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import type { RunResult } from '../../src/core/model.js';
import { loadStructure, prepareRun, type PreparedRun, type StructureSetup } from '../../src/run/prepare.js';
import { registeredKinds } from '../../src/run/registered-kinds.js';
import { runAcceptance } from '../../src/run/run-acceptance.js';
import { validatorOf } from '../../src/run/structure-validator.js';

export const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve('../shared/fhir-packages');
export const HAVE_PACKAGES = existsSync(PACKAGES);
export const JDD_ARGS = SHIPPED_JDD_FILES.flatMap((f) => ['--jdd', f]);

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sas-e2e-${prefix}-`));
}

/** `sas-recette <args>` in-process, not a TTY, no colour, with the given environment additions. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(['node', 'sas-recette', ...args], {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    readStdin: async () => Buffer.alloc(0),
    env: { PATH: process.env.PATH, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1', ...env },
    cwd,
    isTTY: false,
  });
  return { code, out, err };
}

export function parseRun(text: string): RunResult {
  return JSON.parse(text) as RunResult;
}

/** Case id → verdict. */
export function verdicts(run: RunResult): Record<string, string> {
  return Object.fromEntries(run.cases.map((c) => [c.id, c.verdict]));
}

/** Ids of the error/fatal findings of a case. */
export function blockingRuleIds(run: RunResult, caseId: string): string[] {
  const c = run.cases.find((x) => x.id === caseId);
  if (!c) throw new Error(`no case ${caseId}`);
  return [...new Set(c.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').map((f) => f.ruleId))].sort();
}

/** The IG of the shipped cahier, loaded from the FHIR packages of ../shared. */
export function loadShippedStructure(): Promise<StructureSetup> {
  return loadStructure({ ig: 'ans.fhir.fr.sas#1.2.0', env: { SAS_RECETTE_PACKAGES: PACKAGES } });
}

/** The shipped cahier's cases `only`, over the shipped JDDs, ready to play (`prepared.jdds` feeds a reference editor). */
export function prepareShipped(structure: StructureSetup, only: string[]): PreparedRun {
  return prepareRun({ jddFiles: [...SHIPPED_JDD_FILES], selection: { only }, kinds: registeredKinds({ definitions: structure.index }) });
}

/** Plays prepared cases in-process against `baseUrl`, as `sas-recette run` does (structure checked, English). */
export function playPrepared(prepared: PreparedRun, structure: StructureSetup, baseUrl: string, timeoutMs = 7000): Promise<RunResult> {
  return runAcceptance({
    prepared,
    baseUrl,
    now: new Date(),
    http: { timeoutMs },
    kinds: registeredKinds({ definitions: structure.index }),
    structure,
    validate: validatorOf(structure),
    lang: 'en',
    command: 'test',
  });
}
