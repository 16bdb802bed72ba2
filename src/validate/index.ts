/**
 * Reusable pieces of `sas-recette validate` (the run pipeline validates each response with them). Their
 * text and JSON output is in src/report/validation/, the last stage of the pipeline.
 */
export { MAX_INPUT_BYTES, parseFhirJson, type ParsedInput, type RawInput } from './parse-input.js';
export { readInput, type InputSource } from './read-input.js';
export {
  chooseUseCase,
  isAppointmentUseCase,
  useCaseOfProfile,
  type UseCaseChoice,
  type UseCaseHints,
  type UseCaseOrigin,
  type ValidateUseCase,
} from './use-case.js';
export { appointmentProfile, validateAppointmentInput, type AppointmentInputOptions } from './appointment-input.js';
export {
  judgeLatestRequest,
  judgeReceivedSession,
  profileLoaded,
  type ReceivedRequestVerdict,
  type ReceivedSessionInput,
  type ReceivedSessionVerdict,
  type ReceivedSummary,
} from './received-session.js';
export { validateInput, type ValidateInputOptions, type ValidateInputResult } from './validate-input.js';
export { validateFile, type ValidateFileOptions } from './validate-file.js';
export { requireIg } from './require-ig.js';
export { buildReport, orderFindings, resourceLabel, type ValidationReport } from './validation-report.js';
// Types only: the official validator's functions are in ./official.js, loaded when it is asked for.
export type { OfficialFileOptions, OfficialReport } from './official.js';
export { listPackageSources, SAS_IG_ID, type PackageListing, type IgStatus, type DependencyStatus } from './ig-status.js';
