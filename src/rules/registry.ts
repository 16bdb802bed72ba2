/** Every SAS rule, in report order. Rule ids are stable: a retired id is never reused. */
import { ADDRESS_RULES } from './addresses.js';
import { BOOKING_RULES } from './booking-url.js';
import { BUNDLE_RULES } from './bundle.js';
import { COHERENCE_RULES } from './coherence.js';
import { CPTS_RULES } from './cpts.js';
import { DATE_RULES } from './dates.js';
import { IDENTIFIER_RULES } from './identifiers.js';
import { PHONE_RULES } from './phones.js';
import { PROFILE_RULES } from './profiles.js';
import { REFERENCE_RULES } from './references.js';
import { SLOT_TYPE_RULES } from './slot-types.js';
import { STRUCTURE_RULES } from './structures.js';
import type { Rule } from './types.js';
import { WINDOW_RULES } from './window.js';

export const RULES: readonly Rule[] = Object.freeze([
  ...BUNDLE_RULES,
  ...REFERENCE_RULES,
  ...WINDOW_RULES,
  ...DATE_RULES,
  ...IDENTIFIER_RULES,
  ...STRUCTURE_RULES,
  ...PHONE_RULES,
  ...ADDRESS_RULES,
  ...BOOKING_RULES,
  ...SLOT_TYPE_RULES,
  ...CPTS_RULES,
  ...COHERENCE_RULES,
  ...PROFILE_RULES,
]);

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
