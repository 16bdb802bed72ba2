/**
 * The work of `sas-recette mock` (declared in src/cli/commands/mock.ts): lists the defects, or serves the
 * reference editor with the server options the command line asks for.
 */
import { resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../../jdd/load-jdd.js';
import { describeDefects, parseDefectNames } from '../../mock/defects.js';
import { parseWholeNumber } from '../../core/parse-values.js';
import { serveMock } from '../../mock/serve-mock.js';
import type { MockServerOptions } from '../../mock/server.js';
import type { MockCommandOptions } from '../commands/mock.js';
import type { CliRunContext } from '../run-lang.js';

export async function mockAction(ctx: CliRunContext, opts: MockCommandOptions): Promise<void> {
  if (opts.listDefects) ctx.io.stdout(`${describeDefects(ctx.lang)}\n`);
  else await serveMock(ctx, mockServerOptions(opts, ctx.io.cwd), ctx.lang);
}

/** The server options a command line asks for (files resolved against `cwd`). */
export function mockServerOptions(opts: MockCommandOptions, cwd: string): MockServerOptions {
  const files = opts.jdd.length > 0 ? opts.jdd.map((f) => resolve(cwd, f)) : [...SHIPPED_JDD_FILES];
  if ((opts.cert === undefined) !== (opts.key === undefined))
    throw new SetupError({
      fr: '--cert et --key vont ensemble (certificat du serveur et sa clé)',
      en: '--cert and --key go together (server certificate and its key)',
    });
  if (opts.cert === undefined && (opts.ca || opts.clientCn || opts.clientOu || opts.crl))
    throw new SetupError({
      fr: '--ca, --crl, --client-cn et --client-ou demandent HTTPS\u00a0: donner aussi --cert et --key',
      en: '--ca, --crl, --client-cn and --client-ou need HTTPS: give --cert and --key too',
    });
  if (opts.crl && !opts.ca)
    throw new SetupError({
      fr: '--crl demande --ca (la CRL sert à vérifier les certificats clients)',
      en: '--crl needs --ca (the CRL is checked on client certificates)',
    });
  const port = parseWholeNumber(opts.port, '--port', 65535);
  const bookingPort = parseWholeNumber(opts.bookingPort, '--booking-port', 65535) ?? (port && port < 65535 ? port + 1 : 0);
  return {
    jdd: files.map((f) => loadJdd(f)),
    port,
    bookingPort,
    host: opts.host,
    defects: parseDefectNames(opts.defect),
    delayMs: parseWholeNumber(opts.delay, '--delay', 3_600_000),
    ...(opts.cert && opts.key
      ? {
          tls: {
            certFile: resolve(cwd, opts.cert),
            keyFile: resolve(cwd, opts.key),
            ...(opts.ca ? { caFile: resolve(cwd, opts.ca) } : {}),
            ...(opts.crl ? { crlFile: resolve(cwd, opts.crl) } : {}),
            ...(opts.clientCn ? { expectCn: opts.clientCn } : {}),
            ...(opts.clientOu ? { expectOu: opts.clientOu } : {}),
          },
        }
      : {}),
  };
}
