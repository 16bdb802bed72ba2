/** Reusable pieces of `sas-recette validate` (the run pipeline validates each response with them). */
export { MAX_INPUT_BYTES, parseFhirJson, type ParsedInput, type RawInput } from './parse-input.js';
export { readInput, type InputSource } from './read-input.js';
export { parseNow } from './parse-now.js';
export { chooseUseCase, useCaseOfProfile, type UseCaseChoice, type UseCaseHints, type UseCaseOrigin } from './use-case.js';
export { validateInput, type ValidateInputOptions, type ValidateInputResult } from './validate-input.js';
export { validateFile, type ValidateFileOptions } from './validate-file.js';
export { requireIg } from './require-ig.js';
export { buildReport, orderFindings, groupByResource, resourceLabel, type ValidationReport } from './report.js';
export { formatText, type TextFormatOptions } from './format-text.js';
export { formatJson, toJsonReport, type JsonReport, type JsonIssue, type JsonOfficial, type JsonDisagreement } from './format-json.js';
export {
  attachOfficial,
  officialIgPackages,
  validateWithOfficial,
  type OfficialFileOptions,
  type OfficialReport,
} from './official.js';
export { terminalSafe } from './terminal-safe.js';
export { listPackageSources, SAS_IG_ID, type PackageListing, type IgStatus, type DependencyStatus } from './ig-status.js';
export { formatPackageListing } from './format-ig-list.js';
