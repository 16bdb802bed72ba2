/**
 * One probe of the watch: the safe subset of the cahier (src/watch/probe-cases.ts) played through the
 * run's own executor and kinds (the same request builder, structural validator and SAS rules as
 * `sas-recette run`), with a fresh client that sends only GET, one request at a time, under the
 * watch's User-Agent; then its line appended to the history, after the evidence file when it did not
 * pass. A fresh client per probe: each probe opens its own connection, so its TLS facts and latency
 * are those a new SAS connection meets (a renewed certificate shows on the next probe).
 */
import type { TestCase } from '../cahier/types.js';
import { kindRegistry } from '../cahier/kinds.js';
import type { Lang } from '../core/findings.js';
import type { CaseResult, UseCase } from '../core/model.js';
import type { ProbeRecord } from '../core/probe-record.js';
import { TOOL_VERSION } from '../core/version.js';
import { createHttpClient } from '../http/client.js';
import { redactUrl } from '../http/redact.js';
import type { HttpClientOptions } from '../http/types.js';
import type { Jdd } from '../jdd/types.js';
import { runRules } from '../rules/index.js';
import { executeCases } from '../run/execute.js';
import type { StructureSetup } from '../run/prepare.js';
import { searchKind } from '../run/search-case.js';
import { validatorOf } from '../run/structure-validator.js';
import { formatParis } from '../sas/time.js';
import { capabilityKind } from '../transport/capability.js';
import { writeProbeEvidence } from './evidence-file.js';
import { getOnlyClient } from './get-only-client.js';
import { appendRecord } from './history-file.js';
import { recordOf } from './record-of.js';
import type { Scheduler } from './scheduler.js';

/** `sas-recette/<version> (watch)`: the endpoint's logs tell the watch from a run or from SAS itself. */
export const WATCH_USER_AGENT = `sas-recette/${TOOL_VERSION} (watch)`;

export interface ProbeSetup {
  baseUrl: string;
  /** The safe subset, in order (probeCases). */
  cases: readonly TestCase[];
  jddFor(useCase: UseCase): Jdd | undefined;
  /** The client's options (certificate, CA, time-out); the User-Agent is the watch's. */
  http: HttpClientOptions;
  /** The IG loaded (the watch refuses to start without it). */
  structure: StructureSetup;
  lang: Lang;
  /** Absolute path of the history file. */
  historyFile: string;
  scheduler: Scheduler;
}

export interface ProbeOutcome {
  record: ProbeRecord;
  cases: CaseResult[];
}

/** Plays the checks once, against the scheduler's clock (the search window is the probe's). */
async function playChecks(setup: ProbeSetup, now: Date): Promise<CaseResult[]> {
  const http: HttpClientOptions = { ...setup.http, userAgent: WATCH_USER_AGENT };
  const client = getOnlyClient(createHttpClient(http));
  const kinds = kindRegistry([
    searchKind({ validate: validatorOf(setup.structure), rules: runRules }),
    capabilityKind({ ...(setup.structure.index ? { definitions: setup.structure.index } : {}) }),
  ]);
  try {
    return await executeCases(setup.cases, {
      baseUrl: setup.baseUrl,
      now,
      client,
      httpOptions: http,
      lang: setup.lang,
      jddFor: setup.jddFor,
      kinds,
    });
  } finally {
    await client.close();
  }
}

/** One probe, its line appended to the history (and its evidence written when it did not pass). */
export async function runProbe(setup: ProbeSetup): Promise<ProbeOutcome> {
  const started = setup.scheduler.now();
  const cases = await playChecks(setup, started);
  const ig = setup.structure.ig ? `${setup.structure.ig.id}#${setup.structure.ig.version}` : undefined;
  let record = recordOf({
    at: formatParis(started),
    baseUrl: redactUrl(setup.baseUrl),
    tool: TOOL_VERSION,
    ...(ig ? { ig } : {}),
    durationMs: setup.scheduler.now().getTime() - started.getTime(),
    cases,
  });
  if (record.verdict !== 'passed') record = { ...record, evidence: await writeProbeEvidence(setup.historyFile, record, cases) };
  await appendRecord(setup.historyFile, record);
  return { record, cases };
}
