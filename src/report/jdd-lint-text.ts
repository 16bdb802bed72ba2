/**
 * `sas-recette jdd check` as text: a JDD's problems (`file:line:col`), the roles the cahier asks for and
 * the entries that fill them, the cases not applicable with it, and the counts.
 */
import type { ChalkInstance } from 'chalk';
import type { JddLint } from '../cahier/jdd-lint.js';
import type { Lang } from '../core/findings.js';
import { colon } from '../core/typography.js';
import { formatLocated } from '../yaml/load-located-yaml.js';

const T = {
  fr: {
    roles: 'Rôles demandés par le cahier',
    none: "aucun rôle demandé par le cahier pour ce cas d'usage",
    missing: 'NON REMPLI',
    optional: 'facultatif',
    cases: 'cas',
    na: 'Cas non applicables avec ce JDD',
    summary: (e: number, w: number, n: number, c: number) =>
      `${e} erreur(s), ${w} avertissement(s)\u00a0; ${c - n} cas sur ${c} applicables`,
  },
  en: {
    roles: 'Roles the cahier asks for',
    none: 'the cahier asks for no role in this use case',
    missing: 'NOT FILLED',
    optional: 'optional',
    cases: 'cases',
    na: 'Cases not applicable with this JDD',
    summary: (e: number, w: number, n: number, c: number) => `${e} error(s), ${w} warning(s); ${c - n} of ${c} cases applicable`,
  },
};

export function formatLintText(lint: JddLint, lang: Lang, color: ChalkInstance): string {
  const t = T[lang];
  const c = colon(lang);
  const out: string[] = [];
  out.push(
    color.bold(
      `JDD ${lint.file}${lint.jdd ? ` — ${lint.jdd.id} (${lint.jdd.useCase}, ${lint.jdd.entries} ${lang === 'fr' ? 'entrée(s)' : 'entries'})` : ''}`,
    ),
  );
  for (const p of lint.problems) {
    const mark = p.severity === 'error' ? color.red('✗') : color.yellow('!');
    out.push(`  ${mark} ${formatLocated(p, lang)}`);
  }
  if (lint.jdd) {
    out.push(`  ${t.roles}${c}${lint.roles.length === 0 ? ` ${t.none}` : ''}`);
    for (const r of lint.roles) {
      const filled = r.filled ? r.entries.map((e) => `${e.key} (${e.identifier})`).join(', ') : color.yellow(t.missing);
      const opt = r.optionalOnly ? ` [${t.optional}]` : '';
      out.push(
        `    ${r.role}${opt} → ${filled}  ${color.dim(`${r.summary[lang]}${lang === 'fr' ? '\u00a0;' : ';'} ${t.cases}${c} ${r.cases.join(', ')}`)}`,
      );
    }
    if (lint.notApplicable.length > 0) {
      out.push(`  ${t.na}${c}`);
      for (const na of lint.notApplicable) out.push(`    ${na.caseId} — ${na.reason[lang]}`);
    }
  }
  const errors = lint.problems.filter((p) => p.severity === 'error').length;
  const warnings = lint.problems.length - errors;
  const line = t.summary(errors, warnings, lint.notApplicable.length, lint.cases);
  out.push(`  ${errors > 0 ? color.red(line) : line}`);
  return `${out.join('\n')}\n`;
}
