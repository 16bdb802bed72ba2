/**
 * The reference editor's appointment sender (flux V3, INT_R03): as a booking tool does when a regulator
 * books, it POSTs each appointment of its JDDs to the SAS side, then PUTs its update addressed by
 * `?identifier=<system>%7C<value>`, with the editor's client certificate (`to.tls`) and trusting the
 * SAS side's CA. Which appointments go where is read from the SAS side's base path (the convention of
 * `sas-recette`'s SAS side, src/flows/appointments/appointment-ids.ts): `…/appointment/fhir` gets the
 * PS and CPTS appointments (FrAppointmentSAS), `…/sos-appointment/fhir` the SOS ones; any other base
 * gets both, each declaring its profile. Never throws: each request's outcome is reported.
 */
import { createHttpClient } from '../http/client.js';
import type { Jdd } from '../jdd/types.js';
import { buildAppointments, type AppointmentKind } from './appointment-build.js';
import type { DefectName } from './defects.js';
import type { HeldAccount } from './regulator-accounts.js';

export interface SendTarget {
  /** FHIR base URL of the SAS side, e.g. `https://127.0.0.1:PORT/appointment/fhir`. */
  url: string;
  /** The editor's client certificate and key, and the CA it trusts for the SAS side's certificate. */
  tls?: { certFile: string; keyFile: string; caFile?: string };
}

export interface SendOptions {
  jdds: readonly Jdd[];
  defects: ReadonlySet<DefectName>;
  /** Regulator accounts the editor holds (flux V1): the operator of each appointment is one of them when any. */
  accounts: HeldAccount[];
  now: Date;
}

/** What was sent and how SAS answered, one line per request. */
export interface SendReport {
  sent: { method: string; url: string; status?: number; error?: string }[];
}

const JSON_HEADERS = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' };

/** The appointment kinds a SAS-side base URL expects (see the module comment). */
export function kindsFor(url: string): AppointmentKind[] {
  let path = '';
  try {
    path = new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return ['appointment', 'sos-appointment'];
  }
  if (path.endsWith('/sos-appointment/fhir')) return ['sos-appointment'];
  if (path.endsWith('/appointment/fhir')) return ['appointment'];
  return ['appointment', 'sos-appointment'];
}

export async function sendAppointments(to: SendTarget, o: SendOptions): Promise<SendReport> {
  const base = to.url.replace(/\/+$/, '');
  const plans = buildAppointments(o.jdds, kindsFor(base), {
    invalid: o.defects.has('appointment-invalid'),
    accounts: o.accounts,
    now: o.now,
  });
  const report: SendReport = { sent: [] };
  let client;
  try {
    client = createHttpClient({ ...(to.tls ? { tls: to.tls } : {}), timeoutMs: 7000 });
  } catch (err) {
    report.sent.push({ method: 'POST', url: `${base}/Appointment`, error: (err as Error).message });
    return report;
  }
  try {
    for (const plan of plans) {
      const requests = [
        { method: 'POST' as const, url: `${base}/Appointment`, body: plan.create },
        {
          method: 'PUT' as const,
          url: `${base}/Appointment?identifier=${encodeURIComponent(plan.identifier.system)}%7C${encodeURIComponent(plan.identifier.value)}`,
          body: plan.update,
        },
      ];
      for (const r of requests) {
        const sent = await client.send({
          method: r.method,
          url: r.url,
          headers: JSON_HEADERS,
          body: JSON.stringify(r.body),
          label: `flux V3 ${r.method}`,
        });
        const status = sent.exchange.response?.status;
        report.sent.push({
          method: r.method,
          url: r.url,
          ...(status !== undefined ? { status } : { error: sent.exchange.error?.message ?? sent.exchange.outcome }),
        });
      }
    }
  } finally {
    await client.close();
  }
  return report;
}
