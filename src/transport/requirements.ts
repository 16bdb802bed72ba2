/**
 * Requirement ids the transport checks verify. `agg-psindiv@N` are the ANS kit's requirements
 * (sas-test-kit-catalog §3.2); `sas-tls@N` are sas-recette's transport requirements
 * (requirements/requirements.yaml). Kept in one place so the catalogue and the checks stay in step.
 */
export const REQ = {
  /** Mutual TLS with an IGC-Santé client certificate on every request. */
  mtls: 'sas-tls@1',
  /** A request without client certificate is refused. */
  noCertificate: 'sas-tls@2',
  /** A certificate from another CA is refused. */
  otherCa: 'sas-tls@3',
  /** An expired certificate is refused. */
  expired: 'sas-tls@4',
  /** A certificate with an unexpected CN is refused. */
  wrongCn: 'sas-tls@5',
  /** A certificate with an unexpected OU is refused. */
  wrongOu: 'sas-tls@6',
  /** A revoked certificate is refused. */
  revoked: 'sas-tls@7',
  /** TLS versions below 1.2 are refused. */
  noLegacyTls: 'sas-tls@8',
  /** TLS 1.2 is accepted. */
  tls12: 'sas-tls@9',
  /** Answer within the SAS time-out (7 s). */
  budget: 'sas-tls@10',
  /** Answer within the 1 s target. */
  target: 'sas-tls@11',
  /** `GET [base]/metadata` returns a CapabilityStatement. */
  capability: 'sas-tls@12',
  /** The CapabilityStatement declares the search of the use case (resource, parameters, includes). */
  capabilitySearch: 'sas-tls@13',
  /** An invalid search gets a 4xx with an OperationOutcome. */
  errorContract: 'sas-tls@14',
  /** A search for unknown identifiers gets 200 and an empty searchset. */
  emptyResult: 'sas-tls@15',
  // ANS kit requirements (agg-psindiv set).
  kitMtls: 'agg-psindiv@1',
  kitCn: 'agg-psindiv@2',
  kitOu: 'agg-psindiv@3',
  kitSlotSearch: 'agg-psindiv@4',
  kitEmptyBundle: 'agg-psindiv@8',
} as const;
