/**
 * One line of the history checked and reduced to a Probe: what the PV VSR draws from it (instant, Paris
 * day, availability, verdict, the latencies of the answered requests, the transport outcomes and rule
 * ids of a failure, the evidence written for it). Checked by hand rather than with a JSON Schema: the
 * format is a TypeScript interface in core (no schema file), the shape is small and flat, and each
 * refusal needs one precise reason in both languages for the line's note.
 */
import type { Message } from '../../core/findings.js';
import { VERDICTS, type TransportOutcome, type Verdict } from '../../core/model.js';
import { PROBE_RECORD_VERSION } from '../../core/probe-record.js';
import { PARIS, zoneOffsetMinutes } from '../../sas/time.js';

export interface Probe {
  /** Epoch ms of `at`. */
  ms: number;
  /** `at` as written (ISO 8601 with offset). */
  at: string;
  /** The Paris calendar day of the probe, YYYY-MM-DD. */
  day: string;
  /** Line of the history it came from. */
  line: number;
  available: boolean;
  verdict: Verdict;
  /** Counted in an incident: not available, or a verdict error / failed. */
  failed: boolean;
  /** Whole-request times (ms) of the checks that got an HTTP answer. */
  latencies: number[];
  /** Requests without an HTTP answer (outcome other than ok). */
  unanswered: number;
  /** Transport outcomes other than 'ok', one per check concerned. */
  outcomes: TransportOutcome[];
  /** HTTP statuses of the checks that did not pass. */
  statuses: number[];
  failingRules: string[];
  baseUrl: string;
  tool: string;
  ig?: string;
  certValidTo?: string;
  evidence?: { path: string; sha256: string };
}

export type CheckedRecord = { kind: 'probe'; probe: Probe } | { kind: 'invalid'; reason: Message } | { kind: 'newer'; v: number };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const VERDICT_SET: ReadonlySet<string> = new Set(VERDICTS);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const field = (name: string, what: { fr: string; en: string }): Message => ({
  fr: `champ «\u00a0${name}\u00a0»\u00a0: ${what.fr}`,
  en: `field "${name}": ${what.en}`,
});

/** Paris day of an instant; the offset is constant within a UTC hour, so it is looked up once per hour. */
const dayByHour = new Map<number, string>();
export function parisDay(ms: number): string {
  const hour = Math.floor(ms / 3_600_000);
  let day = dayByHour.get(hour);
  if (day === undefined) {
    day = new Date(ms + zoneOffsetMinutes(ms, PARIS) * 60_000).toISOString().slice(0, 10);
    if (dayByHour.size > 100_000) dayByHour.clear();
    dayByHour.set(hour, day);
  }
  return day;
}

function checkChecks(value: unknown): Message | { latencies: number[]; outcomes: TransportOutcome[]; statuses: number[] } {
  if (!Array.isArray(value)) return field('checks', { fr: 'liste attendue', en: 'a list is expected' });
  const latencies: number[] = [];
  const outcomes: TransportOutcome[] = [];
  const statuses: number[] = [];
  for (const [i, c] of value.entries()) {
    const name = `checks[${i}]`;
    if (!isObject(c)) return field(name, { fr: 'objet attendu', en: 'an object is expected' });
    if (typeof c.outcome !== 'string') return field(`${name}.outcome`, { fr: 'texte attendu', en: 'a string is expected' });
    if (c.latencyMs !== undefined && (typeof c.latencyMs !== 'number' || !Number.isFinite(c.latencyMs) || c.latencyMs < 0))
      return field(`${name}.latencyMs`, { fr: 'nombre positif attendu', en: 'a positive number is expected' });
    if (c.status !== undefined && typeof c.status !== 'number')
      return field(`${name}.status`, { fr: 'nombre attendu', en: 'a number is expected' });
    if (typeof c.verdict !== 'string' || !VERDICT_SET.has(c.verdict))
      return field(`${name}.verdict`, { fr: 'verdict inconnu', en: 'unknown verdict' });
    if (c.outcome === 'ok') {
      if (typeof c.latencyMs === 'number') latencies.push(c.latencyMs);
    } else {
      outcomes.push(c.outcome as TransportOutcome);
    }
    if (c.verdict !== 'passed' && typeof c.status === 'number') statuses.push(c.status);
  }
  return { latencies, outcomes, statuses };
}

/** Checks one parsed line against the ProbeRecord format and reduces it to a Probe. */
export function checkRecord(value: unknown, line: number): CheckedRecord {
  const invalid = (reason: Message): CheckedRecord => ({ kind: 'invalid', reason });
  if (!isObject(value)) return invalid({ fr: 'objet JSON attendu', en: 'a JSON object is expected' });
  const v = value.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    return invalid(field('v', { fr: 'version de format absente', en: 'format version missing' }));
  if (v > PROBE_RECORD_VERSION) return { kind: 'newer', v };
  const at = value.at;
  const ms = typeof at === 'string' && ISO_WITH_OFFSET.test(at) ? Date.parse(at) : NaN;
  if (typeof at !== 'string' || Number.isNaN(ms))
    return invalid(field('at', { fr: 'date ISO 8601 avec décalage attendue', en: 'an ISO 8601 date with offset is expected' }));
  if (typeof value.baseUrl !== 'string') return invalid(field('baseUrl', { fr: 'texte attendu', en: 'a string is expected' }));
  if (typeof value.tool !== 'string') return invalid(field('tool', { fr: 'texte attendu', en: 'a string is expected' }));
  if (value.ig !== undefined && typeof value.ig !== 'string')
    return invalid(field('ig', { fr: 'texte attendu', en: 'a string is expected' }));
  if (typeof value.available !== 'boolean') return invalid(field('available', { fr: 'booléen attendu', en: 'a boolean is expected' }));
  if (typeof value.verdict !== 'string' || !VERDICT_SET.has(value.verdict))
    return invalid(field('verdict', { fr: 'verdict inconnu', en: 'unknown verdict' }));
  if (!isStringList(value.failingRules))
    return invalid(field('failingRules', { fr: 'liste de textes attendue', en: 'a list of strings is expected' }));
  const checks = checkChecks(value.checks);
  if ('fr' in checks) return invalid(checks);
  const verdict = value.verdict as Verdict;
  const ev = value.evidence;
  const evidence =
    isObject(ev) && typeof ev.path === 'string' && typeof ev.sha256 === 'string' ? { path: ev.path, sha256: ev.sha256 } : undefined;
  const tls = value.tls;
  const certValidTo = isObject(tls) && typeof tls.peerValidTo === 'string' ? tls.peerValidTo : undefined;
  return {
    kind: 'probe',
    probe: {
      ms,
      at,
      day: parisDay(ms),
      line,
      available: value.available,
      verdict,
      failed: !value.available || verdict === 'error' || verdict === 'failed',
      latencies: checks.latencies,
      unanswered: checks.outcomes.length,
      outcomes: checks.outcomes,
      statuses: checks.statuses,
      failingRules: [...new Set(value.failingRules)].sort(),
      baseUrl: value.baseUrl,
      tool: value.tool,
      ...(typeof value.ig === 'string' ? { ig: value.ig } : {}),
      ...(certValidTo ? { certValidTo } : {}),
      ...(evidence ? { evidence } : {}),
    },
  };
}
