/**
 * `sas-recette mock`'s run: starts the reference editor, says where it listens and what it serves,
 * waits for Ctrl-C / SIGTERM (or the given promise), closes.
 */
import type { CliContext } from '../core/io.js';
import { startMockServer, type MockServer, type MockServerOptions } from './server.js';

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
export async function serveMock(
  ctx: CliContext,
  options: MockServerOptions,
  stopped: (server: MockServer) => Promise<unknown> = untilSignal,
): Promise<void> {
  const { io, color } = ctx;
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
