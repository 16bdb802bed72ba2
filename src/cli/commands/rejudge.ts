/**
 * `sas-recette rejudge RUN`: judges the answers a run recorded again, offline, with the current rules,
 * cahier expectations and IG, and writes a new run (run.json, JUnit, PV) marked as re-judged, with its
 * diff with the original (diff.json, diff.html). Declares the command; its work is
 * src/cli/actions/rejudge.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, optionTable, type OptionsOf } from '../option-table.js';
import { CAHIER, IG, JDD, PACKAGES, REPORT_OPTIONS } from '../shared-options.js';

export const REJUDGE_OPTIONS = optionTable({
  cahier: CAHIER,
  jdd: { ...JDD, defaultHelp: "the run's recorded JDD files when they still exist, else the shipped ones" },
  ig: IG,
  packages: PACKAGES,
  ...REPORT_OPTIONS,
  strict: { ...REPORT_OPTIONS.strict, help: "official acceptance mode for the new run (default: the original run's mode)" },
});

export type RejudgeOptions = OptionsOf<typeof REJUDGE_OPTIONS>;

const HELP = `
Never calls the endpoint: the search, CapabilityStatement, error-contract and SSO-attestation cases are
played again by today's code against the answers the run recorded (run.json and its evidence/ files),
with the clock of the original run. The other cases (mTLS, TLS versions, latency, regulator accounts,
SSO visits, appointments received) are carried over with their verdict, marked "not re-measurable
offline"; so is a case whose request changed (other JDD or cahier), whose recorded body was cut, or that
got no answer. The new run goes to --out DIR/<start>-<run id>/ with diff.json and diff.html (the
comparison with the original); DIR/latest points at it.

Examples:
  sas-recette rejudge reports/latest                      # with the shipped cahier and the current IG
  sas-recette rejudge reports/20260302-080000-3f2c9a7e/run.json --ig ans.fhir.fr.sas#1.2.0 --packages ~/fhir
  sas-recette rejudge old/run.json --cahier testcases/ --jdd datasets/recette-cpts.yaml --lang en

Exit codes: 0 at least one case judged and none failed or errored · 1 a case failed or errored (re-judged
or carried over), nothing judged, or (--strict) a reserve remains · 2 usage or setup problem (a file that
is not a run, a missing or altered evidence file, a JDD or cahier that cannot be read)
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('rejudge')
    .description('judge the answers recorded in a run again, offline, with the current rules, cahier and IG')
    .argument('<run>', 'run.json written by "sas-recette run", or its folder (e.g. reports/latest)');
  addOptions(cmd, REJUDGE_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (run: string, o: RejudgeOptions, command: Command) => {
      const { rejudgeAction } = await import('../actions/rejudge.js');
      await rejudgeAction(ctx, run, o, command);
    });
}
