/**
 * Rule ids and requirement ids of the regulator-account checks (flux V1), and the FrPractitionerRegul
 * canonical and identifier systems the payloads use. Rule ids are stable (defects.ts names
 * SAS-REG-002 and SAS-REG-005); requirements are sas-v1@N of requirements/requirements.yaml.
 */

import { PROFILE, SYSTEM } from '../../sas/canonicals.js';

export const REG = {
  /** A valid write gets its success status: create 201, update 200, PUT on an unknown account 200 or 201. */
  writeStatus: 'SAS-REG-001',
  /** An invalid payload (profile or FHIR violation) is refused with a 4xx. */
  invalidRefused: 'SAS-REG-002',
  /** A success carries `Location: [base]/Practitioner/<id>`. */
  location: 'SAS-REG-003',
  /** Every refusal or failure carries an OperationOutcome body. */
  outcomeBody: 'SAS-REG-004',
  /** Reading the account back after an update shows the value sent. */
  readBack: 'SAS-REG-005',
  /** The refusal's status: 400 (malformed) or 422 (business rule), for information. */
  refusalCode: 'SAS-REG-006',
  /** Payload without name or telecom: the ANS kit expects a refusal, the profile allows it. */
  kitOnlyFields: 'SAS-REG-007',
  /** A second POST of an existing account is refused (ANS kit only). */
  duplicate: 'SAS-REG-008',
  /** After de-habilitation, the IDNPS can be attached to another account (ANS kit only). */
  reattach: 'SAS-REG-009',
  /** A request without a client certificate is refused on the same endpoint. */
  noCertificate: 'SAS-REG-010',
  /** A conditional update reaches the account it addresses (same id in Location). */
  sameAccount: 'SAS-REG-011',
  /** The payloads sent were validated against FrPractitionerRegul by sas-recette's engine. */
  preValidation: 'SAS-REG-012',
  /** The run's clean-up: the accounts it created are deactivated. */
  cleanup: 'SAS-REG-013',
} as const;

/** sas-v1@N, numbered as the facts document's V1-0N. */
export const V1 = {
  createIdnps: 'sas-v1@1',
  createUuid: 'sas-v1@2',
  createLocation: 'sas-v1@3',
  update: 'sas-v1@4',
  bothSystems: 'sas-v1@5',
  putAsCreate: 'sas-v1@6',
  activation: 'sas-v1@7',
  fieldUpdates: 'sas-v1@8',
  uuidToIdnps: 'sas-v1@9',
  outcome: 'sas-v1@10',
  refusalCodes: 'sas-v1@11',
  missingRequired: 'sas-v1@12',
  invalidValues: 'sas-v1@13',
  kitOnly: 'sas-v1@14',
  duplicate: 'sas-v1@15',
  reattach: 'sas-v1@16',
  sameEndpoint: 'sas-v1@17',
} as const;

export const REGUL_PROFILE = PROFILE.practitionerRegul;

export const REGUL_SYSTEM = {
  /** National id of health professionals (IDNPS). */
  idnps: SYSTEM.idnps,
  /** The SAS platform: its technical ids (INTRN) and `meta.source`. */
  sas: SYSTEM.sas,
  /** Identifier type codes (IDNPS, INTRN). */
  typeCodes: SYSTEM.frV20203,
} as const;

export type IdentifierType = 'IDNPS' | 'INTRN';

export const SYSTEM_OF: Readonly<Record<IdentifierType, string>> = { IDNPS: REGUL_SYSTEM.idnps, INTRN: REGUL_SYSTEM.sas };
