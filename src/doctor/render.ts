/**
 * The doctor's checklist as console text (grouped, one mark per check, the fix under it, the counts
 * and what they mean for a run) or as JSON (`--format json`: the report with the texts in the chosen
 * language). Paths, host names and header values come from the user or the endpoint: every line goes
 * through terminalSafe.
 */
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/findings.js';
import { colon } from '../core/typography.js';
import { terminalSafe } from '../report/terminal.js';
import { GROUPS, type CheckGroup, type CheckStatus, type DoctorReport } from './checklist.js';

const T = {
  fr: {
    title: 'sas-recette doctor — vérifications avant un run',
    groups: {
      certificates: 'Certificats',
      packages: 'Packages FHIR',
      jdd: 'JDD',
      proxy: 'Proxy',
      network: 'Réseau',
      tls: 'TLS',
      clock: 'Horloge',
    } satisfies Record<CheckGroup, string>,
    fix: 'à faire',
    counts: (s: DoctorReport['summary']) =>
      `${s.ok} ok, ${s.warning} avertissement(s), ${s.blocking} bloquant(s), ${s['not-checked']} non vérifié(s)`,
    blocked: 'Un run ne peut pas se faire ainsi\u00a0: corriger les points bloquants (✗).',
    clear: 'Rien ne bloque un run.',
  },
  en: {
    title: 'sas-recette doctor — checks before a run',
    groups: {
      certificates: 'Certificates',
      packages: 'FHIR packages',
      jdd: 'JDD',
      proxy: 'Proxy',
      network: 'Network',
      tls: 'TLS',
      clock: 'Clock',
    } satisfies Record<CheckGroup, string>,
    fix: 'fix',
    counts: (s: DoctorReport['summary']) => `${s.ok} ok, ${s.warning} warning(s), ${s.blocking} blocking, ${s['not-checked']} not checked`,
    blocked: 'A run cannot go this way: fix the blocking points (✗).',
    clear: 'Nothing blocks a run.',
  },
} as const;

const MARKS: Record<CheckStatus, string> = { ok: '✓', warning: '!', blocking: '✗', 'not-checked': '–' };

export function renderText(report: DoctorReport, lang: Lang, color: ChalkInstance): string {
  const t = T[lang];
  const paint: Record<CheckStatus, (s: string) => string> = {
    ok: color.green,
    warning: color.yellow,
    blocking: color.red,
    'not-checked': color.dim,
  };
  const out: string[] = [color.bold(t.title)];
  if (report.baseUrl) out.push(color.dim(terminalSafe(report.baseUrl)));
  for (const group of GROUPS) {
    const checks = report.checks.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    out.push('', color.bold(t.groups[group]));
    for (const c of checks) {
      out.push(`  ${paint[c.status](MARKS[c.status])} ${terminalSafe(c.message[lang])}`);
      for (const d of c.details ?? []) out.push(color.dim(`      ${terminalSafe(d[lang])}`));
      if (c.fix && c.status !== 'ok') out.push(`      → ${t.fix}${colon(lang)} ${terminalSafe(c.fix[lang])}`);
    }
  }
  out.push('', t.counts(report.summary));
  out.push(report.summary.blocking > 0 ? color.red(t.blocked) : color.green(t.clear));
  return `${out.join('\n')}\n`;
}

/** The report with each text in `lang` (what a script reads), ids and statuses unchanged. */
export function renderJson(report: DoctorReport, lang: Lang): string {
  const checks = report.checks.map((c) => ({
    id: c.id,
    group: c.group,
    status: c.status,
    message: c.message[lang],
    ...(c.fix ? { fix: c.fix[lang] } : {}),
    ...(c.details ? { details: c.details.map((d) => d[lang]) } : {}),
    ...(c.ms !== undefined ? { ms: c.ms } : {}),
  }));
  return `${JSON.stringify({ ...report, checks, blocked: report.summary.blocking > 0 }, null, 2)}\n`;
}
