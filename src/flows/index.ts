/**
 * The appointment-side checks as case kinds (`kind:` in the cahier): regulator accounts (flux V1),
 * booking URL and SSO (flux V2), appointment information received from the editor (flux V3).
 *
 *   const kinds = kindRegistry([...flowKinds({ definitions })]);
 */
import type { CaseKind } from '../cahier/kinds.js';
import { newFlowSession, type FlowDeps } from './context.js';
import { regulatorKinds } from './regulators/index.js';
import { ssoKinds } from './sso/index.js';
import { appointmentKinds } from './appointments/index.js';

/** The appointment-side kinds of one run, sharing one session (accounts created, to clean up). */
export function flowKinds(deps: FlowDeps = {}): CaseKind[] {
  const session = newFlowSession();
  return [...regulatorKinds(deps, session), ...ssoKinds(deps, session), ...appointmentKinds(deps, session)];
}

export type { FlowDeps, FlowSession, ReceiveSettings, CreatedRegulator } from './context.js';
