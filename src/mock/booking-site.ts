/**
 * The reference editor's booking site (flux V2): the booking pages the Slot.comment URLs point at and
 * the editor's login page, served apart from the FHIR endpoint, without client certificates (a
 * browser has none). (Scaffold: filled in by the flux V2 work.)
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DefectName } from './defects.js';

export interface BookingSiteOptions {
  host: string;
  defects: ReadonlySet<DefectName>;
  /** Server certificate and key (HTTPS); absent: plain HTTP. */
  tls?: { certFile: string; keyFile: string };
  /** 0 (default): a free port. */
  port?: number;
}

export interface BookingSite {
  /** `https://127.0.0.1:PORT` */
  origin: string;
  close(): Promise<void>;
}

export async function startBookingSite(opts: BookingSiteOptions): Promise<BookingSite> {
  const server: Server = createHttpServer((_req, res) => {
    res.writeHead(501, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not implemented yet');
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const h = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    origin: `http://${h}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
