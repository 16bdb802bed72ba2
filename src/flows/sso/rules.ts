/**
 * The rule ids of the booking-URL and SSO checks (flux V2) and the requirements each verifies, with
 * the severity its written strength gives (requirements/requirements.yaml, set sas-v2):
 *
 * | rule | what | requirement | severity |
 * |---|---|---|---|
 * | SAS-SSO-001 | Slot.comment is an absolute http(s) URL | sas-v2@1 SHALL | error |
 * | SAS-SSO-002 | with `origin`, an unauthenticated visit reaches a login, not the agenda | sas-v2@4 SHALL | error |
 * | SAS-SSO-003 | target editor-login: that login is the editor's own page | sas-v2@5 SHALL | error |
 * | SAS-SSO-004 | without `origin`, the regulator's features are not shown | sas-v2@8 SHALL | error |
 * | SAS-SSO-005 | the URL with `origin` works (answers, no 4xx/5xx, no broken redirect) | sas-v2@3 SHALL | error |
 * | SAS-SSO-006 | target sas-oidc: the login is the SAS pre-production OIDC realm | sas-v2@6 SHOULD (kit only) | warning |
 * | SAS-SSO-007 | the target and origin applied, and why | sas-v2@5 / @6 | information |
 * | SAS-SSO-008 | whether `origin` survives the redirect (the IG does not require it) | — | information |
 * | SAS-SSO-009 | an answer that cannot be judged statically (script shell, unknown host…) | the check's | information, not checked |
 * | SAS-SSO-010 | how many distinct booking URLs the search gave, and which were visited | — | information |
 *
 * A check that passes leaves an information note under its own rule id, so the PV shows what was seen.
 */

export const SSO_RULE = {
  bookingUrl: 'SAS-SSO-001',
  loginReached: 'SAS-SSO-002',
  editorLogin: 'SAS-SSO-003',
  withoutOrigin: 'SAS-SSO-004',
  urlWorks: 'SAS-SSO-005',
  kitRealm: 'SAS-SSO-006',
  targetApplied: 'SAS-SSO-007',
  originKept: 'SAS-SSO-008',
  notJudged: 'SAS-SSO-009',
  visited: 'SAS-SSO-010',
} as const;

export const SSO_REQ = {
  bookingUrl: 'sas-v2@1',
  originWorks: 'sas-v2@3',
  loginFirst: 'sas-v2@4',
  editorLogin: 'sas-v2@5',
  kitRealm: 'sas-v2@6',
  attestation: 'sas-v2@7',
  withoutOrigin: 'sas-v2@8',
} as const;
