/**
 * A probe's judged checks as the line of the history (pure): per check its transport outcome, status,
 * latency, verdict and blocking rule ids; for the probe its availability (every request got an HTTP
 * answer), its verdict (the worst of its checks: a check not judged never lets a probe pass), the
 * union of the failing rules and the TLS facts of the connection.
 */
import { isBlocking } from '../core/findings.js';
import { VERDICTS, type CaseResult, type Exchange, type UseCase, type Verdict } from '../core/model.js';
import { PROBE_RECORD_VERSION, type ProbeCheck, type ProbeRecord } from '../core/probe-record.js';

/** The exchange that speaks for a check: the first that got no answer, else the first sent. */
function mainExchange(exchanges: readonly Exchange[]): Exchange | undefined {
  return exchanges.find((x) => x.outcome !== 'ok') ?? exchanges[0];
}

function failingRulesOf(c: CaseResult): string[] {
  return [...new Set(c.findings.filter(isBlocking).map((f) => f.ruleId))].sort();
}

/** A request the service served: an HTTP answer with a 2xx status (an error status serves no slot). */
function isServed(x: Exchange): boolean {
  return x.outcome === 'ok' && x.response !== undefined && x.response.status >= 200 && x.response.status < 300;
}

export function checkOf(c: CaseResult): ProbeCheck {
  const x = mainExchange(c.exchanges);
  return {
    caseId: c.id,
    ...(c.group === 'transport' || c.useCase === 'all' ? {} : { useCase: c.useCase as UseCase }),
    outcome: x?.outcome ?? 'other',
    ...(x?.response ? { status: x.response.status } : {}),
    ...(x ? { latencyMs: Math.round(x.timings.totalMs) } : {}),
    verdict: c.verdict,
    failingRules: failingRulesOf(c),
  };
}

/** Worst first, as VERDICTS orders them; no check at all is an error (nothing was judged). */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'error';
  return VERDICTS.find((v) => verdicts.includes(v)) ?? 'error';
}

export interface ProbeFacts {
  /** Start of the probe, Europe/Paris with offset. */
  at: string;
  baseUrl: string;
  tool: string;
  ig?: string;
  durationMs: number;
  cases: readonly CaseResult[];
}

export function recordOf(p: ProbeFacts): ProbeRecord {
  const checks = p.cases.map(checkOf);
  const exchanges = p.cases.flatMap((c) => c.exchanges);
  const tls = exchanges.find((x) => x.tls && Object.keys(x.tls).length > 0)?.tls;
  return {
    v: PROBE_RECORD_VERSION,
    at: p.at,
    baseUrl: p.baseUrl,
    tool: p.tool,
    ...(p.ig ? { ig: p.ig } : {}),
    available: exchanges.length > 0 && exchanges.every(isServed),
    verdict: worstVerdict(checks.map((c) => c.verdict)),
    checks,
    failingRules: [...new Set(checks.flatMap((c) => c.failingRules))].sort(),
    durationMs: Math.round(p.durationMs),
    ...(tls ? { tls } : {}),
  };
}
