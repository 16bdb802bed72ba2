/**
 * The reference editor's booking site (flux V2): the booking pages the Slot.comment URLs point at and
 * the editor's login page, served apart from the FHIR endpoint, without client certificates (a
 * browser has none), over HTTPS with the server's certificate (plain HTTP without one).
 *
 * - `GET` of any page under `/sas/` or `/sos/` (the JDDs' booking paths, e.g. `/sas/rdv?ps=…`) by a
 *   visitor without a session → 302 to the editor's own login page on the same origin,
 *   `/connexion?origin=<origin>&next=<path+query>` (`origin` kept when the visit carried one);
 * - `GET /connexion` → 200, an HTML login form (identifier, password); `POST /connexion` → the form
 *   again, refused (the reference editor has no accounts);
 * - defect `sso-no-redirect`: the booking pages answer 200 with the agenda, no login;
 * - anything else → 404 / 405 HTML. Everything echoed is escaped; an odd request never stops the site.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { listenOn, survivesBrokenClients } from '../core/listen.js';
import { readPemFile } from '../core/read-pem.js';
import { agendaPage, errorPage, loginPage } from './booking-pages.js';
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

export const LOGIN_PATH = '/connexion';
const BOOKING_PREFIXES = ['/sas/', '/sos/'];

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; form-action 'self'",
};

function sendHtml(req: IncomingMessage, res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HTML_HEADERS, ...extra, 'content-length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function isBookingPath(path: string): boolean {
  return BOOKING_PREFIXES.some((p) => path.startsWith(p));
}

/** Where an unauthenticated visit of a booking page is sent: the login page, with `origin` and the page asked for. */
export function loginLocation(origin: string | null, next: string): string {
  const q = new URLSearchParams();
  if (origin !== null) q.set('origin', origin);
  q.set('next', next);
  return `${LOGIN_PATH}?${q.toString()}`;
}

function handle(req: IncomingMessage, res: ServerResponse, defects: ReadonlySet<DefectName>): void {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://booking.invalid');
  } catch {
    return sendHtml(req, res, 400, errorPage(400, 'Requête invalide'));
  }
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === LOGIN_PATH && method === 'POST') {
    req.resume(); // the body is not read: there is no account to check it against
    return sendHtml(req, res, 200, loginPage({ origin: url.searchParams.get('origin') ?? undefined, refused: true }));
  }
  if (method !== 'GET' && method !== 'HEAD') {
    req.resume();
    return sendHtml(req, res, 405, errorPage(405, 'Méthode non autorisée'), { allow: 'GET, HEAD' });
  }
  if (path === LOGIN_PATH) {
    return sendHtml(
      req,
      res,
      200,
      loginPage({ origin: url.searchParams.get('origin') ?? undefined, next: url.searchParams.get('next') ?? undefined }),
    );
  }
  if (!isBookingPath(path)) return sendHtml(req, res, 404, errorPage(404, 'Page introuvable'));
  if (defects.has('sso-no-redirect')) {
    return sendHtml(req, res, 200, agendaPage({ path, params: [...url.searchParams.entries()].slice(0, 20) }));
  }
  const location = loginLocation(url.searchParams.get('origin'), `${path}${url.search}`);
  return sendHtml(req, res, 302, errorPage(302, 'Connexion requise'), { location });
}

export async function startBookingSite(opts: BookingSiteOptions): Promise<BookingSite> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handle(req, res, opts.defects);
    } catch (err) {
      if (res.headersSent) res.destroy();
      else sendHtml(req, res, 500, errorPage(500, `Erreur interne\u00a0: ${(err as Error).message}`));
    }
  };
  const server: Server = opts.tls
    ? createHttpsServer(
        {
          cert: readPemFile(opts.tls.certFile, { fr: 'certificat du site de réservation', en: 'booking site certificate' }),
          key: readPemFile(opts.tls.keyFile, { fr: 'clé du site de réservation', en: 'booking site key' }),
        },
        handler,
      )
    : createHttpServer(handler);
  survivesBrokenClients(server);
  const port = await listenOn(server, {
    port: opts.port ?? 0,
    host: opts.host,
    what: { fr: 'le site de réservation', en: 'the booking site' },
    portOption: '--booking-port',
  });
  const h = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    origin: `${opts.tls ? 'https' : 'http'}://${h}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
