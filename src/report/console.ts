/**
 * Console reporter: a live progress line on stderr on an interactive terminal (not under CI), one
 * line per case otherwise; at the end the failures (rule id, location, message), the run notes and
 * the summary with the PV's overall verdict. Colour comes from the CLI's decision (NO_COLOR,
 * --no-color, TTY). Endpoint text is stripped of control characters before it reaches the terminal.
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Finding, type Lang } from '../core/findings.js';
import type { CaseResult, RunOfficial, RunResult, Verdict } from '../run/result.js';
import { caseTitle, decidingFindings } from './case-view.js';
import { humanMs, oneLine } from './format.js';
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

/** Control characters (ANSI escapes included) from an endpoint must not drive the terminal. */
export function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');
}

const MARK: Record<Verdict, string> = { passed: '✓', failed: '✗', error: '!', skipped: '-' };

const WORDS = {
  fr: {
    passed: 'réussi', failed: 'échec', error: 'erreur', skipped: 'non exécuté',
    favorable: 'FAVORABLE', 'favorable-with-reserves': 'FAVORABLE AVEC RÉSERVES', unfavorable: 'DÉFAVORABLE',
    failures: 'Échecs et erreurs', notes: 'Notes', summary: 'Bilan', verdict: 'Avis', reserves: 'Réserves',
    more: (n: number) => `… et ${n} autre(s) constat(s)`, cases: 'cas', blocking: 'bloquant', minor: 'mineur',
    official: 'Validateur officiel HL7', officialUnavailable: 'indisponible (voir les notes), recette faite avec le moteur sas-recette seul',
    disagreements: (n: number) => `${n} désaccord(s) avec sas-recette sur les erreurs de structure`,
    gates: 'ses erreurs font aussi échouer les cas', noGates: 'pour information, ne décide pas des verdicts',
  },
  en: {
    passed: 'passed', failed: 'failed', error: 'error', skipped: 'skipped',
    favorable: 'FAVOURABLE', 'favorable-with-reserves': 'FAVOURABLE WITH RESERVES', unfavorable: 'UNFAVOURABLE',
    failures: 'Failures and errors', notes: 'Notes', summary: 'Summary', verdict: 'Verdict', reserves: 'Reserves',
    more: (n: number) => `… and ${n} more finding(s)`, cases: 'cases', blocking: 'blocking', minor: 'minor',
    official: 'Official HL7 validator', officialUnavailable: 'unavailable (see the notes), run made with the sas-recette engine alone',
    disagreements: (n: number) => `${n} disagreement(s) with sas-recette on structural errors`,
    gates: 'its errors also fail the cases', noGates: 'for information, does not decide the verdicts',
  },
} as const;

export function consoleReporter(o: ConsoleReporterOptions): Reporter {
  const c = o.color;
  const w = WORDS[o.lang];
  const max = o.maxFindings ?? 8;
  let done = 0;
  const counts: Record<Verdict, number> = { passed: 0, failed: 0, error: 0, skipped: 0 };
  const paint: Record<Verdict, (s: string) => string> = { passed: c.green, failed: c.red, error: c.magenta, skipped: c.yellow };

  function caseLine(r: CaseResult): string {
    const mark = paint[r.verdict](MARK[r.verdict]);
    return `${mark} ${c.bold(r.id)}  ${safe(oneLine(caseTitle(r, o.lang), 100))} ${c.dim(`(${humanMs(r.durationMs, o.lang)})`)}\n`;
  }

  function findingLine(f: Finding): string {
    const where = safe(oneLine(f.location, 120));
    return `    ${c.red(f.ruleId)} ${c.dim(where)}\n      ${safe(oneLine(textOf(f.message, o.lang), 400))}\n`;
  }

  function officialLine(off: RunOfficial): string {
    const what = off.unavailable
      ? c.yellow(w.officialUnavailable)
      : `${safe(off.jar)}${off.version ? ` ${safe(off.version)}` : ''} — ${w.disagreements(off.disagreements)}; ${off.gates ? w.gates : w.noGates}`;
    return `  ${w.official}: ${what}\n`;
  }

  function failureBlock(r: CaseResult): string {
    const sev = r.severity === 'blocking' ? w.blocking : w.minor;
    let out = `${paint[r.verdict](MARK[r.verdict])} ${c.bold(r.id)} ${c.dim(`[${sev}]`)} ${safe(oneLine(caseTitle(r, o.lang), 120))}\n`;
    if (r.source) out += `    ${c.dim(r.source)}\n`;
    const deciding = decidingFindings(r);
    for (const f of deciding.slice(0, max)) out += findingLine(f);
    if (deciding.length > max) out += `    ${c.dim(w.more(deciding.length - max))}\n`;
    if (deciding.length === 0 && r.reason) out += `    ${safe(oneLine(textOf(r.reason, o.lang), 400))}\n`;
    return out;
  }

  return {
    name: 'console',
    onCaseEnd(r) {
      done += 1;
      counts[r.verdict] += 1;
      if (!o.live) {
        o.stdout(caseLine(r));
        return;
      }
      const tally = `${c.green(`${counts.passed}✓`)} ${c.red(`${counts.failed}✗`)}${counts.error ? ` ${c.magenta(`${counts.error}!`)}` : ''}`;
      o.stderr(`\r\u001b[2K[${done}/${o.total}] ${tally} ${r.id}`);
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
        for (const n of run.setupNotes) out += `  ${c.yellow('•')} ${textOf(n, o.lang)}\n`;
      }
      const s = run.summary;
      out += `\n${c.bold(w.summary)}\n`;
      for (const [group, g] of Object.entries(s.byGroup)) {
        out += `  ${group.padEnd(12)} ${g.total} ${w.cases}: ${c.green(`${g.passed} ${w.passed}`)}, ${g.failed ? c.red(`${g.failed} ${w.failed}`) : `0 ${w.failed}`}, ${g.error ? c.magenta(`${g.error} ${w.error}`) : `0 ${w.error}`}, ${g.skipped} ${w.skipped}\n`;
      }
      const verdictColor = s.overall === 'favorable' ? c.green : s.overall === 'unfavorable' ? c.red : c.yellow;
      out += `  ${c.bold(w.verdict)}: ${verdictColor(c.bold(w[s.overall]))} — ${s.passed}/${s.total} ${w.passed}\n`;
      if (s.reserves.length > 0) out += `  ${w.reserves}: ${s.reserves.join(', ')}\n`;
      if (run.official) out += officialLine(run.official);
      o.stdout(out);
      return [];
    },
  };
}
