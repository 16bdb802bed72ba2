/**
 * `sas-recette demo`: starts the reference editor on loopback with the shipped JDDs, runs the shipped
 * cahier de recette against it and writes the reports. `--defect NAME` makes the editor misbehave,
 * to see the checks fail. Exit code: the run's (0 clean, 1 a case failed).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../../core/findings.js';
import { DEFAULT_IG } from '../../fhir/packages/index.js';
import { SHIPPED_JDD_FILES } from '../../jdd/load-jdd.js';
import { DEFECT_NAMES, parseDefectNames } from '../../mock/defects.js';
import { startMockServer } from '../../mock/server.js';
import type { CaseKind } from '../../run/kinds.js';
import { loadStructure, prepareRun, type StructureSetup } from '../../run/prepare.js';
import { registeredKinds } from '../../run/registered-kinds.js';
import { runAcceptance } from '../../run/run-acceptance.js';
import { makeUntrustedCertificate } from '../../transport/untrusted-cert.js';
import type { CliContext } from '../context.js';
import {
  addReportOptions,
  collect,
  commandLine,
  DEFAULT_REPORTERS,
  displayPathFrom,
  finishRun,
  makeReporters,
  parseDuration,
  reporterNames,
  settle,
  unsettle,
  validatorOf,
} from './run.js';

interface DemoOptions {
  defect: string[];
  out: string;
  reporter: string;
  format: 'text' | 'json';
  lang: Lang;
  timeout: string;
}

async function demoCommand(ctx: CliContext, o: DemoOptions, command: string): Promise<void> {
  const { io } = ctx;
  const defects = parseDefectNames(o.defect.flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean));
  const timeoutMs = parseDuration(o.timeout);
  const report = { format: o.format, lang: o.lang, outDir: resolve(io.cwd, o.out), names: reporterNames(o.reporter) };
  const deps: { definitions?: StructureSetup['index']; untrustedCertificate: typeof makeUntrustedCertificate } = {
    untrustedCertificate: makeUntrustedCertificate,
  };
  const kinds: CaseKind[] = registeredKinds(deps);
  // The packages load (file reads, gunzip) while the cahier is read and checked.
  const structurePending = settle(loadStructure({ ig: DEFAULT_IG, env: io.env }));
  const prepared = prepareRun({ jddFiles: [...SHIPPED_JDD_FILES], selection: {}, kinds });
  const reporters = makeReporters(ctx, report, prepared.plan.selected.length);
  const server = await startMockServer({ jdd: prepared.jdds, defects });
  let structure: StructureSetup;
  try {
    structure = await unsettle(structurePending);
  } catch (err) {
    await server.close();
    throw err;
  }
  deps.definitions = structure.index;
  if (!structure.index) io.stderr(ctx.color.yellow(`${structure.notes[0][o.lang]}\n`));

  const say = o.format === 'json' ? io.stderr : io.stdout;
  say(
    ctx.color.dim(
      `Reference editor / éditeur de référence: ${server.url}${defects.length ? ` (defects / défauts: ${defects.join(', ')})` : ''}\n\n`,
    ),
  );
  try {
    const run = await runAcceptance({
      prepared,
      baseUrl: server.url,
      now: new Date(),
      http: { timeoutMs, env: io.env },
      kinds,
      structure,
      validate: validatorOf(structure),
      lang: o.lang,
      command,
      displayPath: displayPathFrom(io.cwd),
      onCaseEnd: (c) => reporters.console?.onCaseEnd?.(c),
    });
    await finishRun(ctx, run, reporters, o.format);
  } finally {
    await server.close();
  }
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('demo')
    .description('run the shipped cahier de recette against the embedded reference editor, on loopback')
    .option('--defect <name>', `make the reference editor misbehave (repeatable): ${DEFECT_NAMES.join(', ')}`, collect, [])
    .option('--timeout <duration>', 'hard deadline per request', '7s');
  addReportOptions(cmd, DEFAULT_REPORTERS).action(async (opts: DemoOptions, command: Command) => {
    await demoCommand(ctx, opts, commandLine(command));
  });
}
