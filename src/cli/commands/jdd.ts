/**
 * `sas-recette jdd check FILE... [--cahier DIR] [--lang fr|en] [--format text|json]`: the JDD linter,
 * before any call to the editor. Exit 0 when the JDDs are fit (warnings allowed: missing roles only
 * make cases not-applicable), 1 when a JDD has problems, 2 on usage or an unreadable file.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { CliContext } from '../context.js';
import { SetupError } from '../../core/errors.js';
import type { Lang } from '../../core/findings.js';
import { defaultCahierDir, loadCahier } from '../../cahier/load-cahier.js';
import { hasErrors, lintJdd, type JddLint } from '../../jdd/lint.js';

interface Options {
  cahier?: string[];
  lang: Lang;
  format: 'text' | 'json';
}

function readable(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new SetupError(`JDD not found: ${file}`, 'give the path of a JDD file (datasets/recette-psindiv.yaml…)');
  }
  if (!isFile) throw new SetupError(`JDD ${file} is not a file`, 'give the path of a JDD file, not a folder');
}

const T = {
  fr: { roles: 'Rôles demandés par le cahier', none: 'aucun rôle demandé par le cahier pour ce cas d\'usage', missing: 'NON REMPLI', optional: 'facultatif', cases: 'cas', na: 'Cas non applicables avec ce JDD', summary: (e: number, w: number, n: number, c: number) => `${e} erreur(s), ${w} avertissement(s) ; ${c - n} cas sur ${c} applicables` },
  en: { roles: 'Roles the cahier asks for', none: 'the cahier asks for no role in this use case', missing: 'NOT FILLED', optional: 'optional', cases: 'cases', na: 'Cases not applicable with this JDD', summary: (e: number, w: number, n: number, c: number) => `${e} error(s), ${w} warning(s); ${c - n} of ${c} cases applicable` },
};

export function formatLintText(lint: JddLint, lang: Lang, color: ChalkInstance): string {
  const t = T[lang];
  const out: string[] = [];
  out.push(color.bold(`JDD ${lint.file}${lint.jdd ? ` — ${lint.jdd.id} (${lint.jdd.useCase}, ${lint.jdd.entries} ${lang === 'fr' ? 'entrée(s)' : 'entries'})` : ''}`));
  for (const p of lint.problems) {
    const mark = p.severity === 'error' ? color.red('✗') : color.yellow('!');
    out.push(`  ${mark} ${p.file}:${p.line}:${p.col}${p.field ? ` ${lang === 'fr' ? 'champ' : 'field'} "${p.field}"` : ''}: ${p.message[lang]}`);
  }
  if (lint.jdd) {
    const colon = lang === 'fr' ? ' :' : ':';
    out.push(`  ${t.roles}${colon}${lint.roles.length === 0 ? ` ${t.none}` : ''}`);
    for (const r of lint.roles) {
      const filled = r.filled ? r.entries.map((e) => `${e.key} (${e.identifier})`).join(', ') : color.yellow(t.missing);
      const opt = r.optionalOnly ? ` [${t.optional}]` : '';
      out.push(`    ${r.role}${opt} → ${filled}  ${color.dim(`${r.summary[lang]}; ${t.cases}${colon} ${r.cases.join(', ')}`)}`);
    }
    if (lint.notApplicable.length > 0) {
      out.push(`  ${t.na}${colon}`);
      for (const na of lint.notApplicable) out.push(`    ${na.caseId} — ${na.reason[lang]}`);
    }
  }
  const errors = lint.problems.filter((p) => p.severity === 'error').length;
  const warnings = lint.problems.length - errors;
  const line = t.summary(errors, warnings, lint.notApplicable.length, lint.cases);
  out.push(`  ${errors > 0 ? color.red(line) : line}`);
  return `${out.join('\n')}\n`;
}

export function register(program: Command, ctx: CliContext): void {
  const jdd = program.command('jdd').description('JDD (test data set) tools');
  jdd
    .command('check')
    .description('check JDD files before a run: schema, identifiers, roles each entry plays and roles the cahier needs')
    .argument('<files...>', 'JDD files (datasets/recette-psindiv.yaml…)')
    .addOption(new Option('--cahier <dir>', 'cahier de recette folder or file (repeatable; default: the shipped testcases/)').argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]))
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(['fr', 'en']).default('fr'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((files: string[], opts: Options) => {
      const { io } = ctx;
      const paths = files.map((f) => resolve(io.cwd, f));
      paths.forEach(readable);
      const cases = loadCahier(opts.cahier && opts.cahier.length > 0 ? opts.cahier.map((c) => resolve(io.cwd, c)) : defaultCahierDir());
      const lints = paths.map((f) => lintJdd(f, cases));
      if (opts.format === 'json') io.stdout(`${JSON.stringify({ files: lints.map((l) => ({ ...l, ok: !hasErrors(l) })) }, null, 2)}\n`);
      else io.stdout(lints.map((l) => formatLintText(l, opts.lang, ctx.color)).join('\n'));
      ctx.setExitCode(lints.some(hasErrors) ? 1 : 0);
    });
}
