/** The work of `sas-recette run` (declared in src/cli/commands/run.ts): reads the options, runs the cahier. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDuration, parseGrep, parseNow, parseUseCases } from '../../core/parse-values.js';
import { reporterNames } from '../../report/run-reporters.js';
import { runConnected } from '../../run/connected-run.js';
import { parseRunTimeout } from '../../run/run-guard.js';
import { commandLine } from '../command-line.js';
import type { RunOptions } from '../commands/run.js';
import type { CliContext } from '../context.js';

export async function runAction(ctx: CliContext, o: RunOptions, command: Command): Promise<void> {
  const abs = (f: string | undefined) => (f === undefined ? undefined : resolve(ctx.io.cwd, f));
  await runConnected(ctx, {
    baseUrl: o.baseUrl,
    jddFiles: o.jdd.map((f) => resolve(ctx.io.cwd, f)),
    cahier: o.cahier.map((f) => resolve(ctx.io.cwd, f)),
    useCases: parseUseCases(o.useCase),
    selection: { grep: parseGrep(o.grep), tags: o.tag, only: o.only },
    list: o.list,
    bail: o.bail,
    tls: { cert: abs(o.cert), key: abs(o.key), passphraseEnv: o.passphraseEnv, ca: abs(o.ca), insecure: o.insecure },
    tlsProfile: abs(o.tlsProfile),
    timeoutMs: parseDuration(o.timeout),
    runTimeoutMs: parseRunTimeout(o.runTimeout),
    now: parseNow(o.now),
    report: { format: o.format, lang: o.lang, outDir: resolve(ctx.io.cwd, o.out), names: reporterNames(o.reporter, o.pdf) },
    ig: o.ig,
    packages: o.packages.map((p) => resolve(ctx.io.cwd, p)),
    pvInfo: abs(o.pvInfo),
    declarations: abs(o.declarations),
    strict: o.strict,
    official: { officialValidator: o.officialValidator, officialValidatorGates: o.officialValidatorGates, officialTx: o.officialTx },
    command: commandLine(command),
  });
}
