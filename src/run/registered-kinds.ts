/**
 * The case kinds of a run. The cahier is read with the kinds it may name besides the default
 * `search` (the transport checks: mTLS accepted/refused, TLS versions, latency series,
 * CapabilityStatement, error contract; regulator accounts, booking URL and SSO, appointments received,
 * given what they need); each run then registers the search
 * executor beside them, made for that run (its request cache, validators and rules).
 */
import type { TransportDeps } from '../transport/context.js';
import { transportKinds } from '../transport/index.js';
import { flowKinds, type FlowDeps } from '../flows/index.js';
import { kindRegistry, type CaseKind } from '../cahier/kinds.js';
import { searchKind } from './search-case.js';
import type { AnswerChecks } from './search-response.js';

/**
 * The kinds a cahier may name besides `search`, with their parameter schemas: the transport checks and
 * the appointment-side flows (one flow session per call: call once per run).
 */
export function registeredKinds(deps: TransportDeps & FlowDeps): CaseKind[] {
  return [...transportKinds(deps), ...flowKinds(deps)];
}

/** Every executor of one run, by kind name: a fresh `search` executor and the other kinds. */
export function runKinds(kinds: readonly CaseKind[], search: AnswerChecks): ReadonlyMap<string, CaseKind> {
  return kindRegistry([searchKind(search), ...kinds]);
}
