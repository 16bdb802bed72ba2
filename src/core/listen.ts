/**
 * Starting a server the tool opens (the reference editor, its booking site, SAS's side of flux V3):
 * listen, and say a port already in use as a setup problem (exit 2) naming the server and the option
 * that moves it, never as a stack trace. Resolves with the port actually bound (0 picks a free one).
 */
import type { Server as HttpServer } from 'node:http';
import type { Server } from 'node:net';
import { SetupError } from './errors.js';
import type { Message } from './findings.js';
import { NBSP } from './typography.js';

export interface ListenOptions {
  port: number;
  host: string;
  /** What listens, for the messages: `{ fr: 'le site de réservation', en: 'the booking site' }`. */
  what: Message;
  /** The option that chooses another port (`--port`), when there is one. */
  portOption?: string;
}

export function listenOn(server: Server, o: ListenOptions): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => {
      const where = `${o.host}:${o.port}`;
      reject(
        err.code === 'EADDRINUSE'
          ? new SetupError(
              {
                fr: `${o.what.fr}${NBSP}: le port ${o.port} est déjà utilisé sur ${o.host}`,
                en: `${o.what.en}: port ${o.port} is already in use on ${o.host}`,
              },
              o.portOption
                ? {
                    fr: `en choisir un autre avec ${o.portOption} (0${NBSP}: un port libre)`,
                    en: `choose another one with ${o.portOption} (0: any free port)`,
                  }
                : { fr: 'en choisir un autre', en: 'choose another one' },
            )
          : new SetupError({
              fr: `${o.what.fr}${NBSP}: impossible d'écouter sur ${where}${NBSP}: ${err.code ?? err.message}`,
              en: `${o.what.en}: cannot listen on ${where}: ${err.code ?? err.message}`,
            }),
      );
    };
    server.once('error', failed);
    server.listen(o.port, o.host, () => {
      server.off('error', failed);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : o.port);
    });
  });
}

/** A refused handshake or a broken request never stops the server: the client gets a 400 and its socket closes. */
export function survivesBrokenClients(server: HttpServer): void {
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
}
