/** The outputs of `sas-recette validate`: human text (the shared finding rows) and the documented JSON (docs/validate.md). */
export { formatText, type TextFormatOptions } from './text.js';
export { formatJson, toJsonReport, type JsonReport, type JsonIssue, type JsonOfficial, type JsonDisagreement } from './json.js';
