/**
 * `sas-recette validate <file|->`: validates one FHIR JSON resource (usually a SAS search answer) against
 * the SAS IG profiles and the SAS rules. Parses options and prints; the work is in src/validate/.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from '../context.js';
import type { Lang } from '../../core/findings.js';
import { DEFAULT_IG, defaultPackageSources } from '../../fhir/packages/index.js';
import { USE_CASES, type UseCase } from '../../run/result.js';
import { parseSearch } from '../../sas/search.js';
import { formatJson, formatText, parseNow, validateFile } from '../../validate/index.js';

interface ValidateCliOptions {
  useCase?: UseCase;
  ig: string;
  packages: string[];
  profile?: string;
  format: 'text' | 'json';
  lang: Lang;
  search?: string;
  now?: string;
}

const HELP = `
Examples:
  sas-recette validate reponse.json
  sas-recette validate reponse.json --use-case cpts --format json --lang en
  curl -s … | sas-recette validate - --search "$URL" --now 2026-03-02T08:00:00+01:00
  sas-recette validate reponse.json --packages ../fhir-packages

Packages: --packages DIR (repeatable), else SAS_RECETTE_PACKAGES (path-delimiter separated), else
~/.fhir/packages. Missing IG: sas-recette ig install ans.fhir.fr.sas#1.2.0 --from FILE.tgz

Exit codes: 0 no error (warnings allowed) · 1 at least one error or fatal finding · 2 usage or setup problem
`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function register(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('validate a FHIR JSON resource (a SAS search answer) against the SAS IG profiles and rules')
    .argument('<file>', 'JSON file, or - to read standard input')
    .addOption(new Option('--use-case <case>', 'SAS use case (default: from meta.profile, else psindiv)').choices(USE_CASES))
    .option('--ig <id#version>', 'IG package to validate against', DEFAULT_IG)
    .addOption(
      new Option('--packages <dir>', 'FHIR package folder, FHIR cache or .tgz (repeatable)')
        .argParser(collect)
        .default([], 'SAS_RECETTE_PACKAGES, else ~/.fhir/packages'),
    )
    .option('--profile <canonical>', 'profile for the root resource (default: from use case / meta.profile)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(['fr', 'en']).default('fr'))
    .option('--search <query-or-url>', 'the search the resource answers (enables the window/identifier rules)')
    .option('--now <iso-datetime>', 'clock the rules judge against, with an offset (default: now)')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: ValidateCliOptions) => {
      const { io } = ctx;
      const now = opts.now !== undefined ? parseNow(opts.now) : new Date();
      const search = opts.search !== undefined ? parseSearch(opts.search) : undefined;
      const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
      const report = await validateFile({
        input: file,
        from: io,
        sources,
        ig: opts.ig,
        profile: opts.profile,
        useCase: opts.useCase,
        now,
        search,
      });
      io.stdout(opts.format === 'json' ? formatJson(report, opts.lang) : formatText(report, { lang: opts.lang, color: ctx.color }));
      ctx.setExitCode(report.valid ? 0 : 1);
    });
}
