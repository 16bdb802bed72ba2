/**
 * The flux V3 case kinds (appointment information the editor's software sends to SAS): today one,
 * `appointment-receive`, which plays SAS's side for the editor to send to and judges what it received.
 */
import type { CaseKind } from '../../cahier/kinds.js';
import type { FlowDeps, FlowSession } from '../context.js';
import { appointmentReceiveKind } from './receive-kind.js';

export function appointmentKinds(deps: FlowDeps, session: FlowSession): CaseKind[] {
  return [appointmentReceiveKind(deps, session)];
}

export { APPOINTMENT_RECEIVE } from './receive-kind.js';
