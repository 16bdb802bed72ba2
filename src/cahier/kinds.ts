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

export interface CaseKind {
  kind: string;
  /** JSON Schema of the case's `params`. */
  paramsSchema?: object;
  /** Runs one case. Throwing marks the case `error` (a harness fault), never `failed`. */
  run(tc: TestCase, env: KindEnv): Promise<KindOutcome>;
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
