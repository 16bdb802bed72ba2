/**
 * The SAS side of flux V3 (INT_R03), as sas-recette plays it: an HTTPS endpoint with mutual TLS that
 * receives the editor's POST [base]/Appointment and PUT [base]/Appointment?identifier=system|value,
 * answers as SAS would (201 / 200 + Location, 4xx + OperationOutcome for an invalid payload) and
 * records every exchange as evidence. Used by the flux-v3 case of a run and by `sas-recette receive`.
 * (Scaffold: filled in by the flux V3 work; the signatures stay.)
 */
import type { Exchange } from '../../core/model.js';
import type { ReceiveSettings } from '../context.js';
import type { AppointmentFlavour } from './judge-appointment.js';

export interface ReceiveServerOptions extends ReceiveSettings {
  flavour: AppointmentFlavour;
  /** Called for each exchange once answered (console lines of `receive`). */
  onExchange?: (e: Exchange) => void;
}

export interface ReceiveServer {
  /** FHIR base URL the editor's software sends to, e.g. `https://127.0.0.1:PORT/fhir`. */
  url: string;
  /** Every exchange received so far, in order (request with body, response, TLS facts). */
  received(): Exchange[];
  close(): Promise<void>;
}

export async function startReceiveServer(_o: ReceiveServerOptions): Promise<ReceiveServer> {
  throw new Error('the SAS side of flux V3 is not implemented yet');
}
