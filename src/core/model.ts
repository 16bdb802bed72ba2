/**
 * The domain model every layer shares, at the bottom of the tree (it imports nothing but the findings
 * model): use cases, HTTP exchanges and TLS facts, verdicts, and the result of a connected acceptance
 * run — the single source every reporter reads (console, JSON, JUnit, HTML PV). `run.json` is a
 * `RunResult` serialised. Reporters never compute a verdict.
 */
import type { Finding, Message } from './findings.js';

export type UseCase = 'psindiv' | 'cpts' | 'sos';
export const USE_CASES: readonly UseCase[] = ['psindiv', 'cpts', 'sos'];

/**
 * Closed verdict vocabulary, worst first:
 * - error: the endpoint could not be judged (no answer, transport fault) or sas-recette itself failed
 *   (a rule, an invariant or a kind threw); never a pass;
 * - failed: the endpoint answered and did not do what the SAS asks;
 * - skipped: a prerequisite of the tool is missing (FHIR packages, official validator, --bail);
 * - not-applicable: the case does not apply to this run (the JDD has no entry for the role it needs,
 *   plain HTTP chosen for a TLS case), with its reason;
 * - passed: judged and conform; with `reserves` when some parts could not be checked.
 */
export const VERDICTS = ['error', 'failed', 'skipped', 'not-applicable', 'passed'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A verdict that says something about the endpoint (the case was played and judged). */
export function isJudged(v: Verdict): boolean {
  return v === 'passed' || v === 'failed' || v === 'error';
}

/** How a failed case weighs on the PV's overall verdict (declared in the cahier). */
export type CaseSeverity = 'blocking' | 'minor';

/** What happened at the transport level for one request. */
export type TransportOutcome =
  | 'ok' // an HTTP response was received
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'closed' // socket closed before the answer was complete (before any response, or while reading it)
  | 'tls-error'
  | 'too-large'
  | 'dns'
  | 'bad-response' // an answer arrived but is not usable HTTP (not HTTP at all, header block over the limit)
  | 'other'; // the request could not be sent (e.g. invalid URL)

export interface TlsFacts {
  protocol?: string; // 'TLSv1.3'
  cipher?: string;
  peerSubject?: string;
  peerIssuer?: string;
  peerValidTo?: string;
  clientCertSubject?: string;
  clientCertFingerprint256?: string;
}

/** One HTTP exchange kept as evidence. Secrets are redacted before it is built. */
export interface Exchange {
  id: string;
  label?: string; // e.g. 'search', 'metadata', 'tls-probe TLSv1.0'
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    /** The body sent (POST / PUT: the payloads sas-recette builds, or the editor's for flux V3). */
    body?: string;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    /** Body as text (UTF-8), possibly truncated to the evidence limit. */
    body: string;
    bodyBytes: number;
    truncated: boolean;
    sha256: string;
  };
  outcome: TransportOutcome;
  /** Error code and message when outcome is not 'ok' (e.g. UND_ERR_HEADERS_TIMEOUT). */
  error?: { code?: string; message: string };
  startedAt: string; // ISO with offset
  timings: { totalMs: number; ttfbMs?: number };
  tls?: TlsFacts;
}

export interface LatencySample {
  label: string; // e.g. '1 PS, concurrency 1'
  identifiers: number;
  concurrency: number;
  samplesMs: number[];
  p50: number;
  p95: number;
  max: number;
  budgetMs: number; // 7000
  targetMs: number; // 1000
}

export interface CaseResult {
  id: string; // stable cahier id, e.g. 'PS-4.3-REF'
  title: Message;
  group: string; // cahier group, e.g. 'psindiv' or 'transport'
  useCase: UseCase | 'all';
  requirements: string[];
  tags: string[];
  severity: CaseSeverity;
  verdict: Verdict;
  /** Why the verdict (skip or not-applicable reason, first deciding finding…). */
  reason?: Message;
  /**
   * What the case could not check (a value set or profile from a missing package, a rule that needs
   * the search…), one line per element, by name. A passed case with reserves "passed with reserves".
   */
  reserves?: Message[];
  /** The findings that decided the verdict (errors) and the others (warnings, information). */
  findings: Finding[];
  /** Findings of the official HL7 validator, kept apart (never merged). */
  officialFindings?: Finding[];
  exchanges: Exchange[];
  latency?: LatencySample[];
  durationMs: number;
  /** Where the case is declared (cahier file:line). */
  source?: string;
  /** What the reports left out of this case to stay readable, and where the full record is (src/report/evidence-files.ts). */
  evidence?: CaseEvidence;
  /**
   * In a re-judged run (`sas-recette rejudge`): the case was not judged again but carried over from the
   * original run as it was (verdict, findings, exchanges), for this reason (a TLS handshake or a latency
   * cannot be re-measured offline, a request differs from the recording…).
   */
  carriedOver?: Message;
}

/** Findings not listed and bodies cut in a report, counted (never silently), with the full evidence file. */
export interface CaseEvidence {
  /** Findings (sas-recette's) not listed in run.json / the PV / JUnit, by severity. */
  findingsOmitted?: { total: number; fatal: number; error: number; warning: number; information: number };
  /** Official validator findings not listed. */
  officialFindingsOmitted?: number;
  /** Exchanges whose recorded body was cut to the report excerpt. */
  bodiesCut?: number;
  /** The full record of the case, next to run.json: path relative to run.json's folder, SHA-256 and size of the file. */
  file?: { path: string; sha256: string; bytes: number };
}

export interface Declaration {
  id: string; // e.g. 'DECL-HDS'
  question: Message;
  answer: 'yes' | 'no' | 'partial' | 'n/a';
  comment?: string;
  declaredBy: string;
  declaredAt?: string;
  requirements: string[];
}

export interface RequirementCoverage {
  id: string;
  text: string;
  cases: string[];
  status: 'passed' | 'failed' | 'not-tested' | 'declared';
}

export interface PvInfo {
  editor?: string;
  software?: string;
  softwareVersion?: string;
  environment?: string; // recette / pré-production
  operator?: string;
  reviewer?: string;
  pvNumber?: string;
}

export interface VerdictCounts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  'not-applicable': number;
  error: number;
}

/** Why a run is not plainly favorable, one entry per item, each named. */
export type ReserveKind =
  | 'failed-minor' // a minor (non-mandatory) case failed or errored
  | 'skipped' // a mandatory case was skipped (prerequisite missing)
  | 'not-applicable' // a mandatory case did not apply to this JDD / run
  | 'not-checked' // an element a passed case could not check (missing package…)
  | 'untested-requirement' // an automatically testable requirement no judged case verified
  | 'insecure' // TLS verification was off (--insecure): not valid for acceptance
  | 'nothing-judged'; // no case was judged at all

export interface Reserve {
  kind: ReserveKind;
  /** Case id, requirement id or element name the reserve is about. */
  ref: string;
  /** Cases concerned (for not-checked elements: every case that met it). */
  cases?: string[];
  message: Message;
}

export interface RunSummary extends VerdictCounts {
  /** Per use case / group. */
  byGroup: Record<string, VerdictCounts>;
  /** Favorable | Favorable avec réserves | Défavorable. */
  overall: 'favorable' | 'favorable-with-reserves' | 'unfavorable';
  /** Mandatory (blocking) cases that failed or errored: why the run is unfavorable. */
  blocking: string[];
  /** Everything that keeps the run from a plain Favorable. */
  reserves: Reserve[];
  /** `strict`: any reserve makes the exit code 1 (meant for the official acceptance run). */
  mode: 'standard' | 'strict';
  /** False when the run can never support an acceptance (TLS verification off, nothing judged). */
  validForAcceptance: boolean;
}

/** The official HL7 validator of the run (`--official-validator`), when one was asked for. */
export interface RunOfficial {
  /** Path of validator_cli.jar. */
  jar: string;
  /** Version the validator printed at start-up, when seen. */
  version?: string;
  /** `--official-validator-gates`: official errors also failed the cases. */
  gates?: boolean;
  /** Why it did not run; the run went on with our engine alone. */
  unavailable?: Message;
  /** Places where one engine reports an error and the other none, over the responses both checked. */
  disagreements: number;
}

/**
 * A recorded departure from the severity table (requirements/requirements.yaml `waivers`) that
 * decided at least one finding of the run: the PV shows it beside the verdict it softened.
 */
export interface AppliedWaiver {
  rule: string;
  severity: 'error' | 'warning' | 'information';
  when: string;
  reason: string;
  source: string;
  /** Cases with a finding of `rule` at the waived severity. */
  cases: string[];
}

export interface RunResult {
  schemaVersion: 1;
  runId: string;
  tool: { name: 'sas-recette'; version: string };
  startedAt: string;
  finishedAt: string;
  /** The clock the run judged against (pinned with --now or real). */
  now: string;
  baseUrl: string;
  useCases: UseCase[];
  ig: { id: string; version: string } | null;
  packages: string[]; // 'id#version' loaded
  /** Warnings about the setup (missing packages…), shown in reports. */
  setupNotes: Message[];
  cahier: { files: string[]; sha256: string };
  jdd: {
    files: string[];
    sha256: string;
    /**
     * JDD id → the booking base URL the run judged against, where the run changed the file's (the demo
     * points it at its reference editor's booking site): `rejudge` judges with the same.
     */
    bookingBaseUrls?: Record<string, string>;
  };
  environment: { node: string; os: string; user?: string; command: string };
  /** TLS verification of the endpoint was off (`--insecure`). */
  insecure?: boolean;
  pvInfo?: PvInfo;
  declarations: Declaration[];
  requirements: RequirementCoverage[];
  cases: CaseResult[];
  summary: RunSummary;
  /** The official HL7 validator, when `--official-validator` was given (its findings are per case). */
  official?: RunOfficial;
  /** Severity waivers of the catalogue that applied to findings of this run. */
  waivers?: AppliedWaiver[];
  /** The run was stopped by Ctrl-C / SIGTERM: the cases played are kept, the others skipped (src/run/interrupt.ts). */
  interrupted?: RunInterruption;
  /** This run judged again, offline, the answers recorded by another run (`sas-recette rejudge`). */
  rejudged?: RunRejudged;
}

/** Where a re-judged run comes from (src/run/rejudge/): the original run, and what could be judged again. */
export interface RunRejudged {
  /** runId of the original run. */
  fromRunId: string;
  /** The original run.json, as given on the command line. */
  fromFile: string;
  /** SHA-256 of the original run.json file. */
  fromSha256: string;
  /** When the answers were judged again (Europe/Paris, with offset). */
  at: string;
  /** Cases judged again from their recorded answers. */
  rejudgedCases: number;
  /** Cases carried over unchanged (each says why in `CaseResult.carriedOver`). */
  carriedOver: number;
}

/** When and how a run was interrupted, and how many cases it played before. */
export interface RunInterruption {
  /** Europe/Paris date-time with offset. */
  at: string;
  signal: 'SIGINT' | 'SIGTERM';
  played?: number;
  notRun?: number;
}
