/**
 * The reference editor's appointment sender (flux V3, INT_R03): as a booking tool does when a regulator
 * books, it POSTs the appointments of its JDDs to the SAS side, then PUTs their updates (cancellation,
 * fulfilled…). (Scaffold: filled in by the flux V3 work.)
 */
import type { Jdd } from '../jdd/types.js';
import type { DefectName } from './defects.js';
import type { HeldAccount } from './regulator-accounts.js';

export interface SendTarget {
  /** FHIR base URL of the SAS side, e.g. `https://127.0.0.1:PORT/fhir`. */
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

export async function sendAppointments(_to: SendTarget, _o: SendOptions): Promise<SendReport> {
  return { sent: [] };
}
