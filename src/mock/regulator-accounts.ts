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

export interface RegulatorAccounts {
  handle(req: IncomingMessage, res: ServerResponse, r: RegulatorRequest): void;
}

export function regulatorAccounts(_opts: { defects: ReadonlySet<DefectName>; now: () => Date }): RegulatorAccounts {
  return {
    handle(_req, res) {
      res.writeHead(501, { 'Content-Type': FHIR_JSON });
      res.end(JSON.stringify(operationOutcome([{ code: 'not-supported', text: 'regulator accounts are not implemented yet' }])));
    },
  };
}
