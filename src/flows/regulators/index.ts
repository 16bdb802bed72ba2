/** Scaffold: the regulators case kinds (filled in by their own work). */
import type { CaseKind } from '../../cahier/kinds.js';
import type { FlowDeps, FlowSession } from '../context.js';

export function regulatorKinds(_deps: FlowDeps, _session: FlowSession): CaseKind[] {
  return [];
}
