/**
 * Optional official-validator mode: the HL7 FHIR validator (Java) beside our engine. See
 * docs/official-validator.md.
 */
export type { Disagreement, OfficialUnavailable, OfficialValidator, OfficialValidatorInfo, OfficialValidatorOptions } from './types.js';
export { isOfficialUnavailable } from './types.js';
export {
  DEFAULT_START_TIMEOUT_MS,
  officialGateFailures,
  officialUnavailableFinding,
  startOfficialValidator,
  withOfficialValidator,
} from './start.js';
export { normaliseOfficialLocation, operationOutcomeToFindings, type OutcomeContext } from './operation-outcome.js';
export { compareEngines, countDisagreements, type CompareOptions } from './compare-engines.js';
