/**
 * Regulator accounts of the reference editor (flux V1, INT_R02): POST and conditional PUT of
 * FrPractitionerRegul, kept in memory for the server's life. (Scaffold: filled in by the flux V1 work.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DefectName } from './defects.js';
import { operationOutcome } from './check-request.js';
import { FHIR_JSON } from '../sas/canonicals.js';

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

export function regulatorAccounts(_opts: { defects: ReadonlySet<DefectName>; now: () => Date }): RegulatorAccounts {
  return {
    list: () => [],
    handle(_req, res) {
      res.writeHead(501, { 'Content-Type': FHIR_JSON });
      res.end(JSON.stringify(operationOutcome([{ code: 'not-supported', text: 'regulator accounts are not implemented yet' }])));
    },
  };
}
