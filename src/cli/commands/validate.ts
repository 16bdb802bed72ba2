/**
 * `sas-recette validate <file|->`: validates one FHIR JSON resource (usually a SAS search answer, or with
 * `--use-case appointment | sos-appointment` an Appointment of flux V3) against the SAS IG profiles and
 * the SAS rules. Declares the command; its work is src/cli/actions/validate.ts,
 * loaded when it runs (src/cli/commands/index.ts).
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { USE_CASES } from '../../core/model.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { FORMAT, IG, LANG, NOW, OFFICIAL_OPTIONS, PACKAGES } from '../shared-options.js';

/** The slot-search use cases of a run, and the two appointment flavours of flux V3 (validate only). */
const VALIDATE_USE_CASES = [...USE_CASES, 'appointment', 'sos-appointment'] as const;

export const VALIDATE_OPTIONS = optionTable({
  useCase: option({
    flags: '--use-case <case>',
    kind: 'value',
    choices: VALIDATE_USE_CASES,
    help: 'SAS use case: a search answer (psindiv, cpts, sos) or an Appointment sent to SAS (appointment: FrAppointmentSAS, sos-appointment: sas-sos-appointment); default: from meta.profile, else psindiv (an Appointment: appointment)',
  }),
  ig: IG,
  packages: PACKAGES,
  profile: option({
    flags: '--profile <canonical>',
    kind: 'value',
    help: 'profile for the root resource (default: from use case / meta.profile)',
  }),
  format: FORMAT,
  lang: LANG,
  all: option({
    flags: '--all',
    kind: 'flag',
    help: 'text output: list every finding (by default a warning or information repeated more than 3 times for one rule shows 3 and a count)',
  }),
  search: option({
    flags: '--search <query-or-url>',
    kind: 'value',
    help: 'the search the resource answers (enables the window/identifier rules)',
  }),
  now: NOW,
  ...OFFICIAL_OPTIONS,
});

export type ValidateOptions = OptionsOf<typeof VALIDATE_OPTIONS>;

const HELP = `
Examples:
  sas-recette validate reponse.json
  sas-recette validate reponse.json --use-case cpts --format json --lang en
  curl -s … | sas-recette validate - --search "$URL" --now 2026-03-02T08:00:00+01:00
  sas-recette validate reponse.json --packages ../fhir-packages
  sas-recette validate rdv.json --use-case appointment          # an Appointment sent to SAS (flux V3)
  sas-recette validate rdv-sos.json --use-case sos-appointment --lang en

Appointments (flux V3): with --use-case appointment or sos-appointment, or when meta.profile names
FrAppointmentSAS or sas-sos-appointment, the input is one Appointment, judged against that profile
and the SAS-APT rules; the output names the profile applied. To receive the editor's real calls:
sas-recette receive --help

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

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('validate')
    .description('validate a FHIR JSON resource (a SAS search answer, or an appointment sent to SAS) against the SAS IG profiles and rules')
    .argument('<file>', 'JSON file, or - to read standard input');
  addOptions(cmd, VALIDATE_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (file: string, opts: ValidateOptions) => {
      const { validateAction } = await import('../actions/validate.js');
      await validateAction(ctx, file, opts);
    });
}
