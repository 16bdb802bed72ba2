/**
 * Regulator accounts of the reference editor (flux V1, INT_R02): POST and conditional PUT of
 * FrPractitionerRegul, and read, kept in memory for the server's life.
 *
 * - POST `/Practitioner`: checked (regulator-checks.ts: 400 / 422 + OperationOutcome); an identifier
 *   an active account already holds → 409; else 201 + `Location: [base]/Practitioner/<id>` + the resource.
 * - PUT `/Practitioner?identifier=system|value` (`|` raw or `%7C`): several matches → 412; one → the
 *   account is replaced, 200 + Location; none → created as by a POST, 201 + Location.
 * - GET `/Practitioner/<id>`: the account as held (404 when unknown).
 * - An identifier held by an inactive (de-habilitated) account can be re-attached to another account:
 *   it moves to the new one (ANS kit 5.16); held by an active one → 409.
 * - Bodies over 1 MiB → 413, invalid JSON → 400, other methods → 405, other paths → 404, all with an
 *   OperationOutcome; any unexpected error → 500 + OperationOutcome (the server never crashes).
 * Defects: `regul-accepts-invalid` skips the payload checks (invalid accounts get 201),
 * `regul-ignores-update` answers a PUT on a known account 200 + Location but changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DefectName } from './defects.js';
import { operationOutcome } from './check-request.js';
import { FHIR_JSON } from '../sas/canonicals.js';
import { identifiersOf, regulatorPayloadIssues, type PayloadIssue } from './regulator-checks.js';

export interface RegulatorRequest {
  /** Path below the FHIR base: `/Practitioner` or `/Practitioner/<id>`. */
  path: string;
  /** Query string with its `?`, or ''. */
  query: string;
  /** FHIR base URL as the client reached it (for Location). */
  baseUrl: string;
}

/** A regulator account as the reference editor holds it (for its appointment sender: who booked). */
export interface HeldAccount {
  id: string;
  active: boolean;
  /** Its identifiers, as received: `{ type: 'IDNPS' | 'INTRN', system, value }`. */
  identifiers: { type: string; system: string; value: string }[];
}

export interface RegulatorAccounts {
  handle(req: IncomingMessage, res: ServerResponse, r: RegulatorRequest): void;
  /** The accounts held now, in creation order. */
  list(): HeldAccount[];
}

/** A regulator account is a few hundred bytes; 1 MiB is far beyond any real one. */
export const MAX_REGULATOR_BODY_BYTES = 1024 * 1024;
/** Accounts held at most (the IG's target is 3,500 regulators in all): a flood gets 507, not memory exhaustion. */
export const MAX_ACCOUNTS = 10_000;

const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
const MEDIA_TYPES = ['application/fhir+json', 'application/json', 'application/json+fhir'];

interface Account {
  id: string;
  version: number;
  resource: Record<string, unknown>;
  identifiers: HeldAccount['identifiers'];
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly issues: { code: string; text: string; param?: string }[],
    readonly headers: Record<string, string> = {},
  ) {
    super(issues[0]?.text ?? String(status));
  }
}

function refuse(status: number, code: string, text: string, param?: string): never {
  throw new Refusal(status, [{ code, text, ...(param ? { param } : {}) }]);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Content-Length': bytes.length, 'Cache-Control': 'no-store', ...headers });
  res.end(bytes);
}

/** The body, up to `MAX_REGULATOR_BODY_BYTES` (more → Refusal 413; the rest of the upload is not read). */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_REGULATOR_BODY_BYTES) {
    return Promise.reject(new Refusal(413, [{ code: 'too-costly', text: `the body declares ${declared} bytes, above 1 MiB` }]));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      bytes += chunk.length;
      if (bytes > MAX_REGULATOR_BODY_BYTES) {
        done = true;
        req.pause();
        reject(new Refusal(413, [{ code: 'too-costly', text: 'the body is larger than 1 MiB' }], { Connection: 'close' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, bytes).toString('utf8'));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
    // a client that goes away mid-upload: nothing to answer, nothing kept
    req.on('close', () => {
      if (done) return;
      done = true;
      reject(new Error('the client closed the connection before the end of the body'));
    });
  });
}

function parseResource(req: IncomingMessage, text: string): unknown {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== '' && !MEDIA_TYPES.includes(type)) {
    refuse(415, 'not-supported', `Content-Type ${type.slice(0, 100)} is not supported; send application/fhir+json`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return refuse(400, 'structure', `the body is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
  }
}

/** `?identifier=system|value` of a conditional update (with `_format` allowed beside it). */
function conditionalIdentifier(query: string): { system: string; value: string } {
  const params: [string, string][] = [];
  for (const pair of query.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    try {
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      params.push([decode(eq < 0 ? pair : pair.slice(0, eq)), decode(eq < 0 ? '' : pair.slice(eq + 1))]);
    } catch {
      refuse(400, 'invalid', 'the query string is not valid percent-encoding');
    }
  }
  const unknown = params.filter(([n]) => n !== 'identifier' && n !== '_format');
  if (unknown.length > 0)
    refuse(400, 'not-supported', `unsupported parameter ${unknown[0][0].slice(0, 100)} in a conditional update`, unknown[0][0]);
  const ids = params.filter(([n]) => n === 'identifier');
  if (ids.length !== 1) refuse(400, 'required', 'a conditional update needs exactly one identifier=system|value', 'identifier');
  const [, token] = ids[0];
  const bar = token.indexOf('|');
  const system = bar < 0 ? '' : token.slice(0, bar);
  const value = bar < 0 ? '' : token.slice(bar + 1);
  if (system === '' || value === '') refuse(400, 'invalid', 'identifier must be system|value, both given', 'identifier');
  return { system, value };
}

export function regulatorAccounts(opts: { defects: ReadonlySet<DefectName>; now: () => Date }): RegulatorAccounts {
  const accounts: Account[] = [];
  const acceptsInvalid = opts.defects.has('regul-accepts-invalid');
  const ignoresUpdate = opts.defects.has('regul-ignores-update');

  const holders = (system: string, value: string) =>
    accounts.filter((a) => a.identifiers.some((i) => i.system === system && i.value === value));

  const check = (resource: unknown): Record<string, unknown> => {
    const issues: PayloadIssue[] = acceptsInvalid
      ? typeof resource === 'object' && resource !== null && !Array.isArray(resource)
        ? []
        : regulatorPayloadIssues(resource)
      : regulatorPayloadIssues(resource);
    if (issues.length > 0) {
      throw new Refusal(
        Math.min(...issues.map((i) => i.status)),
        issues.map((i) => ({ code: i.code, text: i.text, param: i.expression })),
      );
    }
    return resource as Record<string, unknown>;
  };

  /** The identifiers of `resource` free for `self`: held by an active other account → 409; by an inactive one → moved. */
  const claim = (resource: Record<string, unknown>, self: Account | undefined): HeldAccount['identifiers'] => {
    const ids = identifiersOf(resource);
    for (const id of ids) {
      const others = holders(id.system, id.value).filter((a) => a !== self);
      const active = others.find((a) => a.resource.active !== false);
      if (active)
        refuse(409, 'duplicate', `an active account already holds the identifier ${id.system}|${id.value}`, 'Practitioner.identifier');
    }
    for (const id of ids) {
      for (const other of holders(id.system, id.value).filter((a) => a !== self)) {
        other.identifiers = other.identifiers.filter((i) => !(i.system === id.system && i.value === id.value));
      }
    }
    return ids;
  };

  const stored = (a: Account): Record<string, unknown> => ({
    ...a.resource,
    id: a.id,
    meta: {
      ...(typeof a.resource.meta === 'object' && a.resource.meta !== null ? (a.resource.meta as object) : {}),
      versionId: String(a.version),
      lastUpdated: opts.now().toISOString(),
    },
  });

  const answer = (res: ServerResponse, status: number, a: Account, baseUrl: string) =>
    send(res, status, stored(a), { Location: `${baseUrl}/Practitioner/${a.id}` });

  const create = (res: ServerResponse, resource: Record<string, unknown>, baseUrl: string) => {
    if (accounts.length >= MAX_ACCOUNTS) refuse(507, 'too-costly', `the reference editor holds ${MAX_ACCOUNTS} accounts already`);
    const identifiers = claim(resource, undefined);
    const { id: _ignored, ...content } = resource; // the server gives the id
    const account: Account = { id: randomUUID(), version: 1, resource: content, identifiers };
    accounts.push(account);
    answer(res, 201, account, baseUrl);
  };

  // A body id is ignored, as on create: the IG's examples carry their own id, and the account is the
  // one the identifier matched (FHIR R4 does not say more for a conditional update).
  const update = (res: ServerResponse, account: Account, resource: Record<string, unknown>, baseUrl: string) => {
    if (ignoresUpdate) return answer(res, 200, account, baseUrl);
    account.identifiers = claim(resource, account);
    const { id: _ignored, ...content } = resource;
    account.resource = content;
    account.version += 1;
    answer(res, 200, account, baseUrl);
  };

  const write = async (req: IncomingMessage, res: ServerResponse, r: RegulatorRequest) => {
    const resource = check(parseResource(req, await readBody(req)));
    if (req.method === 'POST') return create(res, resource, r.baseUrl);
    const { system, value } = conditionalIdentifier(r.query);
    const matches = holders(system, value);
    if (matches.length > 1) refuse(412, 'multiple-matches', `${matches.length} accounts carry ${system}|${value}`, 'identifier');
    if (matches.length === 1) return update(res, matches[0], resource, r.baseUrl);
    return create(res, resource, r.baseUrl);
  };

  const read = (res: ServerResponse, id: string) => {
    const account = ID_PATTERN.test(id) ? accounts.find((a) => a.id === id) : undefined;
    if (!account) refuse(404, 'not-found', `no Practitioner ${id.slice(0, 64)}`);
    send(res, 200, stored(account));
  };

  const route = async (req: IncomingMessage, res: ServerResponse, r: RegulatorRequest) => {
    if (r.path === '/Practitioner') {
      if (req.method === 'POST' || req.method === 'PUT') return write(req, res, r);
      throw new Refusal(
        405,
        [{ code: 'not-supported', text: `${req.method ?? '?'} is not supported on Practitioner; use POST or a conditional PUT` }],
        {
          Allow: 'POST, PUT',
        },
      );
    }
    const id = r.path.slice('/Practitioner/'.length);
    if (id.includes('/')) refuse(404, 'not-found', `no route for ${r.path.slice(0, 200)}`);
    if (req.method === 'GET') return read(res, id);
    throw new Refusal(
      405,
      [{ code: 'not-supported', text: `${req.method ?? '?'} is not supported on Practitioner/<id>; use GET (read)` }],
      {
        Allow: 'GET',
      },
    );
  };

  return {
    list: () => accounts.map((a) => ({ id: a.id, active: a.resource.active === true, identifiers: a.identifiers.map((i) => ({ ...i })) })),
    handle(req, res, r) {
      route(req, res, r).catch((err: unknown) => {
        if (err instanceof Refusal) {
          send(res, err.status, operationOutcome(err.issues), err.headers);
          if (err.status === 413) res.once('finish', () => req.destroy());
          return;
        }
        send(
          res,
          500,
          operationOutcome([
            { code: 'exception', text: `internal error of the reference editor: ${(err as Error)?.message ?? String(err)}` },
          ]),
        );
      });
    },
  };
}
