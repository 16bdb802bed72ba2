/**
 * The verdicts of `sas-recette receive`: what the SAS side of flux V3 received, judged by the session
 * judge of src/flows/appointments (judge-session.ts, the same verdict as the flux-v3 case of a run):
 * each POST / PUT body against its profile and the SAS-APT rules, then the calls themselves (an update
 * addressed by the identifier of an appointment created before, the same identifier.system throughout,
 * the client certificate, at least one create and one update). This module cuts that verdict into what
 * `receive` shows: one judgement per request (the findings located on it: `POST[1] Appointment.status`),
 * the session's own findings, and the counts. Pure: exchanges in, reports out.
 */
import type { Finding } from '../core/findings.js';
import type { Exchange } from '../core/model.js';
import type { DefinitionIndex } from '../fhir/packages/types.js';
import { APPOINTMENT_PROFILE, type AppointmentFlavour } from '../flows/appointments/appointment-ids.js';
import { judgeSession, type SessionInput } from '../flows/appointments/judge-session.js';
import { buildReport, type ValidationReport } from './validation-report.js';

export interface ReceivedSessionInput {
  exchanges: readonly Exchange[];
  flavour: AppointmentFlavour;
  index?: DefinitionIndex;
  /** IG of the definitions, `id#version`. */
  ig: string;
  /** FHIR base URL of the SAS side. */
  url: string;
  tls: SessionInput['tls'];
  refused?: SessionInput['refused'];
  /** How long the SAS side listened, in ms. */
  waitedMs: number;
}

export interface ReceivedRequestVerdict {
  exchange: Exchange;
  /** `POST[1]`: how the findings name the request. */
  label: string;
  method: string;
  /** Path and query as received, cut to PATH_MAX characters. */
  path: string;
  /** Status the SAS side answered; absent when no answer was sent. */
  status?: number;
  /** A POST or PUT: an appointment judged (other requests are counted apart). */
  judged: boolean;
  /** The findings located on this request. */
  report: ValidationReport;
}

export interface ReceivedSummary {
  /** Every request received. */
  received: number;
  /** POST and PUT requests (appointments judged). */
  judged: number;
  conform: number;
  notConform: number;
  /** Requests that were not a POST or PUT. */
  other: number;
  /** Connections refused before any request (TLS handshake without a trusted client certificate…). */
  refusedConnections: number;
  /** The session's verdict: no error nor fatal finding, on a request or on the session. */
  valid: boolean;
}

export interface ReceivedSessionVerdict {
  requests: ReceivedRequestVerdict[];
  /** Findings on the session as a whole (nothing or no update received, client certificates). */
  session: Finding[];
  /** Every finding, as one report (received.json). */
  report: ValidationReport;
  summary: ReceivedSummary;
}

/** Longest path shown (the rest of an editor's URL is in the exchange). */
const PATH_MAX = 200;

/** The label judge-session.ts gives the i-th exchange (the SAS side's own, else method[n]). */
export const exchangeLabel = (x: Exchange, i: number): string => x.label ?? `${x.request.method}[${i + 1}]`;

export function judgeReceivedSession(input: ReceivedSessionInput): ReceivedSessionVerdict {
  const findings = judgeSession({
    exchanges: input.exchanges,
    flavour: input.flavour,
    url: input.url,
    waitedMs: input.waitedMs,
    tls: input.tls,
    ...(input.index ? { index: input.index } : {}),
    ...(input.refused ? { refused: input.refused } : {}),
  });
  const profile = profileLoaded(input.flavour, input.index);
  const requests = input.exchanges.map((x, i) => requestVerdict(x, exchangeLabel(x, i), findings, profile, input));
  const onRequests = new Set(requests.flatMap((r) => r.report.findings));
  const session = findings.filter((f) => !onRequests.has(f));
  const judged = requests.filter((r) => r.judged);
  const conform = judged.filter((r) => r.report.valid).length;
  const report = buildReport({
    input: input.url,
    ig: input.ig,
    profile,
    useCase: input.flavour,
    useCaseFrom: 'option',
    findings,
    notes: [],
    rootLabel: 'session',
  });
  return {
    requests,
    session,
    report,
    summary: {
      received: requests.length,
      judged: judged.length,
      conform,
      notConform: judged.length - conform,
      other: requests.length - judged.length,
      refusedConnections: input.refused?.length ?? 0,
      valid: report.valid,
    },
  };
}

/**
 * The verdict on the last exchange of `exchanges` as the session stands once it is received (an update
 * is judged against the creates before it): what `receive` prints when a request arrives.
 */
export function judgeLatestRequest(input: ReceivedSessionInput): ReceivedRequestVerdict | undefined {
  const i = input.exchanges.length - 1;
  if (i < 0) return undefined;
  return judgeReceivedSession(input).requests[i];
}

function requestVerdict(
  x: Exchange,
  label: string,
  findings: readonly Finding[],
  profile: string,
  input: ReceivedSessionInput,
): ReceivedRequestVerdict {
  const method = x.request.method.toUpperCase();
  const url = parseUrl(x.request.url);
  const path = cut(url ? `${url.pathname}${url.search}` : x.request.url, PATH_MAX);
  const own = findings.filter((f) => f.location === label || f.location.startsWith(`${label} `));
  const judged = method === 'POST' || method === 'PUT';
  const report = buildReport({
    input: `${label} ${method} ${path}`,
    ig: input.ig,
    profile: judged ? profile : null,
    useCase: input.flavour,
    useCaseFrom: 'option',
    findings: own,
    stats: { bytes: Buffer.byteLength(x.request.body ?? '', 'utf8') },
    notes: [],
    rootLabel: label,
  });
  return { exchange: x, label, method, path, ...(x.response ? { status: x.response.status } : {}), judged, report };
}

/** `canonical|version` of the flavour's profile as loaded (says which version was applied), else the canonical. */
export function profileLoaded(flavour: AppointmentFlavour, index: DefinitionIndex | undefined): string {
  const canonical = APPOINTMENT_PROFILE[flavour];
  const version = index?.structureDefinition(canonical)?.version;
  return typeof version === 'string' && version !== '' ? `${canonical}|${version}` : canonical;
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url, 'http://sas.invalid');
  } catch {
    return undefined;
  }
}

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}…` : s);
