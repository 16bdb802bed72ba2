/**
 * The SAS side of flux V3 (INT_R03), as sas-recette plays it: an HTTPS endpoint with mutual TLS
 * (client certificates required and checked against `tls.caFile`, TLS 1.2 at least) that receives the
 * editor's `POST [base]/Appointment` and `PUT [base]/Appointment?identifier=system|value` (also the
 * IG's spelling `?Identifier=`), answers as SAS would — 201 + Location on create, 200 + Location on
 * update, 4xx + OperationOutcome for an unreadable payload (400), a payload that breaks the profile or
 * a SAS rule (422, decided by `judgeAppointment`), an unknown route (404) or method (405), a body over
 * 1 MiB (413) — and records every exchange as evidence. The base path carries the flavour
 * (`/appointment/fhir`, `/sos-appointment/fhir`). Plain HTTP when no `tls` is given (the case then says
 * mTLS was not checked). It never crashes on what a client sends. Used by the flux-v3 cases of a run
 * and by `sas-recette receive`.
 */
import { listenOn } from '../../core/listen.js';
import { readPemFile } from '../../core/read-pem.js';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { constants } from 'node:crypto';
import { SetupError } from '../../core/errors.js';
import { isBlocking } from '../../core/findings.js';
import type { Exchange } from '../../core/model.js';
import type { DefinitionIndex } from '../../fhir/packages/types.js';
import type { ReceiveSettings } from '../context.js';
import { RECEIVE_BASE_PATH } from './appointment-ids.js';
import { AppointmentStore, identifierKey, parseToken } from './appointment-store.js';
import { obj } from './flow-finding.js';
import { judgeAppointment, type AppointmentFlavour } from './judge-appointment.js';
import { readRequestBody } from './read-request-body.js';
import { bodyEvidence, receivedExchange, type ReceivedRequest } from './received-exchange.js';
import { capability, outcome, refusal, stored, type Answer } from './sas-answers.js';
import { monotonicMs } from '../../core/clock.js';

export interface ReceiveServerOptions extends ReceiveSettings {
  flavour: AppointmentFlavour;
  /** Called for each exchange once answered (console lines of `receive`). */
  onExchange?: (e: Exchange) => void;
  /** IG definitions: the SAS side then also refuses (422) an appointment that breaks its profile; absent → the SAS rules alone decide. */
  index?: DefinitionIndex;
  /** The option that moves the port, for the message when it is in use (`--port` of receive, `--receive-port` of run). */
  portOption?: string;
}

/** A connection refused before any request could be read: a failed TLS handshake, or bytes that are not HTTP. */
export interface RefusedConnection {
  at: string;
  stage: 'tls' | 'http';
  /** OpenSSL / Node error code or message, e.g. `ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE`. */
  reason: string;
  remote?: string;
}

export interface ReceiveServer {
  /** FHIR base URL the editor's software sends to, e.g. `https://127.0.0.1:PORT/appointment/fhir`. */
  url: string;
  /** Every exchange received so far, in order (request with body, response, TLS facts). */
  received(): Exchange[];
  /** Connections refused before a request (TLS handshake without a trusted client certificate…), at most 100. */
  refused?(): RefusedConnection[];
  /** True when client certificates are required and checked against a CA (HTTPS with `tls.caFile`). */
  readonly mutualTls?: boolean;
  close(): Promise<void>;
}

/** Past this many exchanges in one session, requests get 503 and are only counted (a flood never fills memory). */
const MAX_EXCHANGES = 200;
const MAX_REFUSED = 100;

function createSecure(tls: NonNullable<ReceiveSettings['tls']>, handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const mutual = tls.caFile !== undefined;
  const options = {
    cert: readPemFile(tls.certFile, { fr: 'certificat du côté SAS', en: 'SAS-side certificate' }),
    key: readPemFile(tls.keyFile, { fr: 'clé du côté SAS', en: 'SAS-side key' }),
    ...(tls.caFile ? { ca: readPemFile(tls.caFile, { fr: "certificat d'AC des clients", en: 'client CA certificate' }) } : {}),
    requestCert: mutual,
    rejectUnauthorized: mutual,
    secureOptions: constants.SSL_OP_NO_RENEGOTIATION,
    minVersion: 'TLSv1.2' as const,
  };
  try {
    return createHttpsServer(options, handler);
  } catch (err) {
    const reason = (err as Error).message;
    throw new SetupError(
      { fr: `les fichiers TLS du côté SAS sont inutilisables\u00a0: ${reason}`, en: `the SAS side's TLS files cannot be used: ${reason}` },
      {
        fr: "donner des fichiers PEM\u00a0: certificat du serveur et sa clé, certificat de l'AC des clients",
        en: "give PEM files: the server certificate and its key, the clients' CA certificate",
      },
    );
  }
}

type Route =
  | { kind: 'metadata' }
  | { kind: 'create' }
  | { kind: 'conditional-update'; query: string }
  | { kind: 'update-by-id'; id: string }
  | { kind: 'not-allowed'; allow: string }
  | { kind: 'not-found' };

function routeOf(method: string, path: string, query: string, base: string): Route {
  if (path === `${base}/metadata`) return method === 'GET' ? { kind: 'metadata' } : { kind: 'not-allowed', allow: 'GET' };
  if (path === `${base}/Appointment`) {
    if (method === 'POST') return { kind: 'create' };
    if (method === 'PUT') return { kind: 'conditional-update', query };
    return { kind: 'not-allowed', allow: 'POST, PUT' };
  }
  const byId = /^\/Appointment\/([A-Za-z0-9\-.]{1,64})$/.exec(path.startsWith(base) ? path.slice(base.length) : '');
  if (byId) return method === 'PUT' ? { kind: 'update-by-id', id: byId[1] } : { kind: 'not-allowed', allow: 'PUT' };
  return { kind: 'not-found' };
}

/** The parsed JSON of a body, or the 400 / 413 answer it gets. */
function parsedBody(read: Awaited<ReturnType<typeof readRequestBody>>): { json: unknown } | { answer: Answer } {
  if (read.kind === 'too-large')
    return {
      answer: outcome(
        413,
        [{ code: 'too-long', text: `request body of ${read.total} bytes or more: an Appointment is at most 1 MiB here` }],
        {
          connection: 'close',
        },
      ),
    };
  if (read.kind === 'broken') return { answer: outcome(400, [{ code: 'incomplete', text: read.reason }]) };
  if (read.bytes.length === 0)
    return { answer: outcome(400, [{ code: 'required', text: 'empty body: an Appointment resource (JSON) is expected' }]) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return { answer: outcome(400, [{ code: 'structure', text: 'the body is not UTF-8 text' }]) };
  }
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    return { answer: outcome(400, [{ code: 'structure', text: `the body is not JSON: ${(err as Error).message.slice(0, 200)}` }]) };
  }
}

export async function startReceiveServer(o: ReceiveServerOptions): Promise<ReceiveServer> {
  const base = RECEIVE_BASE_PATH[o.flavour];
  const store = new AppointmentStore();
  const exchanges: Exchange[] = [];
  const refused: RefusedConnection[] = [];
  const counters = new Map<string, number>();
  const sockets = new Set<Socket>();
  const secure = o.tls !== undefined;
  const mutualTls = secure && o.tls?.caFile !== undefined;
  let origin = '';

  const judge = (json: unknown): Answer | undefined => {
    const { findings } = judgeAppointment(json, { flavour: o.flavour, ...(o.index ? { index: o.index } : {}) });
    const blocking = findings.filter(isBlocking);
    return blocking.length > 0 ? refusal(blocking) : undefined;
  };

  /** The answer to a POST / PUT whose body was read. */
  const answerWrite = (route: Route, json: unknown): Answer => {
    const refusedAnswer = judge(json);
    if (refusedAnswer) return refusedAnswer;
    const resource = obj(json) as Record<string, unknown>;
    const key = identifierKey(resource) as string; // the judge refuses an appointment without identifier.system / value
    const location = (id: string): string => `${origin}${base}/Appointment/${id}`;
    const save = (status: 200 | 201): Answer => {
      const { stored: s } = store.put(key, resource);
      const meta = { ...(obj(resource.meta) ?? {}), versionId: String(s.version), lastUpdated: new Date().toISOString() };
      return stored(status, location(s.id), { ...resource, id: s.id, meta });
    };
    if (route.kind === 'create') return save(201);
    if (route.kind === 'update-by-id') {
      const known = store.byId(route.id);
      if (!known) return outcome(404, [{ code: 'not-found', text: `no appointment with id ${route.id}` }]);
      if (known.key !== key)
        return outcome(422, [
          { code: 'processing', text: `the body's identifier (${key}) is not the one of Appointment/${route.id} (${known.key})` },
        ]);
      return save(200);
    }
    const params = new URLSearchParams(route.kind === 'conditional-update' ? route.query : '');
    const token = params.get('identifier') ?? params.get('Identifier');
    if (!token)
      return outcome(400, [
        {
          code: 'required',
          text: 'a conditional update is addressed by PUT [base]/Appointment?identifier=<system>|<value> of the appointment (missing identifier parameter)',
        },
      ]);
    const wanted = parseToken(token);
    const matches = store.match(wanted);
    if (matches.length > 1)
      return outcome(412, [
        { code: 'multiple-matches', text: `identifier=${token} matches ${matches.length} appointments: give its system` },
      ]);
    const bodyKey = key.slice(key.indexOf('|') + 1);
    if (
      (wanted.system !== undefined && `${wanted.system}|${wanted.value}` !== key) ||
      (wanted.system === undefined && bodyKey !== wanted.value)
    )
      return outcome(422, [{ code: 'processing', text: `the identifier of the URL (${token}) differs from the body's (${key})` }]);
    // FHIR conditional update: no match → the resource is created (201)
    return save(matches.length === 0 ? 201 : 200);
  };

  const record = (exchange: Exchange): void => {
    exchanges.push(exchange);
    try {
      o.onExchange?.(exchange);
    } catch {
      // a listener's fault never stops the SAS side
    }
  };

  const respond = (res: ServerResponse, r: ReceivedRequest, answer: Answer): void => {
    const exchange = receivedExchange(r, answer);
    if (!res.headersSent && !res.destroyed) {
      const bytes = Buffer.from(answer.body, 'utf8');
      res.writeHead(answer.status, { ...answer.headers, 'content-length': bytes.length, 'cache-control': 'no-store' });
      res.end(bytes);
    }
    record(exchange);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedMs = monotonicMs();
    const startedAt = new Date().toISOString();
    const method = /^[A-Z]{1,16}$/.test(req.method ?? '') ? (req.method as string) : 'OTHER';
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q >= 0 ? target.slice(0, q) : target;
    const query = q >= 0 ? target.slice(q) : '';
    if (exchanges.length >= MAX_EXCHANGES) {
      req.resume();
      const tooMany = outcome(503, [{ code: 'throttled', text: `more than ${MAX_EXCHANGES} requests in this session` }]);
      res.writeHead(503, tooMany.headers);
      res.end(tooMany.body);
      return;
    }
    const n = (counters.get(method) ?? 0) + 1;
    counters.set(method, n);
    const r: ReceivedRequest = {
      req,
      url: `${origin}${target.startsWith('/') ? target : `/${target}`}`,
      startedAt,
      startedMs,
      label: `${method}[${n}]`,
    };
    const route = routeOf(method, path, query, base);
    if (method === 'POST' || method === 'PUT') {
      const read = await readRequestBody(req);
      r.body = bodyEvidence(read.kind === 'ok' ? read.bytes : read.kept, read.kind === 'too-large' ? read.total : undefined);
      if (read.kind === 'broken' && (res.destroyed || req.socket.destroyed)) {
        return record(receivedExchange(r, undefined, 'closed', read.reason));
      }
      const write = route.kind === 'create' || route.kind === 'conditional-update' || route.kind === 'update-by-id';
      // the body is read on every route (it is evidence), judged only where an appointment is expected
      const parsed = write || read.kind === 'too-large' ? parsedBody(read) : undefined;
      if (parsed && 'answer' in parsed) {
        respond(res, r, parsed.answer);
        if (read.kind === 'too-large' && read.cut) res.once('finish', () => req.socket.destroy());
        return;
      }
      if (parsed && write) return respond(res, r, answerWrite(route, parsed.json));
    } else {
      req.resume();
    }
    if (route.kind === 'metadata') return respond(res, r, capability(o.flavour, new Date()));
    if (route.kind === 'not-allowed')
      return respond(
        res,
        r,
        outcome(405, [{ code: 'not-supported', text: `method ${method} is not served here; allowed: ${route.allow}` }], {
          allow: route.allow,
        }),
      );
    return respond(
      res,
      r,
      outcome(404, [
        {
          code: 'not-found',
          text: `no route for ${path.slice(0, 200)}: this SAS side serves POST ${base}/Appointment and PUT ${base}/Appointment?identifier=<system>|<value>`,
        },
      ]),
    );
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const failed = outcome(500, [{ code: 'exception', text: `internal error of the SAS side: ${(err as Error).message}` }]);
        res.writeHead(500, failed.headers);
        res.end(failed.body);
      }
    });
  };

  const server: Server = secure && o.tls ? createSecure(o.tls, handler) : createHttpServer(handler);
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  // one line per connection (a TLS 1.3 failure is reported both as a TLS and as an HTTP client error)
  const noted = new WeakSet<Socket>();
  const note = (socket: Socket, err: NodeJS.ErrnoException): void => {
    if (noted.has(socket)) return;
    noted.add(socket);
    const reason = err.code ?? err.message;
    const stage = /SSL|TLS|CERT/i.test(reason) ? 'tls' : 'http';
    if (refused.length < MAX_REFUSED)
      refused.push({ at: new Date().toISOString(), stage, reason, ...(socket.remoteAddress ? { remote: socket.remoteAddress } : {}) });
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    note(socket, err);
    socket.destroy();
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    note(socket, err);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const port = await listenOn(server, {
    port: o.port,
    host: o.host,
    what: { fr: 'le côté SAS', en: 'the SAS side' },
    ...(o.portOption ? { portOption: o.portOption } : {}),
  });
  server.on('error', () => undefined); // after start, a socket error never stops the server
  const urlHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  origin = `${secure ? 'https' : 'http'}://${urlHost}:${port}`;

  return {
    url: `${origin}${base}`,
    received: () => [...exchanges],
    refused: () => [...refused],
    mutualTls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
