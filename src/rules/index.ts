/**
 * Entry point of the SAS business rules. Placeholder until the rules land: returns no finding.
 */
import type { Finding } from '../core/findings.js';
import type { RuleContext } from './types.js';

export function runRules(_bundle: unknown, _ctx: RuleContext): Finding[] {
  return [];
}
