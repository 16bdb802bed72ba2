/**
 * One line of a VSR watch history (`sas-recette watch` appends, `sas-recette vsr` reads): JSON Lines,
 * one record per line, append-only. Shared by the watch (src/watch/) and the PV VSR (src/report/vsr/),
 * hence at the bottom. A reader keeps every complete line and ignores a last line cut by a crash.
 */
import type { TlsFacts, TransportOutcome, Verdict } from './model.js';

/** Format of the history lines; a reader refuses a higher one with a clear message. */
export const PROBE_RECORD_VERSION = 1;

/** One check of a probe: a case of the cahier's safe subset (a search per use case, the CapabilityStatement). */
export interface ProbeCheck {
  /** Cahier case id. */
  caseId: string;
  /** 'psindiv' | 'cpts' | 'sos' for a search; absent for the CapabilityStatement. */
  useCase?: string;
  /** How the request ended at the transport level ('ok': an HTTP answer came). */
  outcome: TransportOutcome;
  /** HTTP status, when an answer came. */
  status?: number;
  /** Whole-request time in ms (the SAS time-out is 7 s, the target 1 s). */
  latencyMs?: number;
  verdict: Verdict;
  /** Rule ids of the blocking findings (errors), sorted, once each. */
  failingRules: string[];
}

export interface ProbeRecord {
  v: typeof PROBE_RECORD_VERSION;
  /** Start of the probe, ISO 8601 with offset (Europe/Paris). */
  at: string;
  baseUrl: string;
  /** sas-recette version that probed. */
  tool: string;
  /** 'id#version' of the IG judged against. */
  ig?: string;
  /**
   * Every request of the probe got a 2xx HTTP answer within the time-out; false: at least one time-out,
   * refusal, TLS failure… or an error status (a 502 gateway page serves no slot to the regulator).
   */
  available: boolean;
  /** Worst verdict over the checks: 'passed', 'failed' (conformance) or 'error' (no usable answer). */
  verdict: Verdict;
  checks: ProbeCheck[];
  /** Union of the checks' failing rule ids, sorted. */
  failingRules: string[];
  durationMs: number;
  /** TLS facts of the connection (protocol, cipher, certificate dates), when HTTPS. */
  tls?: TlsFacts;
  /** Only for a probe that did not pass: the evidence file written beside the history (relative path) and its SHA-256. */
  evidence?: { path: string; sha256: string };
}
