/**
 * The YAML shape of the requirements catalogue (requirements/requirements.yaml), as written, before the loader applies defaults.
 * Generated from requirements/requirements.schema.json by scripts/generate-format-types.mjs: do not edit by hand;
 * change the schema, then run `npm run formats` (a test fails while this file is out of date).
 */

export interface RequirementsFile {
  version: 1;
  /**
   * @minItems 1
   */
  requirements: Requirement[];
  /**
   * recorded departures from the severity table (SHALL → error, SHOULD → warning)
   */
  waivers?: Waiver[];
}
export interface Requirement {
  /**
   * set@number, stable: never reused with another meaning
   */
  id: string;
  /**
   * the requirement, in French
   */
  text: string;
  /**
   * written strength: a rule verifying a SHALL reports errors, a SHOULD warnings, a MAY information (a SHALL NOT is a SHALL whose text says what is forbidden)
   */
  strength: 'SHALL' | 'SHOULD' | 'MAY';
  source: Source;
  /**
   * @minItems 1
   */
  useCases: ('psindiv' | 'cpts' | 'sos')[];
  testability: 'automatic' | 'declarative' | 'not-testable';
  conditional?: boolean;
  note?: string;
}
export interface Source {
  /**
   * ig: IG page or profile; fhir: FHIR R4 specification; faq: FAQ éditeurs; kit: ANS test kit; spec: ANS mTLS specification; seed: the project's seed document; good-practice: no written source
   */
  kind: 'ig' | 'fhir' | 'faq' | 'kit' | 'spec' | 'seed' | 'good-practice';
  /**
   * the page, profile element, kit test id or document it comes from
   */
  ref: string;
}
export interface Waiver {
  rule: string;
  /**
   * the severity the rule gives instead of the table's
   */
  severity: 'error' | 'warning' | 'information';
  /**
   * @minItems 1
   */
  useCases?: ('psindiv' | 'cpts' | 'sos')[];
  /**
   * the case the departure applies to
   */
  when: string;
  /**
   * why, in French
   */
  reason: string;
  /**
   * what the reason rests on (example, page, kit test)
   */
  source: string;
}
