export { createHttpClient, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, DEFAULT_EVIDENCE_BODY_BYTES } from './client.js';
export { redactHeaders, redactUrl, isSecretName, REDACTED } from './redact.js';
export { loadTlsMaterial, describeCertificate, type TlsMaterial } from './tls-material.js';
export { classifyError, kindOfCode } from './classify-error.js';
export { mediaTypeOf } from './media-type.js';
export type * from './types.js';
