/**
 * `sas-recette verify DIR`: proves a run folder is what the run wrote, months later. Every file is
 * measured again against the folder's manifest (manifest.json, itself checked through SHA256SUMS), the
 * FHIR packages against this machine's package sources; prints the manifest's fingerprint, the one the
 * run's PV carries. Exit 0 intact, 1 a file changed, missing or added (or a package changed), 2 not a run
 * folder. Declares the command; its work is src/cli/actions/verify.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, optionTable, type OptionsOf } from '../option-table.js';
import { FORMAT, LANG, PACKAGES } from '../shared-options.js';

export const VERIFY_COMMAND_OPTIONS = optionTable({
  format: { ...FORMAT, help: 'output: text, or json (the whole verification on stdout)' },
  packages: { ...PACKAGES, help: 'where to find the FHIR packages of the run again, as for run: folder, FHIR cache or .tgz (repeatable)' },
  lang: LANG,
});

export type VerifyOptions = OptionsOf<typeof VERIFY_COMMAND_OPTIONS>;

const HELP = `
DIR is a run's folder (reports/20260302-080000-3f2c9a7e), its run.json, reports/latest, or a reports
folder (its latest run). Every run writes manifest.json (SHA-256 and size of each report, evidence and
input file, the cahier and JDD copied into inputs/, the FHIR packages used) and SHA256SUMS (manifest.json
and the PV files, which show the manifest's fingerprint; "sha256sum -c SHA256SUMS" checks them by hand).
A package not found on this machine is said "not checked here": not a failure.

Examples:
  sas-recette verify reports/latest
  sas-recette verify reports/20260302-080000-3f2c9a7e --packages ~/fhir-packages
  sas-recette verify reports/latest/run.json --format json --lang en

Exit codes: 0 intact · 1 a file changed, is missing or was added, or a package changed · 2 not a run
folder, a run made before manifests existed, or usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('verify')
    .description('check a run folder against its manifest (SHA-256 of every report, evidence and input file, FHIR packages)')
    .argument('<dir>', "the run's folder, its run.json or reports/latest");
  addOptions(cmd, VERIFY_COMMAND_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (dir: string, opts: VerifyOptions) => {
      const { verifyAction } = await import('../actions/verify.js');
      await verifyAction(ctx, dir, opts);
    });
}
