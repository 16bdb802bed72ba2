/**
 * `sas-recette mock`: runs the reference editor server on the JDD files (default: the three shipped
 * ones) until Ctrl-C / SIGTERM, optionally over mTLS and with named defects, so a recette can be
 * rehearsed on loopback and every check seen failing.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SetupError } from '../../core/errors.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../../jdd/load-jdd.js';
import { DEFECT_NAMES, describeDefects, parseDefectNames } from '../../mock/defects.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../mock/server.js';
import type { CliContext } from '../context.js';

export interface MockCommandOptions {
  jdd: string[];
  port: string;
  host: string;
  defect: string[];
  listDefects?: boolean;
  lang: string;
  cert?: string;
  key?: string;
  ca?: string;
  clientCn?: string;
  clientOu?: string;
  crl?: string;
  delay?: string;
}

const HELP = `
Serves GET <url>/Slot (PS individual, CPTS), GET <url>/Schedule (SOS Médecins) and GET <url>/metadata
from the JDD files; identifiers decide which entry answers.

Examples:
  sas-recette mock
  sas-recette mock --jdd datasets/recette-cpts.yaml --port 8081 --defect cpts-after-48h
  sas-recette mock --port 8443 --cert certs/server.crt --key certs/server.key --ca certs/ca.crt --crl certs/ca.crl \
                   --client-cn sas-recette-client --client-ou sas-recette      # after: sas-recette certs make
  sas-recette mock --defect slow --delay 9000
  sas-recette mock --list-defects

Exit codes: 0 stopped by Ctrl-C / SIGTERM · 2 usage or setup problem (bad JDD, port in use…)
`;

const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function integer(value: string | undefined, what: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new SetupError(`${what} must be an integer from 0 to ${max}, got "${value}"`);
  return Number(value);
}

/** The server options a command line asks for (files resolved against `cwd`). */
export function mockServerOptions(opts: MockCommandOptions, cwd: string): MockServerOptions {
  const files = opts.jdd.length > 0 ? opts.jdd.map((f) => resolve(cwd, f)) : [...SHIPPED_JDD_FILES];
  if ((opts.cert === undefined) !== (opts.key === undefined)) throw new SetupError('--cert and --key go together (server certificate and its key)');
  if (opts.cert === undefined && (opts.ca || opts.clientCn || opts.clientOu || opts.crl)) throw new SetupError('--ca, --crl, --client-cn and --client-ou need HTTPS: give --cert and --key too');
  if (opts.crl && !opts.ca) throw new SetupError('--crl needs --ca (the CRL is checked on client certificates)');
  return {
    jdd: files.map((f) => loadJdd(f)),
    port: integer(opts.port, '--port', 65535),
    host: opts.host,
    defects: parseDefectNames(opts.defect),
    delayMs: integer(opts.delay, '--delay', 3_600_000),
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

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Starts the server, prints where it listens, waits for `stopped`, closes. */
export async function runMock(opts: MockCommandOptions, ctx: CliContext, stopped: (server: MockServer) => Promise<unknown> = untilSignal): Promise<void> {
  const { io, color } = ctx;
  if (opts.listDefects) {
    io.stdout(`${describeDefects(opts.lang === 'en' ? 'en' : 'fr')}\n`);
    return;
  }
  const options = mockServerOptions(opts, io.cwd);
  const server = await startMockServer(options);
  const jdds = Array.isArray(options.jdd) ? options.jdd : [options.jdd];
  io.stdout(`${color.bold('sas-recette mock')}: reference editor listening on ${color.cyan(server.url)}\n`);
  for (const j of jdds) {
    io.stdout(`  JDD ${j.id} (${j.useCase}): ${j.practitioners.length} PS, ${j.cpts.length} CPTS, ${j.sos.length} SOS — ${j.file ?? ''}\n`);
  }
  if (options.tls) io.stdout(`  TLS: ${options.tls.caFile ? 'client certificate required (mTLS)' : 'server certificate only'}\n`);
  if (options.defects && options.defects.length > 0) io.stdout(`  ${color.yellow('defects')}: ${options.defects.join(', ')}\n`);
  if (options.delayMs) io.stdout(`  delay: ${options.delayMs} ms before each search answer\n`);
  io.stdout('  Ctrl-C to stop\n');
  try {
    await stopped(server);
  } finally {
    await server.close();
  }
  io.stdout('sas-recette mock: stopped\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('mock')
    .description('run the reference editor server (SAS slot searches served from JDD files)')
    .option('--jdd <file>', 'JDD file, repeatable (default: the three shipped JDDs)', collect, [])
    .option('--port <port>', 'TCP port (0: any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--defect <name>', `defect to show, repeatable or comma-separated (${DEFECT_NAMES.length} known: --list-defects)`, collect, [])
    .option('--list-defects', 'list the defects and what should catch them, then exit')
    .option('--lang <lang>', 'language of --list-defects (fr, en)', 'fr')
    .option('--cert <file>', 'server certificate (PEM): serve HTTPS')
    .option('--key <file>', 'key of the server certificate (PEM)')
    .option('--ca <file>', 'CA of the client certificates: require one (mTLS)')
    .option('--crl <file>', 'certificate revocation list (PEM) of the client CA: revoked client certificates are refused')
    .option('--client-cn <cn>', 'expected CN of client certificates (another CN gets 403)')
    .option('--client-ou <ou>', 'expected OU of client certificates (another OU gets 403)')
    .option('--delay <ms>', 'delay before each search answer (slow defect: 8000 by default)')
    .addHelpText('after', HELP)
    .action((opts: MockCommandOptions) => runMock(opts, ctx));
}
