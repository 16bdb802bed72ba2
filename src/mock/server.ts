/**
 * The reference editor server ("mock"): serves the SAS searches from one or more JDDs over HTTP or
 * HTTPS with client-certificate checking, so a whole acceptance run (mTLS included) can be played on
 * loopback. Named defects make it answer wrongly on purpose. It never crashes on an odd request: any
 * unexpected error becomes a 500 OperationOutcome.
 */
import { constants } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureVersion, TLSSocket } from 'node:tls';
import { SetupError } from '../core/errors.js';
import { listenOn, survivesBrokenClients } from '../core/listen.js';
import { readPemFile } from '../core/read-pem.js';
import type { Jdd } from '../jdd/types.js';
import { parseSearch } from '../sas/search.js';
import { capabilityStatement } from './capability.js';
import { operationOutcome } from './check-request.js';
import { parseDefectNames, type DefectName } from './defects.js';
import { FHIR_JSON } from '../sas/canonicals.js';
import { generateSearchResponse } from './generate.js';
import { checkJddSet } from './jdd-set.js';
import { streamHugeBundle } from './huge-body.js';
import { regulatorAccounts } from './regulator-accounts.js';
import { startBookingSite, type BookingSite } from './booking-site.js';
import { sendAppointments, type SendReport, type SendTarget } from './appointment-sender.js';

export interface MockTlsOptions {
  certFile: string;
  keyFile: string;
  /** CA the client certificates must chain to; given → client certificates are required. */
  caFile?: string;
  /** Ask for (and require) a client certificate; default true when caFile is given. */
  requestClientCert?: boolean;
  minVersion?: string;
  maxVersion?: string;
  ciphers?: string;
  /**
   * CRL(s) of the client CA (PEM): a revoked client certificate is refused in the TLS handshake. Node
   * then checks revocation for the whole client chain, so the CRL must come from the CA of `caFile`.
   */
  crlFile?: string;
  /** Expected subject CN / OU of client certificates; another value gets 403 + OperationOutcome. */
  expectCn?: string;
  expectOu?: string;
}

export interface MockServerOptions {
  jdd: Jdd | Jdd[];
  /** 0 (default) picks a free port. */
  port?: number;
  /** Port of the booking site (flux V2); 0 (default) picks a free port. */
  bookingPort?: number;
  host?: string;
  defects?: DefectName[];
  tls?: MockTlsOptions;
  /**
   * Delay before each search answer, in ms. With the `slow` defect and no delay given, 8000 ms
   * (beyond the SAS 7 s time-out).
   */
  delayMs?: number;
  /** Clock (tests pin it). */
  now?: () => Date;
  /** Told of every request, its request-target raw as received (before any decoding): tests compare it byte for byte. */
  onRequest?: (r: { method: string; target: string; headers: IncomingMessage['headers'] }) => void;
}

export interface MockServer {
  /** FHIR base URL, e.g. `http://127.0.0.1:8080/fhir`. */
  url: string;
  /**
   * Origin of the editor's booking site (booking pages and login page, flux V2), served apart from the
   * FHIR endpoint and without client certificates, as a browser reaches it: `https://127.0.0.1:PORT`.
   */
  bookingOrigin: string;
  /** Flux V3: the editor's software sends its appointments (creates, then updates) to the SAS side at `to`. */
  sendAppointments(to: SendTarget): Promise<SendReport>;
  close(): Promise<void>;
}

export const SLOW_DEFAULT_MS = 8000;
const FHIR_BASE_PATH = '/fhir';

function tlsOptions(tls: MockTlsOptions): HttpsOptions {
  const requestCert = tls.requestClientCert ?? tls.caFile !== undefined;
  if (requestCert && tls.caFile === undefined)
    throw new SetupError({
      fr: "exiger un certificat client demande l'AC qui signe ces certificats (--ca)",
      en: 'requiring a client certificate needs the CA that signs them (--ca)',
    });
  if (tls.crlFile !== undefined && !requestCert)
    throw new SetupError({
      fr: "une CRL ne s'applique que si des certificats clients sont exigés (--ca)",
      en: 'a CRL only applies when client certificates are required (--ca)',
    });
  return {
    cert: readPemFile(tls.certFile, { fr: 'certificat du serveur', en: 'server certificate' }),
    key: readPemFile(tls.keyFile, { fr: 'clé du serveur', en: 'server key' }),
    ...(tls.caFile ? { ca: readPemFile(tls.caFile, { fr: 'AC', en: 'CA' }) } : {}),
    ...(tls.crlFile ? { crl: readPemFile(tls.crlFile, { fr: 'CRL', en: 'CRL' }) } : {}),
    requestCert,
    rejectUnauthorized: requestCert,
    // A connection keeps the client certificate of its handshake (the subject check is made once per
    // connection): no TLS 1.2 renegotiation, as hardened servers do (TLS 1.3 has none).
    secureOptions: constants.SSL_OP_NO_RENEGOTIATION,
    minVersion: (tls.minVersion ?? 'TLSv1.2') as SecureVersion,
    ...(tls.maxVersion ? { maxVersion: tls.maxVersion as SecureVersion } : {}),
    ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
  };
}

/** The HTTPS server; PEM files that Node cannot use (not a certificate, key or CRL) are a SetupError. */
function createSecureServer(tls: MockTlsOptions, handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const options = tlsOptions(tls);
  try {
    return createHttpsServer(options, handler);
  } catch (err) {
    const reason = (err as Error).message;
    throw new SetupError(
      { fr: `les fichiers TLS sont inutilisables\u00a0: ${reason}`, en: `the TLS files cannot be used: ${reason}` },
      {
        fr: "donner des fichiers PEM\u00a0: certificat du serveur et sa clé, certificat(s) d'AC, CRL",
        en: 'give PEM files: server certificate and its key, CA certificate(s), CRL',
      },
    );
  }
}

/** The subject field of a certificate as one string (OpenSSL gives an array for repeated fields). */
function subjectField(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join('+') : value;
}

/**
 * The subject check of each connection, made on its first request: the client certificate is the
 * handshake's (no renegotiation), and reading it back from OpenSSL on every request cost about as much as
 * building a small answer.
 */
const subjectChecked = new WeakMap<object, string | undefined>();

/** Why a client certificate's CN/OU is refused, or undefined when it is accepted. */
function subjectProblem(req: IncomingMessage, tls: MockTlsOptions | undefined): string | undefined {
  if (!tls || (tls.expectCn === undefined && tls.expectOu === undefined)) return undefined;
  const socket = req.socket;
  if (subjectChecked.has(socket)) return subjectChecked.get(socket);
  const problem = subjectProblemOf(socket as TLSSocket, tls);
  subjectChecked.set(socket, problem);
  return problem;
}

function subjectProblemOf(socket: TLSSocket, tls: MockTlsOptions): string | undefined {
  const subject = socket.getPeerCertificate?.()?.subject ?? {};
  const cn = subjectField(subject.CN);
  const ou = subjectField(subject.OU);
  if (tls.expectCn !== undefined && cn !== tls.expectCn) return `client certificate CN "${cn ?? ''}" is not the expected one`;
  if (tls.expectOu !== undefined && ou !== tls.expectOu) return `client certificate OU "${ou ?? ''}" is not the expected one`;
  return undefined;
}

function send(res: ServerResponse, status: number, body: string, contentType = FHIR_JSON): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(body, 'utf8'); // encoded once, for its length and to send it
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
  res.end(bytes);
}

function sendOutcome(res: ServerResponse, status: number, code: string, text: string): void {
  send(res, status, JSON.stringify(operationOutcome([{ code, text }])));
}

export async function startMockServer(opts: MockServerOptions): Promise<MockServer> {
  const jdds = Array.isArray(opts.jdd) ? opts.jdd : [opts.jdd];
  checkJddSet(jdds);
  const defects = new Set(parseDefectNames(opts.defects ?? []));
  const clock = opts.now ?? (() => new Date());
  const delayMs = opts.delayMs ?? (defects.has('slow') ? SLOW_DEFAULT_MS : 0);
  const timers = new Set<NodeJS.Timeout>();
  const host = opts.host ?? '127.0.0.1';
  const secure = opts.tls !== undefined;

  const later = (res: ServerResponse, ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const answerSearch = (res: ServerResponse, resource: 'Slot' | 'Schedule', query: string, baseUrl: string) => {
    const now = clock();
    let search;
    try {
      search = parseSearch(`${resource}${query}`);
    } catch (err) {
      return sendOutcome(res, 400, 'invalid', (err as Error).message);
    }
    const answer = generateSearchResponse(jdds, search, now, { baseUrl, defects });
    later(res, delayMs, () => {
      if (defects.has('html-502')) {
        return send(
          res,
          502,
          '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><p>nginx</p></body></html>',
          'text/html; charset=utf-8',
        );
      }
      if (defects.has('huge-body')) return streamHugeBundle(res, answer.body);
      let text = JSON.stringify(answer.body);
      if (defects.has('truncated-json')) text = text.slice(0, Math.floor(text.length / 2));
      send(res, answer.status, text, defects.has('wrong-content-type') ? 'text/plain; charset=utf-8' : (answer.contentType ?? FHIR_JSON));
    });
  };

  // Regulator accounts (flux V1): POST / conditional PUT / read of Practitioner, in memory, per server.
  const accounts = regulatorAccounts({ defects, now: clock });

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    opts.onRequest?.({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    try {
      const scheme = secure ? 'https' : 'http';
      const authority =
        req.headers.host && /^[A-Za-z0-9.\-[\]:]+$/.test(req.headers.host)
          ? req.headers.host
          : `${host}:${(server.address() as AddressInfo).port}`;
      const baseUrl = `${scheme}://${authority}${FHIR_BASE_PATH}`;
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const path = q >= 0 ? target.slice(0, q) : target;
      const query = q >= 0 ? target.slice(q) : '';
      if (path === `${FHIR_BASE_PATH}/Practitioner` || path.startsWith(`${FHIR_BASE_PATH}/Practitioner/`)) {
        const refusedSubject = subjectProblem(req, opts.tls);
        if (refusedSubject) return sendOutcome(res, 403, 'forbidden', refusedSubject);
        return accounts.handle(req, res, { path: path.slice(FHIR_BASE_PATH.length), query, baseUrl });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return sendOutcome(res, 405, 'not-supported', `method ${req.method ?? '?'} is not supported; the SAS searches use GET`);
      }
      const refused = subjectProblem(req, opts.tls);
      if (refused) return sendOutcome(res, 403, 'forbidden', refused);
      if (path === `${FHIR_BASE_PATH}/metadata`) return send(res, 200, JSON.stringify(capabilityStatement(jdds, clock())));
      if (path === `${FHIR_BASE_PATH}/Slot` || path === `${FHIR_BASE_PATH}/Schedule`) {
        return answerSearch(res, path.endsWith('/Slot') ? 'Slot' : 'Schedule', query, baseUrl);
      }
      return sendOutcome(
        res,
        404,
        'not-found',
        `no route for ${path.slice(0, 200)}; this server answers GET ${FHIR_BASE_PATH}/Slot, ${FHIR_BASE_PATH}/Schedule and ${FHIR_BASE_PATH}/metadata`,
      );
    } catch (err) {
      return sendOutcome(res, 500, 'exception', `internal error of the reference editor: ${(err as Error).message}`);
    }
  };

  const server: Server = secure ? createSecureServer(opts.tls as MockTlsOptions, handler) : createHttpServer(handler);
  let booking: BookingSite | undefined;
  survivesBrokenClients(server); // a refused client certificate or a broken request must not stop it

  const port = await listenOn(server, {
    port: opts.port ?? 0,
    host,
    what: { fr: "l'éditeur de référence", en: 'the reference editor' },
    portOption: '--port',
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  try {
    // the booking site: same server certificate, no client certificate (a browser has none)
    booking = await startBookingSite({
      host,
      defects,
      ...(opts.bookingPort ? { port: opts.bookingPort } : {}),
      ...(opts.tls ? { tls: { certFile: opts.tls.certFile, keyFile: opts.tls.keyFile } } : {}),
    });
  } catch (err) {
    server.close();
    throw err;
  }

  return {
    url: `${secure ? 'https' : 'http'}://${urlHost}:${port}${FHIR_BASE_PATH}`,
    bookingOrigin: booking.origin,
    sendAppointments: (to) => sendAppointments(to, { jdds, defects, accounts: accounts.list(), now: clock() }),
    close: async () => {
      await Promise.all([
        booking?.close(),
        new Promise<void>((resolve) => {
          for (const t of timers) clearTimeout(t);
          timers.clear();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]);
    },
  };
}
