/** The work of `sas-recette run` (declared in src/cli/commands/run.ts): reads the options, runs the cahier. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SetupError } from '../../core/errors.js';
import { parseDuration, parseGrep, parseNow, parseUseCases, parseWholeNumber } from '../../core/parse-values.js';
import type { ReceiveSettings } from '../../flows/index.js';
import { reporterNames } from '../../report/run-reporters.js';
import { runConnected, type ConnectedRun } from '../../run/connected-run.js';
import { parseRunTimeout } from '../../run/run-guard.js';
import { commandLine } from '../command-line.js';
import type { RunOptions } from '../commands/run.js';
import type { CliContext } from '../context.js';

export async function runAction(ctx: CliContext, o: RunOptions, command: Command): Promise<void> {
  const abs = (f: string | undefined) => (f === undefined ? undefined : resolve(ctx.io.cwd, f));
  const run: ConnectedRun = {
    baseUrl: o.baseUrl,
    jddFiles: o.jdd.map((f) => resolve(ctx.io.cwd, f)),
    cahier: o.cahier.map((f) => resolve(ctx.io.cwd, f)),
    useCases: parseUseCases(o.useCase),
    selection: { grep: parseGrep(o.grep), tags: o.tag, only: o.only },
    list: o.list,
    bail: o.bail,
    tls: { cert: abs(o.cert), key: abs(o.key), passphraseEnv: o.passphraseEnv, ca: abs(o.ca), insecure: o.insecure },
    tlsProfile: abs(o.tlsProfile),
    receive: receiveSettings(o, abs),
    timeoutMs: parseDuration(o.timeout),
    runTimeoutMs: parseRunTimeout(o.runTimeout),
    now: parseNow(o.now),
    report: {
      format: o.format,
      lang: o.lang,
      outDir: resolve(ctx.io.cwd, o.out),
      names: reporterNames(o.reporter, o.pdf),
      packages: o.packages.map((p) => resolve(ctx.io.cwd, p)),
    },
    ig: o.ig,
    packages: o.packages.map((p) => resolve(ctx.io.cwd, p)),
    pvInfo: abs(o.pvInfo),
    declarations: abs(o.declarations),
    strict: o.strict,
    official: { officialValidator: o.officialValidator, officialValidatorGates: o.officialValidatorGates, officialTx: o.officialTx },
    command: commandLine(command),
  };
  if (o.dryRun) {
    const { dryRunConnected } = await import('../../run/dry-run.js');
    dryRunConnected(ctx, run);
    return;
  }
  await runConnected(ctx, run);
}

/**
 * The SAS side of flux V3 (`--receive-*`): HTTPS with the given certificate (mTLS when `--receive-ca`
 * is given), plain HTTP with `--receive-port` alone (the flux-v3 cases then say mTLS was not checked).
 * Neither: no SAS side, and the flux-v3 cases are skipped with the options to give (a run never waits
 * for appointments nobody was told to send).
 */
function receiveSettings(o: RunOptions, abs: (f: string | undefined) => string | undefined): ReceiveSettings | undefined {
  if ((o.receiveCert === undefined) !== (o.receiveKey === undefined))
    throw new SetupError({ fr: '--receive-cert et --receive-key vont ensemble', en: '--receive-cert and --receive-key go together' });
  if (o.receiveCa !== undefined && o.receiveCert === undefined)
    throw new SetupError({
      fr: '--receive-ca (mTLS) demande un certificat du côté SAS\u00a0: --receive-cert et --receive-key',
      en: '--receive-ca (mTLS) needs a certificate for the SAS side: --receive-cert and --receive-key',
    });
  if (o.receiveCert === undefined && o.receivePort === undefined) return undefined;
  const certFile = abs(o.receiveCert);
  const keyFile = abs(o.receiveKey);
  const caFile = abs(o.receiveCa);
  return {
    host: o.receiveHost ?? '127.0.0.1',
    port: parseWholeNumber(o.receivePort, '--receive-port', 65535) ?? 0,
    waitMs: parseDuration(o.receiveWait, '--receive-wait'),
    ...(certFile && keyFile ? { tls: { certFile, keyFile, ...(caFile ? { caFile } : {}) } } : {}),
  };
}
