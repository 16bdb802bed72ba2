/**
 * Console reporter: a live progress line on stderr on an interactive terminal (not under CI), one
 * line per case otherwise (its verdict in a symbol and a word; the reason of a skipped or not-applicable
 * case; the reserves of a case passed with reserves); at the end the failures (rule id, location,
 * message), the run notes and the summary: counts of each verdict, the PV's overall verdict and the mode
 * that produced it, "not valid for acceptance" when so, the blocking cases, the reserves by kind. Colour comes from the CLI's decision (NO_COLOR,
 * --no-color, TTY). Endpoint text goes through the one terminal sanitiser (terminal.ts) and findings through
 * the one finding-line renderer (finding-line.ts) that `validate` uses too.
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Lang, type Message } from '../core/findings.js';
import type { CaseResult, Reserve, ReserveKind, RunOfficial, RunResult, VerdictCounts } from '../core/model.js';
import {
  acceptanceValidity,
  caseReserves,
  caseState,
  caseTitle,
  decidingFindings,
  RESERVE_KIND_ORDER,
  reservesByKind,
  verdictReason,
  type CaseState,
} from './case-view.js';
import { findingLine } from './finding-line.js';
import { humanMs, oneLine } from './format.js';
import { terminalSafe, terminalSafeLines } from './terminal.js';
import type { Reporter } from './types.js';

export interface ConsoleReporterOptions {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: ChalkInstance;
  lang: Lang;
  /** Redraw one progress line on stderr instead of printing a line per case. */
  live: boolean;
  /** Number of cases planned (for the progress count). */
  total: number;
  /** Findings printed per failed case before "… and N more". */
  maxFindings?: number;
}

/** Interactive terminal, not CI: the progress line may be redrawn. */
export function wantsLiveProgress(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  return isTTY && (env.CI === undefined || env.CI === '' || env.CI === 'false' || env.CI === '0');
}

const MARK: Record<CaseState, string> = {
  passed: '✓',
  'passed-with-reserves': '◐',
  failed: '✗',
  error: '!',
  skipped: '-',
  'not-applicable': '○',
};

const WORDS = {
  fr: {
    state: {
      passed: 'réussi',
      'passed-with-reserves': 'réussi avec réserves',
      failed: 'échec',
      error: 'erreur',
      skipped: 'non exécuté',
      'not-applicable': 'non applicable',
    } as Record<CaseState, string>,
    kind: {
      insecure: 'vérification TLS désactivée',
      'nothing-judged': 'aucun cas jugé',
      'failed-minor': 'cas mineurs en échec ou en erreur',
      skipped: 'cas obligatoires non exécutés',
      'not-applicable': 'cas obligatoires non applicables',
      'not-checked': 'éléments non vérifiés',
      'untested-requirement': 'exigences non testées',
    } as Record<ReserveKind, string>,
    favorable: 'FAVORABLE',
    'favorable-with-reserves': 'FAVORABLE AVEC RÉSERVES',
    unfavorable: 'DÉFAVORABLE',
    failures: 'Échecs et erreurs',
    notes: 'Notes',
    summary: 'Bilan',
    verdict: 'Avis',
    reserves: 'Réserves',
    more: (n: number) => `… et ${n} autre(s) constat(s)`,
    cases: 'cas',
    blocking: 'bloquant',
    minor: 'mineur',
    reason: 'motif',
    reserve: 'réserve',
    all: 'ensemble',
    withReserves: 'dont avec réserves',
    mode: { standard: 'mode standard', strict: 'mode strict (toute réserve fait échouer)' },
    notValid: 'NON VALABLE POUR UNE RECETTE',
    blockingCases: 'Non-conformités bloquantes',
    seenIn: 'vu dans',
    official: 'Validateur officiel HL7',
    officialUnavailable: 'indisponible (voir les notes), recette faite avec le moteur sas-recette seul',
    disagreements: (n: number) => `${n} désaccord(s) avec sas-recette sur les erreurs de structure`,
    gates: 'ses erreurs font aussi échouer les cas',
    noGates: 'pour information, ne décide pas des verdicts',
  },
  en: {
    state: {
      passed: 'passed',
      'passed-with-reserves': 'passed with reserves',
      failed: 'failed',
      error: 'error',
      skipped: 'skipped',
      'not-applicable': 'not applicable',
    } as Record<CaseState, string>,
    kind: {
      insecure: 'TLS verification off',
      'nothing-judged': 'no case judged',
      'failed-minor': 'minor cases failed or in error',
      skipped: 'mandatory cases skipped',
      'not-applicable': 'mandatory cases not applicable',
      'not-checked': 'elements not checked',
      'untested-requirement': 'untested requirements',
    } as Record<ReserveKind, string>,
    favorable: 'FAVOURABLE',
    'favorable-with-reserves': 'FAVOURABLE WITH RESERVES',
    unfavorable: 'UNFAVOURABLE',
    failures: 'Failures and errors',
    notes: 'Notes',
    summary: 'Summary',
    verdict: 'Verdict',
    reserves: 'Reserves',
    more: (n: number) => `… and ${n} more finding(s)`,
    cases: 'cases',
    blocking: 'blocking',
    minor: 'minor',
    reason: 'reason',
    reserve: 'reserve',
    all: 'all',
    withReserves: 'with reserves',
    mode: { standard: 'standard mode', strict: 'strict mode (any reserve fails the run)' },
    notValid: 'NOT VALID FOR ACCEPTANCE',
    blockingCases: 'Blocking non-conformities',
    seenIn: 'seen in',
    official: 'Official HL7 validator',
    officialUnavailable: 'unavailable (see the notes), run made with the sas-recette engine alone',
    disagreements: (n: number) => `${n} disagreement(s) with sas-recette on structural errors`,
    gates: 'its errors also fail the cases',
    noGates: 'for information, does not decide the verdicts',
  },
} as const;

/** Reserve lines printed per passed case before "… +N". */
const CASE_RESERVES_MAX = 5;

function countsLine(g: VerdictCounts, withReserves: number, w: (typeof WORDS)[Lang], c: ChalkInstance): string {
  const na = g['not-applicable'] ?? 0;
  const passed = `${g.passed} ${w.state.passed}${withReserves ? ` (${w.withReserves}: ${withReserves})` : ''}`;
  return [
    g.passed ? c.green(passed) : passed,
    g.failed ? c.red(`${g.failed} ${w.state.failed}`) : `0 ${w.state.failed}`,
    g.error ? c.magenta(`${g.error} ${w.state.error}`) : `0 ${w.state.error}`,
    g.skipped ? c.gray(`${g.skipped} ${w.state.skipped}`) : `0 ${w.state.skipped}`,
    na ? c.cyan(`${na} ${w.state['not-applicable']}`) : `0 ${w.state['not-applicable']}`,
  ].join(', ');
}

export function consoleReporter(o: ConsoleReporterOptions): Reporter {
  const c = o.color;
  const w = WORDS[o.lang];
  const max = o.maxFindings ?? 8;
  let done = 0;
  const counts: Record<CaseState, number> = { passed: 0, 'passed-with-reserves': 0, failed: 0, error: 0, skipped: 0, 'not-applicable': 0 };
  const paint: Record<CaseState, (s: string) => string> = {
    passed: c.green,
    'passed-with-reserves': c.yellow,
    failed: c.red,
    error: c.magenta,
    skipped: c.gray,
    'not-applicable': c.cyan,
  };
  const text = (m: Message, width = 400): string => terminalSafe(oneLine(textOf(m, o.lang), width));

  /** `✓ passed  ID  Title (12 ms)`, then the reason of a case not judged, or the reserves of a pass. */
  function caseLine(r: CaseResult): string {
    const state = caseState(r);
    const head = `${paint[state](`${MARK[state]} ${w.state[state]}`)}  ${c.bold(r.id)}  ${terminalSafe(oneLine(caseTitle(r, o.lang), 100))} ${c.dim(`(${humanMs(r.durationMs, o.lang)})`)}\n`;
    if ((state === 'skipped' || state === 'not-applicable') && r.reason) return `${head}    ${c.dim(`${w.reason}:`)} ${text(r.reason)}\n`;
    if (state === 'passed-with-reserves') {
      const lines = caseReserves(r, o.lang);
      const shown = lines.slice(0, CASE_RESERVES_MAX).map((l) => `    ${c.dim(`${w.reserve}:`)} ${terminalSafe(oneLine(l, 300))}\n`);
      const rest = lines.length > CASE_RESERVES_MAX ? `    ${c.dim(`… +${lines.length - CASE_RESERVES_MAX}`)}\n` : '';
      return head + shown.join('') + rest;
    }
    return head;
  }

  function officialLine(off: RunOfficial): string {
    const what = off.unavailable
      ? c.yellow(w.officialUnavailable)
      : `${terminalSafe(off.jar)}${off.version ? ` ${terminalSafe(off.version)}` : ''} — ${w.disagreements(off.disagreements)}; ${off.gates ? w.gates : w.noGates}`;
    return `  ${w.official}: ${what}\n`;
  }

  function failureBlock(r: CaseResult): string {
    const sev = r.severity === 'blocking' ? w.blocking : w.minor;
    const state = caseState(r);
    let out = `${paint[state](MARK[state])} ${c.bold(r.id)} ${c.dim(`[${sev}]`)} ${terminalSafe(oneLine(caseTitle(r, o.lang), 120))}\n`;
    if (r.source) out += `    ${c.dim(r.source)}\n`;
    const deciding = decidingFindings(r);
    for (const f of deciding.slice(0, max)) out += `${findingLine(f, { lang: o.lang, color: c, layout: 'block' })}\n`;
    if (deciding.length > max) out += `    ${c.dim(w.more(deciding.length - max))}\n`;
    if (deciding.length === 0 && r.reason) out += `    ${text(r.reason)}\n`;
    return out;
  }

  /** One reserve: `ref — message`, with the cases that met it for a not-checked element. */
  function reserveLine(r: Reserve): string {
    const cases =
      r.cases?.length && !(r.cases.length === 1 && r.cases[0] === r.ref)
        ? c.dim(` (${w.seenIn} ${r.cases.map((x) => terminalSafe(x)).join(', ')})`)
        : '';
    return `      ${c.bold(terminalSafe(oneLine(r.ref, 120)))} — ${text(r.message, 300)}${cases}\n`;
  }

  function summaryBlock(run: RunResult): string {
    const s = run.summary;
    const withReserves = (group?: string): number =>
      run.cases.filter((x) => (group === undefined || x.group === group) && caseState(x) === 'passed-with-reserves').length;
    let out = `\n${c.bold(w.summary)}\n`;
    for (const [group, g] of Object.entries(s.byGroup)) {
      out += `  ${terminalSafe(group).padEnd(12)} ${g.total} ${w.cases}: ${countsLine(g, withReserves(group), w, c)}\n`;
    }
    out += `  ${w.all.padEnd(12)} ${s.total} ${w.cases}: ${countsLine(s, withReserves(), w, c)}\n`;
    const verdictColor = s.overall === 'favorable' ? c.green : s.overall === 'unfavorable' ? c.red : c.yellow;
    out += `  ${c.bold(w.verdict)}: ${verdictColor(c.bold(w[s.overall]))} — ${s.passed}/${s.total} ${w.state.passed} — ${w.mode[s.mode ?? 'standard']}\n`;
    const validity = acceptanceValidity(run);
    if (validity.notValid) {
      const why = validity.causes.map((k) => w.kind[k]).join(', ');
      out += `  ${c.red(c.bold(`${w.notValid}${why ? ` (${why})` : ''}`))}\n`;
    }
    const blocking = s.blocking ?? [];
    if (blocking.length > 0) {
      out += `  ${c.bold(w.blockingCases)} (${blocking.length}):\n`;
      for (const id of blocking) {
        const bc = run.cases.find((x) => x.id === id);
        const why = bc ? verdictReason(bc, o.lang) : undefined;
        out += `      ${c.red(terminalSafe(id))}${bc ? ` ${terminalSafe(oneLine(caseTitle(bc, o.lang), 100))}` : ''}${why ? c.dim(` — ${terminalSafe(oneLine(why, 200))}`) : ''}\n`;
      }
    }
    const groups = reservesByKind(
      s.reserves,
      RESERVE_KIND_ORDER.filter((k) => k !== 'insecure' && k !== 'nothing-judged'),
    );
    if (groups.length > 0) {
      out += `  ${c.bold(w.reserves)}:\n`;
      for (const g of groups) {
        out += `    ${c.yellow(w.kind[g.kind])} (${g.reserves.length}):\n`;
        for (const r of g.reserves) out += reserveLine(r);
      }
    }
    return out;
  }

  return {
    name: 'console',
    onCaseEnd(r) {
      done += 1;
      counts[caseState(r)] += 1;
      if (!o.live) {
        o.stdout(caseLine(r));
        return;
      }
      const passed = counts.passed + counts['passed-with-reserves'];
      const extra = (['error', 'skipped', 'not-applicable'] as const)
        .filter((k) => counts[k] > 0)
        .map((k) => ` ${paint[k](`${counts[k]}${MARK[k]}`)}`)
        .join('');
      const tally = `${c.green(`${passed}✓`)} ${c.red(`${counts.failed}✗`)}${extra}`;
      o.stderr(`\r\u001b[2K[${done}/${o.total}] ${tally} ${r.id}`);
    },
    onProgress(p) {
      // A case still waiting (every ~10 s): the live line is redrawn, otherwise one line on stderr.
      const what = `${c.bold(p.caseId)} ${o.lang === 'fr' ? 'en cours depuis' : 'running for'} ${humanMs(p.elapsedMs, o.lang)}${p.detail ? ` — ${text(p.detail, 120)}` : ''}`;
      if (o.live) o.stderr(`\r\u001b[2K[${done}/${o.total}] ${what}`);
      else o.stderr(`  … [${p.index}/${p.total}] ${what}\n`);
    },
    onRunEnd(run: RunResult) {
      if (o.live) o.stderr('\r\u001b[2K');
      const failed = run.cases.filter((r) => r.verdict === 'failed' || r.verdict === 'error');
      let out = '';
      if (failed.length > 0) {
        out += `\n${c.bold(w.failures)}\n`;
        for (const r of failed) out += failureBlock(r);
      }
      if (run.setupNotes.length > 0) {
        out += `\n${c.bold(w.notes)}\n`;
        for (const n of run.setupNotes) out += `  ${c.yellow('•')} ${terminalSafeLines(textOf(n, o.lang))}\n`;
      }
      out += summaryBlock(run);
      if (run.official) out += officialLine(run.official);
      o.stdout(out);
      return [];
    },
  };
}
