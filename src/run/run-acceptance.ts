/**
 * One connected acceptance run, from a prepared plan to the RunResult every reporter reads: opens
 * the HTTP client (certificate problems stop here, exit 2), starts the official HL7 validator when one
 * is asked for (once for the run, stopped after the cases on every way out), runs the cases, then
 * summarises.
 */
import { randomUUID } from 'node:crypto';
import { platform, release } from 'node:os';
import type { Lang, Message } from '../core/findings.js';
import { TOOL_VERSION } from '../core/version.js';
import { createHttpClient } from '../http/client.js';
import type { HttpClientOptions } from '../http/types.js';
import { runRules } from '../rules/index.js';
import { formatParis } from '../sas/time.js';
import { executeCases, type CaseProgress, type ExecuteEnv } from './execute.js';
import { preflight } from './preflight.js';
import type { CaseKind } from '../cahier/kinds.js';
import { runKinds } from './registered-kinds.js';
import { GATES_NOTE, officialRunSummary, withRunOfficial, type OfficialRunOptions, type OfficialRunState } from './official.js';
import type { PreparedRun, StructureSetup, StructureValidator } from './prepare.js';
import type { CaseResult, Declaration, PvInfo, RunResult } from '../core/model.js';
import { appliedWaivers, coverRequirements, summarize, untestedRequirements } from './summary.js';

export interface AcceptanceInput {
  prepared: PreparedRun;
  baseUrl: string;
  /** The clock the cases are judged against (--now, or the real time). */
  now: Date;
  http: HttpClientOptions;
  kinds: readonly CaseKind[];
  structure: StructureSetup;
  /** Structural validation; absent → reported as not checked. */
  validate?: StructureValidator;
  lang: Lang;
  bail?: boolean;
  declarations?: Declaration[];
  pvInfo?: PvInfo;
  /** The command line as typed (secrets are never on it: the passphrase comes from an env var). */
  command: string;
  /** Notes to show in the reports beside the package notes (e.g. --insecure). */
  notes?: Message[];
  /** `--strict`: any reserve makes the exit code 1 (the official acceptance run). */
  strict?: boolean;
  displayPath?: (file: string) => string;
  onCaseEnd?: (c: CaseResult) => void | Promise<void>;
  /** `--official-validator`: the official HL7 validator beside our engine. */
  official?: OfficialRunOptions;
  /** `--run-timeout` in ms: the remaining cases end `error` once it is reached. */
  runTimeoutMs?: number;
  /** When a case starts, then about every second while it runs (console progress). */
  onProgress?: (p: CaseProgress) => void;
  /** What the pre-flight check and the run guard say, as soon as they say it (stderr); also in the notes. */
  onNotice?: (m: Message) => void;
  /** JDD id → booking base URL, where the run changed the file's (the demo): recorded in run.json. */
  bookingBaseUrls?: Record<string, string>;
  /** Aborted on Ctrl-C / SIGTERM (src/run/interrupt.ts): the cases left are skipped, the result still built. */
  interrupt?: AbortSignal;
}

export async function runAcceptance(input: AcceptanceInput): Promise<RunResult> {
  const startedAt = new Date();
  const { prepared } = input;
  const client = createHttpClient(input.http);
  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  const notices: Message[] = [];
  const notice = (m: Message): void => {
    notices.push(m);
    input.onNotice?.(m);
  };
  const env: Omit<ExecuteEnv, 'kinds'> = {
    baseUrl,
    now: input.now,
    client,
    httpOptions: input.http,
    lang: input.lang,
    jddFor: prepared.jddFor,
    bail: input.bail,
    displayPath: input.displayPath,
    onCaseEnd: input.onCaseEnd,
    runTimeoutMs: input.runTimeoutMs,
    startedAtMs: startedAt.getTime(),
    onProgress: input.onProgress,
    onNote: notice,
    interrupt: input.interrupt,
  };
  let cases: CaseResult[];
  let official: OfficialRunState | undefined;
  try {
    // Said first: a base URL that serves no FHIR search, an endpoint that does not answer.
    const useCases = [...new Set(prepared.plan.selected.map((c) => c.useCase))];
    for (const m of (
      await preflight({ client, baseUrl, now: input.now, timeoutMs: input.http.timeoutMs, useCases, jddFor: prepared.jddFor })
    ).notes)
      notice(m);
    const ran = await withRunOfficial(input.official, input.structure.index, (validator) =>
      executeCases(prepared.plan.selected, {
        ...env,
        kinds: runKinds(input.kinds, { validate: input.validate, rules: runRules, ...(validator ? { official: validator } : {}) }),
      }),
    );
    cases = ran.value;
    official = ran.state;
  } finally {
    // interrupted: a request abandoned in flight would hold a graceful close until its time-out
    if (input.interrupt?.aborted) void client.close().catch(() => undefined);
    else await client.close();
  }
  const display = input.displayPath ?? ((f: string) => f);
  const declarations = input.declarations ?? [];
  const requirements = coverRequirements(cases, prepared.requirements, declarations);
  const insecure = input.http.tls?.insecure === true;
  const waivers = appliedWaivers(cases, prepared.waivers);
  return {
    schemaVersion: 1,
    runId: randomUUID(),
    tool: { name: 'sas-recette', version: TOOL_VERSION },
    startedAt: formatParis(startedAt),
    finishedAt: formatParis(new Date()),
    now: formatParis(input.now),
    baseUrl,
    useCases: prepared.useCases,
    ig: input.structure.ig,
    packages: input.structure.packages,
    setupNotes: [
      ...notices,
      ...input.structure.notes,
      ...(input.notes ?? []),
      ...(official?.unavailable ? [official.unavailable] : []),
      ...(official?.gates && !official.unavailable ? [GATES_NOTE] : []),
    ],
    cahier: { files: prepared.cahierFiles.map(display), sha256: prepared.cahierSha256 },
    jdd: {
      files: prepared.jddFiles.map(display),
      sha256: prepared.jddSha256,
      ...(input.bookingBaseUrls ? { bookingBaseUrls: input.bookingBaseUrls } : {}),
    },
    environment: { node: process.version, os: `${platform()} ${release()}`, command: input.command },
    ...(insecure ? { insecure: true } : {}),
    ...(input.pvInfo ? { pvInfo: input.pvInfo } : {}),
    declarations,
    requirements,
    cases,
    summary: summarize(cases, {
      strict: input.strict,
      insecure,
      untestedRequirements: untestedRequirements(requirements, prepared.requirements),
    }),
    ...(official ? { official: officialRunSummary(official, cases) } : {}),
    ...(waivers.length > 0 ? { waivers } : {}),
  };
}
