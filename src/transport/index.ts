/**
 * Transport and platform checks, exposed to the run pipeline as case kinds (`kind:` in the cahier):
 * mtls-accepted, mtls-refused, tls-versions, latency, capability-statement, error-contract.
 *
 *   const kinds = kindRegistry([...transportKinds({ tlsProfile, definitions })]);
 */
import type { CaseKind } from '../cahier/kinds.js';
import { capabilityKind } from './capability.js';
import type { TransportDeps } from './context.js';
import { errorContractKind } from './error-contract.js';
import { latencyKind } from './latency.js';
import { mtlsKinds } from './mtls.js';
import { tlsVersionsKind } from './tls-versions.js';

export const TRANSPORT_KIND_NAMES = [
  'mtls-accepted',
  'mtls-refused',
  'tls-versions',
  'latency',
  'capability-statement',
  'error-contract',
] as const;
export type TransportKindName = (typeof TRANSPORT_KIND_NAMES)[number];

/** The transport case kinds, bound to what only they need (tls-profile, IG definitions). */
export function transportKinds(deps: TransportDeps = {}): CaseKind[] {
  return [...mtlsKinds(deps), tlsVersionsKind(deps), latencyKind(deps), capabilityKind(deps), errorContractKind(deps)];
}

export type { TransportContext, TransportDeps, TransportOutcome } from './context.js';
export { classifyMtls, type MtlsReading, type MtlsVerdict } from './classify-mtls.js';
export {
  loadTlsProfile,
  mergeProfileTls,
  NEGATIVE_CERTIFICATES,
  type TlsProfile,
  type ProfileCertificate,
  type NegativeCertificate,
} from './tls-profile.js';
export { makePki, type PkiOptions, type TestPki } from './make-pki.js';
export { makeUntrustedCertificate } from './untrusted-cert.js';
export { probeTlsVersion, type ProbeResult } from './tls-probe.js';
export { percentile, summarise } from './latency.js';
export { REQ as TRANSPORT_REQUIREMENTS } from './requirements.js';
