/**
 * The contract of a case kind (`search`, the transport checks, latency samples…): a kind declares the
 * JSON Schema of its `params` (checked when the cahier is loaded, errors located in the file) and runs
 * one case into evidence and findings. The run pipeline runs every kind the same way and judges the
 * outcome like any other case.
 */
import type { Finding, Lang, Message } from '../core/findings.js';
import type { TestCase } from './types.js';
import type { HttpClient, HttpClientOptions } from '../http/types.js';
import type { Jdd } from '../jdd/types.js';
import type { Exchange, LatencySample } from '../core/model.js';

export interface KindEnv {
  /** Endpoint base URL, without trailing slash (ends with `/fhir` for the reference editor). */
  baseUrl: string;
  now: Date;
  /** The run's client (the user's certificate, timeout and TLS options). */
  client: HttpClient;
  /** Options the run's client was made with, to build variants (no certificate, other TLS versions…). */
  httpOptions: HttpClientOptions;
  /** The JDD of the case's use case, when one was loaded. */
  jdd?: Jdd;
  lang: Lang;
  /** Aborted when the run's deadline (`--run-timeout`) is reached: long kinds stop taking new requests. */
  signal?: AbortSignal;
  /** What a long case is doing now (e.g. "latency 1 id, c=1: 4/10"), for the console's progress line. */
  progress?: (what: Message) => void;
}

export interface KindOutcome {
  exchanges: Exchange[];
  /** Blocking findings (fatal/error) fail the case; SUT faults only — harness faults are thrown. */
  findings: Finding[];
  latency?: LatencySample[];
  /** Set when a prerequisite of the tool is missing: the case is skipped with this reason. */
  skip?: Message;
  /** Set when the case does not apply to this run (plain HTTP for a TLS case, no JDD entry): not-applicable. */
  notApplicable?: Message;
  /**
   * Set when the tool itself could not judge the endpoint but the evidence is worth keeping (its own
   * certificate unreadable, a proxy of the harness): the case is `error` with this reason.
   */
  harnessFault?: Message;
  /** Findings of the official HL7 validator, kept apart from the case's own (`--official-validator`). */
  officialFindings?: Finding[];
}

/** What a case's plan is built from (`run --dry-run`): the run's settings, never a client (no network). */
export type PlanEnv = Pick<KindEnv, 'baseUrl' | 'now' | 'httpOptions' | 'jdd' | 'lang'>;

/**
 * The client certificate a planned request presents, when it is not the run's own: none at all, a
 * certificate of the TLS profile, or one made at run time (a throw-away CA: no file to name in advance).
 */
export type PlannedCertificate =
  { none: true } | { certFile: string; keyFile: string; passphraseEnv?: string } | { generatedAtRunTime: Message };

/** One HTTP request a case will send, built by the code that sends it. */
export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Exactly as on the wire (percent-encoding included). */
  url: string;
  /** As the case gives them to the client (the client adds `user-agent`: the dry run says it). */
  headers: Record<string, string>;
  body?: string;
  /** Another client certificate than the run's (negative mTLS checks). */
  certificate?: PlannedCertificate;
}

/** One step of a case's plan: a request, a description of what cannot be a request (TLS probes, waits), or both. */
export interface PlannedStep {
  request?: PlannedRequest;
  note?: Message;
  /** The request is sent `times` times, `concurrency` at once (latency series). */
  repeat?: { times: number; concurrency: number };
  /** The request holds values only known at run time (shown as `<… generated at run time>`). */
  placeholders?: boolean;
  /** Sent only when an answer asks for it (e.g. the plain search after a 404): may not be sent at all. */
  conditional?: boolean;
}

/** What a case will do, said before the run (`run --dry-run`): its steps, or why it will not run. */
export interface CasePlan {
  steps: PlannedStep[];
  notApplicable?: Message;
  skip?: Message;
}

export interface CaseKind {
  kind: string;
  /** JSON Schema of the case's `params`. */
  paramsSchema?: object;
  /** Runs one case. Throwing marks the case `error` (a harness fault), never `failed`. */
  run(tc: TestCase, env: KindEnv): Promise<KindOutcome>;
  /**
   * The requests the case will send, built by the same functions as `run` (`run --dry-run`); pure: no
   * network, no file written. Absent: the dry run says the kind cannot describe its requests in advance.
   */
  plan?(tc: TestCase, env: PlanEnv): CasePlan;
}

/** Name → kind, refusing two kinds with the same name. */
export function kindRegistry(kinds: readonly CaseKind[]): ReadonlyMap<string, CaseKind> {
  const map = new Map<string, CaseKind>();
  for (const k of kinds) {
    if (map.has(k.kind)) throw new Error(`case kind "${k.kind}" is registered twice`);
    map.set(k.kind, k);
  }
  return map;
}
