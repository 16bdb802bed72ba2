/**
 * The booking-URL and SSO checks (flux V2) as case kinds: `sso-unauthenticated` (an unauthenticated
 * visit of each booking URL, with or without the `origin` SAS appends) and `sso-attestation` (the
 * authenticated part, a reviewer's attestation with the exact link to open). They share nothing across
 * cases and need no IG definitions.
 */
import type { CaseKind } from '../../cahier/kinds.js';
import type { FlowDeps, FlowSession } from '../context.js';
import { attestationKind } from './attestation.js';
import { unauthenticatedKind } from './unauthenticated.js';

export function ssoKinds(_deps: FlowDeps, _session: FlowSession): CaseKind[] {
  return [unauthenticatedKind(), attestationKind()];
}

export { withOrigin, withoutOrigin } from './booking-link.js';
export { KIT_OIDC_REALM, ssoTarget, type SsoTarget } from './sso-target.js';
