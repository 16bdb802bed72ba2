/**
 * The case kinds a run knows besides `search`: the transport checks (mTLS accepted/refused, TLS
 * versions, latency series, CapabilityStatement, error contract), given what they need.
 */
import type { TransportDeps } from '../transport/context.js';
import { transportKinds } from '../transport/index.js';
import type { CaseKind } from '../cahier/kinds.js';

export function registeredKinds(deps: TransportDeps): CaseKind[] {
  return transportKinds(deps);
}
