/**
 * Judges the answers a run recorded again, offline, with today's rules, cahier expectations and IG
 * (`sas-recette rejudge`). Each case of the original run whose kind only talks through the run's client
 * (replayable.ts) is played again by the current code of its kind, with a replay client that answers
 * from the case's recorded exchanges (src/http/replay-client.ts): no socket is ever opened. The clock is
 * the original run's `now`, so no date window moves. A case is carried over unchanged (verdict, findings,
 * exchanges), with its reason, when it cannot be judged again faithfully: its kind measures the wire
 * (TLS, latency) or makes its own connections, it is no longer in the cahier, its request changed, a
 * recorded body is cut or altered, no answer was recorded (time-out, TLS failure: a fact of that day),
 * or its verdict came from the official HL7 validator's gates (not re-run offline). The result is a new
 * RunResult, marked `rejudged`, that every reporter renders as any run.
 */
import { randomUUID } from 'node:crypto';
import { platform, release } from 'node:os';
import type { Lang, Message } from '../../core/findings.js';
import { isBlocking } from '../../core/findings.js';
import type { CaseResult, Exchange, RunResult } from '../../core/model.js';
import { TOOL_VERSION } from '../../core/version.js';
import type { CaseKind } from '../../cahier/kinds.js';
import type { TestCase } from '../../cahier/types.js';
import { createReplayClient, recordedAnswerProblem, type ReplayClient } from '../../http/replay-client.js';
import type { HttpClient } from '../../http/types.js';
import { runRules } from '../../rules/index.js';
import { formatParis } from '../../sas/time.js';
import { executeCases } from '../execute.js';
import type { PreparedRun, StructureSetup, StructureValidator } from '../prepare.js';
import { runKinds } from '../registered-kinds.js';
import type { AnswerChecks } from '../search-response.js';
import { validatorOf } from '../structure-validator.js';
import { appliedWaivers, coverRequirements, summarize, untestedRequirements } from '../summary.js';
import { notReplayableReason } from './replayable.js';

export interface RejudgeInput {
  /** The original run, each case whole (src/run/rejudge/recording.ts). */
  original: RunResult;
  /** The original run.json as named to the user, and its SHA-256. */
  from: { file: string; sha256: string };
  /** Cahier and JDDs of the re-judging (inputs.ts). */
  prepared: PreparedRun;
  structure: StructureSetup;
  /** Every kind the cahier may name (registeredKinds); only the replayable ones run. */
  kinds: readonly CaseKind[];
  /** The SAS rules (default: the current ones, src/rules); tests pass changed rules. */
  rules?: AnswerChecks['rules'];
  /** Structural validation (default: through `structure`). */
  validate?: StructureValidator;
  lang: Lang;
  /** The command line of the re-judging, for the PV. */
  command: string;
  /** Notes for the new run (which cahier and JDDs were used). */
  notes?: Message[];
  /** `--strict` for the new run (default: the original run's mode). */
  strict?: boolean;
  displayPath?: (file: string) => string;
  /** The clock of the re-judging itself (`rejudged.at`, startedAt); default: the real one. */
  clock?: () => Date;
}

export interface CarriedCase {
  id: string;
  reason: Message;
}

export interface RejudgeResult {
  run: RunResult;
  /** Ids of the cases judged again. */
  rejudged: string[];
  carried: CarriedCase[];
}

const NOT_IN_CAHIER: Message = {
  fr: 'le cas n’est plus dans le cahier utilisé\u00a0: gardé tel que jugé',
  en: 'the case is no longer in the cahier used: kept as judged',
};

const OFFICIAL_GATES: Message = {
  fr: 'verdict décidé par le validateur officiel HL7 (--official-validator-gates), qui n’est pas relancé hors ligne',
  en: 'verdict decided by the official HL7 validator (--official-validator-gates), which is not run again offline',
};

const OFFICIAL_KEPT: Message = {
  fr: 'validateur officiel HL7 non relancé hors ligne\u00a0: ses constats sont ceux de la recette d’origine, montrés à part',
  en: 'official HL7 validator not run again offline: its findings are those of the original run, shown apart',
};

function noAnswer(x: Exchange): Message {
  const what = `${x.outcome}${x.error?.code ? ` ${x.error.code}` : ''}`;
  return {
    fr: `non re-mesurable hors ligne\u00a0: pas de réponse utilisable enregistrée (${what})`,
    en: `not re-measurable offline: no usable answer was recorded (${what})`,
  };
}

function nothingRecorded(c: CaseResult): Message {
  return {
    fr: `rien n’a été enregistré pour ce cas (${c.verdict}${c.reason ? `\u00a0: ${c.reason.fr}` : ''})\u00a0: gardé tel que jugé`,
    en: `nothing was recorded for this case (${c.verdict}${c.reason ? `: ${c.reason.en}` : ''}): kept as judged`,
  };
}

/** Why the case must keep its verdict before any replay, or undefined when it can be played again. */
function carryBeforeReplay(c: CaseResult, tc: TestCase | undefined, original: RunResult): Message | undefined {
  if (!tc) return NOT_IN_CAHIER;
  const kindReason = notReplayableReason(tc.kind);
  if (kindReason) return kindReason;
  if (original.official?.gates && (c.officialFindings ?? []).some(isBlocking)) return OFFICIAL_GATES;
  const failed = c.exchanges.find((x) => x.outcome !== 'ok');
  if (failed) return noAnswer(failed);
  return undefined;
}

/** A client no replayed kind may reach: each case gets its own replay client instead. */
const NO_NETWORK: HttpClient = {
  send() {
    throw new Error('rejudge: no network client');
  },
  close: async () => undefined,
};

/** The replayable kinds, each run with the replay client of its case. */
function replayingKinds(kinds: ReadonlyMap<string, CaseKind>, clientOf: (tc: TestCase) => ReplayClient): Map<string, CaseKind> {
  const out = new Map<string, CaseKind>();
  for (const [name, kind] of kinds) {
    if (notReplayableReason(name)) continue;
    out.set(name, { ...kind, run: (tc, env) => kind.run(tc, { ...env, client: clientOf(tc) }) });
  }
  return out;
}

export async function rejudgeRun(input: RejudgeInput): Promise<RejudgeResult> {
  const clock = input.clock ?? (() => new Date());
  const startedAt = clock();
  const { original, prepared } = input;
  const now = new Date(original.now);
  const byId = new Map(prepared.plan.selected.map((tc) => [tc.id, tc]));

  // 1. What cannot be played again, said before playing.
  const carried = new Map<CaseResult, Message>();
  const toReplay: TestCase[] = [];
  const recordedOf = new Map<TestCase, CaseResult>();
  for (const c of original.cases) {
    const tc = byId.get(c.id);
    const reason = carryBeforeReplay(c, tc, original);
    if (reason || !tc || recordedOf.has(tc)) carried.set(c, reason ?? NOT_IN_CAHIER);
    else {
      toReplay.push(tc);
      recordedOf.set(tc, c);
    }
  }

  // 2. The replayable cases, played by today's code against their recordings.
  const clients = new Map<TestCase, ReplayClient>();
  const clientOf = (tc: TestCase): ReplayClient => {
    let client = clients.get(tc);
    if (!client) clients.set(tc, (client = createReplayClient(recordedOf.get(tc)?.exchanges ?? [])));
    return client;
  };
  const checks: AnswerChecks = {
    validate: input.validate ?? validatorOf(input.structure),
    rules: input.rules ?? runRules,
  };
  const replayed = await executeCases(toReplay, {
    baseUrl: original.baseUrl,
    now,
    client: NO_NETWORK,
    httpOptions: {},
    lang: input.lang,
    jddFor: prepared.jddFor,
    kinds: replayingKinds(runKinds(input.kinds, checks), clientOf),
    ...(input.displayPath ? { displayPath: input.displayPath } : {}),
  });

  // 3. Each replayed case kept only when the recording answered it faithfully.
  const rejudgedOf = new Map<CaseResult, CaseResult>();
  replayed.forEach((result, i) => {
    const tc = toReplay[i];
    const before = recordedOf.get(tc) as CaseResult;
    const client = clients.get(tc);
    const problem =
      client?.problem ??
      // an answer shared with an earlier case (identical search) was checked by that case's client
      result.exchanges.map(recordedAnswerProblem).find((m) => m !== undefined);
    if (problem) {
      carried.set(before, before.exchanges.length === 0 ? nothingRecorded(before) : problem);
      return;
    }
    rejudgedOf.set(before, {
      ...result,
      // the time the case took against the endpoint, not the replay's
      durationMs: before.durationMs,
      // not re-run offline: the original's, shown apart
      ...(before.officialFindings && !result.officialFindings ? { officialFindings: before.officialFindings } : {}),
    });
  });

  const cases: CaseResult[] = original.cases.map((c) => {
    const again = rejudgedOf.get(c);
    if (again) return again;
    return { ...c, carriedOver: carried.get(c) ?? NOT_IN_CAHIER };
  });
  const carriedList = cases.filter((c) => c.carriedOver).map((c) => ({ id: c.id, reason: c.carriedOver as Message }));
  const rejudged = cases.filter((c) => !c.carriedOver).map((c) => c.id);

  const declarations = original.declarations;
  const requirements = coverRequirements(cases, prepared.requirements, declarations);
  const waivers = appliedWaivers(cases, prepared.waivers);
  const display = input.displayPath ?? ((f: string) => f);
  const at = formatParis(startedAt);
  const officialKept = cases.some((c) => !c.carriedOver && c.officialFindings && c.officialFindings.length > 0);
  const fromNote: Message = {
    fr: `re-jugement hors ligne de la recette ${original.runId} (${input.from.file}, sha256 ${input.from.sha256}) avec l’horloge de cette recette (${original.now})\u00a0: ${rejudged.length} cas re-jugé(s), ${carriedList.length} reporté(s) tels quels`,
    en: `offline re-judging of run ${original.runId} (${input.from.file}, sha256 ${input.from.sha256}) with that run's clock (${original.now}): ${rejudged.length} case(s) re-judged, ${carriedList.length} carried over as they were`,
  };
  const run: RunResult = {
    schemaVersion: 1,
    runId: randomUUID(),
    tool: { name: 'sas-recette', version: TOOL_VERSION },
    startedAt: at,
    finishedAt: formatParis(clock()),
    now: original.now,
    baseUrl: original.baseUrl,
    useCases: original.useCases,
    ig: input.structure.ig,
    packages: input.structure.packages,
    setupNotes: [fromNote, ...(input.notes ?? []), ...input.structure.notes, ...(officialKept ? [OFFICIAL_KEPT] : [])],
    cahier: { files: prepared.cahierFiles.map(display), sha256: prepared.cahierSha256 },
    jdd: { files: prepared.jddFiles.map(display), sha256: prepared.jddSha256 },
    environment: { node: process.version, os: `${platform()} ${release()}`, command: input.command },
    ...(original.insecure ? { insecure: true } : {}),
    ...(original.pvInfo ? { pvInfo: original.pvInfo } : {}),
    declarations,
    requirements,
    cases,
    summary: summarize(cases, {
      strict: input.strict ?? original.summary.mode === 'strict',
      insecure: original.insecure === true,
      untestedRequirements: untestedRequirements(requirements, prepared.requirements),
    }),
    ...(original.official ? { official: original.official } : {}),
    ...(waivers.length > 0 ? { waivers } : {}),
    rejudged: {
      fromRunId: original.runId,
      fromFile: input.from.file,
      fromSha256: input.from.sha256,
      at,
      rejudgedCases: rejudged.length,
      carriedOver: carriedList.length,
    },
  };
  return { run, rejudged, carried: carriedList };
}
