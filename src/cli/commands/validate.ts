/**
 * `sas-recette validate <file|->`: validates one FHIR JSON resource (usually a SAS search answer) against
 * the SAS IG profiles and the SAS rules. Parses options and prints; the work is in src/validate/.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { SetupError } from '../../core/errors.js';
import { textOf, type Lang } from '../../core/findings.js';
import { DEFAULT_IG, defaultPackageSources } from '../../fhir/packages/index.js';
import { USE_CASES, type UseCase } from '../../core/model.js';
import { parseSearch } from '../../sas/search.js';
import { formatJson, formatText, parseNow, validateFile, type OfficialFileOptions } from '../../validate/index.js';

interface ValidateCliOptions {
  useCase?: UseCase;
  ig: string;
  packages: string[];
  profile?: string;
  format: 'text' | 'json';
  lang: Lang;
  search?: string;
  now?: string;
  officialValidator?: string;
  officialValidatorGates?: boolean;
  officialTx?: string;
  all?: boolean;
}

const HELP = `
Examples:
  sas-recette validate reponse.json
  sas-recette validate reponse.json --use-case cpts --format json --lang en
  curl -s … | sas-recette validate - --search "$URL" --now 2026-03-02T08:00:00+01:00
  sas-recette validate reponse.json --packages ../fhir-packages

Packages: --packages DIR (repeatable), else SAS_RECETTE_PACKAGES (path-delimiter separated), else
~/.fhir/packages. Missing IG: sas-recette ig install ans.fhir.fr.sas#1.2.0 --from FILE.tgz

Official HL7 validator (optional, Java; see docs/official-validator.md):
  sas-recette validate reponse.json --use-case cpts --official-validator ~/tools/validator_cli.jar
Its findings are shown in their own section with the disagreements between the two engines; they do
not change the exit code unless --official-validator-gates is given. Without java or the jar, a
warning is shown and validation goes on with the sas-recette engine alone.

Exit codes: 0 no error (warnings allowed) · 1 at least one error or fatal finding (with
--official-validator-gates, of the official validator too) · 2 usage or setup problem
`;

/** The official validator's options, or nothing; its companion options without it are a usage error. */
export function officialFileOptions(
  o: { officialValidator?: string; officialValidatorGates?: boolean; officialTx?: string },
  ctx: CliContext,
  onStart: () => void,
): OfficialFileOptions | undefined {
  if (!o.officialValidator) {
    const orphan = o.officialValidatorGates ? '--official-validator-gates' : o.officialTx !== undefined ? '--official-tx' : undefined;
    if (orphan) throw new SetupError(`${orphan} needs --official-validator JAR`, 'e.g. --official-validator ~/tools/validator_cli.jar');
    return undefined;
  }
  const { io } = ctx;
  return {
    jar: o.officialValidator,
    gates: Boolean(o.officialValidatorGates),
    ...(o.officialTx !== undefined ? { txServer: o.officialTx } : {}),
    env: io.env,
    cwd: io.cwd,
    ...(io.env.SAS_RECETTE_DEBUG ? { log: (line: string) => io.stderr(`${line}\n`) } : {}),
    onStart,
  };
}

export const OFFICIAL_STARTING = {
  fr: 'Démarrage du validateur officiel HL7 (le chargement des paquets peut prendre quelques minutes)…',
  en: 'Starting the official HL7 validator (loading the packages may take a few minutes)…',
};

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
    .option('--all', 'text output: list every finding (by default a warning or information repeated more than 3 times for one rule shows 3 and a count)')
    .option('--search <query-or-url>', 'the search the resource answers (enables the window/identifier rules)')
    .option('--now <iso-datetime>', 'clock the rules judge against, with an offset (default: now)')
    .option('--official-validator <jar>', 'also check with the official HL7 validator (path to validator_cli.jar; needs java), shown apart')
    .option('--official-validator-gates', 'official validator errors also count in the verdict and exit code')
    .option('--official-tx <url>', 'terminology server for the official validator (default: none, -tx n/a)')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: ValidateCliOptions) => {
      const { io } = ctx;
      const now = opts.now !== undefined ? parseNow(opts.now) : new Date();
      const search = opts.search !== undefined ? parseSearch(opts.search) : undefined;
      const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
      const official = officialFileOptions(opts, ctx, () => io.stderr(ctx.color.dim(`${textOf(OFFICIAL_STARTING, opts.lang)}\n`)));
      const report = await validateFile({
        input: file,
        from: io,
        sources,
        ig: opts.ig,
        profile: opts.profile,
        useCase: opts.useCase,
        now,
        search,
        ...(official ? { official } : {}),
      });
      // In JSON the unavailable reason is in `official.unavailable`; say it on stderr too.
      const unavailable = report.official?.unavailable;
      if (unavailable && opts.format === 'json') io.stderr(ctx.color.yellow(`${textOf(unavailable, opts.lang)}\n`));
      io.stdout(opts.format === 'json' ? formatJson(report, opts.lang) : formatText(report, { lang: opts.lang, color: ctx.color, all: Boolean(opts.all) }));
      ctx.setExitCode(report.valid ? 0 : 1);
    });
}
