/**
 * `sas-recette mock`'s run: starts the reference editor, says where it listens and what it serves,
 * waits for Ctrl-C / SIGTERM (or the given promise), closes.
 */
import type { Lang } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import { colon } from '../core/typography.js';
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

const WORDS = {
  fr: {
    listening: 'éditeur de référence à l’écoute sur',
    tls: (mtls: boolean) => `TLS\u00a0: ${mtls ? 'certificat client exigé (mTLS)' : 'certificat serveur seul'}`,
    defects: 'défauts',
    delay: (ms: number) => `délai\u00a0: ${ms} ms avant chaque réponse de recherche`,
    booking: (origin: string) =>
      `site de réservation (flux V2, sans certificat client)\u00a0: ${origin} — pour jouer flux-v2 contre cet éditeur, donner au JDD bookingBaseUrl ${origin}/sas/rdv (SOS\u00a0: ${origin}/sos/rdv)`,
    stop: 'Ctrl-C pour arrêter',
    stopped: 'arrêté',
  },
  en: {
    listening: 'reference editor listening on',
    tls: (mtls: boolean) => `TLS: ${mtls ? 'client certificate required (mTLS)' : 'server certificate only'}`,
    defects: 'defects',
    delay: (ms: number) => `delay: ${ms} ms before each search answer`,
    booking: (origin: string) =>
      `booking site (flux V2, no client certificate): ${origin} — to play flux-v2 against this editor, give the JDD bookingBaseUrl ${origin}/sas/rdv (SOS: ${origin}/sos/rdv)`,
    stop: 'Ctrl-C to stop',
    stopped: 'stopped',
  },
};

/** Starts the server, prints where it listens (in `lang`), waits for `stopped`, closes. */
export async function serveMock(
  ctx: CliContext,
  options: MockServerOptions,
  lang: Lang,
  stopped: (server: MockServer) => Promise<unknown> = untilSignal,
): Promise<void> {
  const { io, color } = ctx;
  const w = WORDS[lang];
  const c = colon(lang);
  const server = await startMockServer(options);
  const jdds = Array.isArray(options.jdd) ? options.jdd : [options.jdd];
  io.stdout(`${color.bold('sas-recette mock')}${c} ${w.listening} ${color.cyan(server.url)}\n`);
  for (const j of jdds) {
    io.stdout(
      `  JDD ${j.id} (${j.useCase})${c} ${j.practitioners.length} PS, ${j.cpts.length} CPTS, ${j.sos.length} SOS — ${j.file ?? ''}\n`,
    );
  }
  if (options.tls) io.stdout(`  ${w.tls(Boolean(options.tls.caFile))}\n`);
  io.stdout(`  ${w.booking(server.bookingOrigin)}\n`);
  if (options.defects && options.defects.length > 0) io.stdout(`  ${color.yellow(w.defects)}${c} ${options.defects.join(', ')}\n`);
  if (options.delayMs) io.stdout(`  ${w.delay(options.delayMs)}\n`);
  io.stdout(`  ${w.stop}\n`);
  try {
    await stopped(server);
  } finally {
    await server.close();
  }
  io.stdout(`sas-recette mock${c} ${w.stopped}\n`);
}
