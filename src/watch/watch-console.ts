/**
 * What a watch prints (pure text builders): one short line per probe (time, verdict, latency,
 * failing rules, evidence file), the back-off when it applies, and the summary at the end. Anything
 * that came from the endpoint goes through the terminal sanitiser (rule ids of transport findings
 * are ours, error codes are not).
 */
import type { Lang } from '../core/findings.js';
import type { Verdict } from '../core/model.js';
import type { ProbeRecord } from '../core/probe-record.js';
import { count } from '../report/console-words.js';
import { humanMs } from '../report/format.js';
import { terminalSafe } from '../report/terminal.js';
import { percentile } from '../transport/latency.js';

const VERDICT_WORD: Record<Lang, Record<Verdict, string>> = {
  fr: { passed: 'conforme', failed: 'ÉCHEC', error: 'ERREUR', skipped: 'non joué', 'not-applicable': 'sans objet' },
  en: { passed: 'passed', failed: 'FAILED', error: 'ERROR', skipped: 'skipped', 'not-applicable': 'not applicable' },
};

/** The slowest answer of the probe (its checks' whole-request times). */
export function probeLatency(r: ProbeRecord): number | undefined {
  const times = r.checks.map((c) => c.latencyMs).filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** `2026-03-02 08:15:00+01:00`: the probe's start, to the second. */
function shortTime(at: string): string {
  return at.replace('T', ' ').replace(/\.\d+/, '');
}

/** `2026-03-02 08:15:00+01:00  ÉCHEC  312 ms  SAS-BDL-001, SAS-WIN-002  → history.jsonl.evidence/….json` */
export function probeLine(r: ProbeRecord, lang: Lang): string {
  const latency = probeLatency(r);
  const parts = [shortTime(r.at), VERDICT_WORD[lang][r.verdict], latency === undefined ? '—' : humanMs(latency, lang)];
  if (!r.available) {
    const down = r.checks.find((c) => c.outcome !== 'ok');
    parts.push(`${lang === 'fr' ? 'indisponible' : 'unavailable'}${down ? ` (${down.outcome})` : ''}`);
  }
  if (r.failingRules.length > 0) parts.push(r.failingRules.join(', '));
  if (r.evidence) parts.push(`→ ${r.evidence.path}`);
  return `${terminalSafe(parts.join('  '))}\n`;
}

/** `15 min`, `2 h`, `60 j` / `60 d`: the largest whole unit of an interval or period. */
export function humanPeriod(ms: number, lang: Lang): string {
  const units: ReadonlyArray<[number, string, string]> = [
    [86_400_000, 'j', 'd'],
    [3_600_000, 'h', 'h'],
    [60_000, 'min', 'min'],
    [1000, 's', 's'],
  ];
  for (const [size, fr, en] of units) if (ms >= size && ms % size === 0) return `${ms / size}\u00a0${lang === 'fr' ? fr : en}`;
  return humanMs(ms, lang);
}

/** Said when the next probe waits longer than --every because of consecutive failures. */
export function backoffLine(waitMs: number, factor: number, lang: Lang): string {
  const minutes = Math.round(waitMs / 60_000);
  return lang === 'fr'
    ? `  prochaine sonde dans ${minutes}\u00a0min (attente ×${factor} après des échecs consécutifs)\n`
    : `  next probe in ${minutes} min (wait ×${factor} after consecutive failures)\n`;
}

/** The summary of the probes of this watch: counts, availability, latency p50 / p95 / max. */
export function summaryText(records: readonly ProbeRecord[], historyShown: string, lang: Lang): string {
  const n = records.length;
  const passed = records.filter((r) => r.verdict === 'passed').length;
  const failed = records.filter((r) => r.verdict === 'failed').length;
  const available = records.filter((r) => r.available).length;
  const other = n - passed - failed;
  const share = ((available / Math.max(1, n)) * 100).toFixed(1);
  const pct = n === 0 ? '—' : lang === 'fr' ? `${share.replace('.', ',')}\u00a0%` : `${share}%`;
  const latencies = records.map(probeLatency).filter((t): t is number => t !== undefined);
  const lat =
    latencies.length === 0
      ? '—'
      : `p50 ${humanMs(percentile(latencies, 50), lang)}, p95 ${humanMs(percentile(latencies, 95), lang)}, max ${humanMs(Math.max(...latencies), lang)}`;
  if (lang === 'fr')
    return (
      `Bilan\u00a0: ${count(n, lang, 'sonde', 'sondes')} — ${count(passed, lang, 'conforme', 'conformes')}, ` +
      `${failed} en échec, ${count(other, lang, 'en erreur', 'en erreur')}\u00a0; disponibilité ${pct}\u00a0; ` +
      `temps de réponse ${lat}\nHistorique\u00a0: ${terminalSafe(historyShown)}\n`
    );
  return (
    `Summary: ${count(n, lang, 'probe', 'probes')} — ${passed} passed, ${failed} failed, ${other} error; availability ${pct}; ` +
    `latency ${lat}\nHistory: ${terminalSafe(historyShown)}\n`
  );
}
