/**
 * The YAML shape of a cahier de recette file (testcases/*.yaml), as written, before the loader applies defaults.
 * Generated from schemas/cahier.schema.json by scripts/generate-format-types.mjs: do not edit by hand;
 * change the schema, then run `npm run formats` (a test fails while this file is out of date).
 */

/**
 * a lower-case name (letters, digits, dashes)
 */
export type Name = string;
/**
 * psindiv, cpts or sos; all: a check of the editor's interface whatever its use cases (regulator accounts), played when the run covers any use case, with the first JDD that has what the case needs
 */
export type UseCase = 'psindiv' | 'cpts' | 'sos' | 'all';
export type Severity = 'blocking' | 'minor';
/**
 * Items: a tag (letters, digits, . _ -; no leading !)
 */
export type Tags = string[];
/**
 * a role name such as two-places (datasets/README.md); a trailing ? makes it optional
 */
export type RoleNeed = string;
/**
 * JDD keys (custom cahiers; the shipped cahier names roles), or "all" for every entry of the JDD (at most 25)
 */
export type JddKeys = 'all' | string[];
export type ParamValue = string | string[];
/**
 * an HTTP status (200), a class ("4xx") or a list of them
 */
export type Status = number | string | (number | string)[];
export type Count = number;
/**
 * "jdd" (the codes of the JDD entries the case names) or the exact list of codes; not checked when absent
 */
export type FromJddOrCodes = 'jdd' | Codes;
export type Codes = string[];

/**
 * One file of test cases. Values an editor can get wrong in YAML (identifiers, versions) are strings; test data are named by JDD key, never copied.
 */
export interface CahierFile {
  $schema?: string;
  /**
   * default group of the cases of this file
   */
  group?: Name;
  /**
   * default use case of the cases of this file
   */
  useCase?: UseCase;
  /**
   * default severity of the cases of this file
   */
  severity?: Severity;
  /**
   * tags added to every case of this file
   */
  tags?: Tags;
  /**
   * @minItems 1
   */
  cases: Case[];
}
export interface Case {
  /**
   * an upper-case id such as PS-4.3-REFS
   */
  id: string;
  title: Message;
  description?: Message;
  group?: Name;
  useCase?: UseCase;
  /**
   * search (default) or a kind registered by an extension (e.g. transport checks)
   */
  kind?: Name;
  /**
   * Items: a requirement id such as agg-psindiv@17
   */
  requirements: string[];
  tags?: Tags;
  severity?: Severity;
  /**
   * the role of JDD entry this case needs (shorthand for roles: [x])
   */
  role?: RoleNeed;
  /**
   * the roles of JDD entries this case needs; the JDD says which entries play them (datasets/README.md)
   *
   * @minItems 1
   */
  roles?: RoleNeed[];
  practitioners?: JddKeys;
  cpts?: JddKeys;
  sos?: JddKeys;
  request?: Request;
  expect?: Expect;
  /**
   * parameters of a non-search kind (checked by that kind)
   */
  params?: {
    [k: string]: unknown;
  };
}
export interface Message {
  fr: string;
  en: string;
}
export interface Request {
  window?: {
    /**
     * window start = now + offsetHours (default 0)
     */
    offsetHours?: number;
    /**
     * window length in hours (default 48)
     */
    hours?: number;
  };
  /**
   * add this many identifiers unknown to the editor (the JDD's unknownIdentifiers first)
   */
  unknownIdentifiers?: number;
  /**
   * pad the identifier list to this many identifiers with unknown ones
   */
  count?: number;
  /**
   * parameters left out of the request
   */
  omit?: string[];
  /**
   * parameters set as written (replace the built ones or are added); {ge}, {le} and {identifiers} are replaced
   */
  params?: {
    [k: string]: ParamValue;
  };
  /**
   * Accept header (default application/fhir+json)
   */
  accept?: string;
}
export interface Expect {
  status?: Status;
  /**
   * media type the response must carry (otherwise a non-FHIR JSON type is only a warning)
   */
  contentType?: string;
  /**
   * the body must be an OperationOutcome
   */
  operationOutcome?: boolean;
  /**
   * empty or non-empty (default non-empty for a 200 search naming JDD entries)
   */
  result?: 'empty' | 'non-empty';
  total?: Count;
  slotTypes?: FromJddOrCodes;
  consultationTypes?: FromJddOrCodes;
  /**
   * per PS, the FINESS of the CPTS its slots are offered through match the JDD declaration
   */
  cptsFiness?: 'jdd';
  /**
   * the answer's data for the JDD entries of the case (names, addresses, phones, booking URL base, structure identifiers, appointment types, CPTS name and phone) match the JDD
   */
  facts?: 'jdd';
  /**
   * whether the returned slots are offered through a CPTS (all) or not (none); not checked when absent
   */
  cptsSlots?: 'all' | 'none';
  /**
   * at least one slot is visible to two CPTS or more
   */
  sharedCptsSlot?: boolean;
  /**
   * "jdd" (one Practitioner per PS, one PractitionerRole and Schedule per place, one HealthcareService and Organization per CPTS…) or exact counts; not checked when absent
   */
  places?: 'jdd' | PlaceCounts;
  /**
   * valid: the Bundle must conform to the IG profiles (structural validation); any (default): not judged
   */
  structure?: 'valid' | 'any';
  rules?: {
    /**
     * rules judged by this case: ids or patterns such as SAS-WIN-* or * (default: none)
     *
     * @minItems 1
     *
     * Items: a rule id or a pattern with *
     */
    check?: string[];
    /**
     * rules that must report no error
     */
    pass?: string[];
    /**
     * rules that must report an error
     */
    fail?: string[];
  };
  latency?: {
    /**
     * answer time above which the case fails (SAS time-out 7000)
     */
    budgetMs?: number;
    /**
     * answer time above which a warning is given
     */
    targetMs?: number;
  };
}
export interface PlaceCounts {
  practitioners?: Count;
  practitionerRoles?: Count;
  schedules?: Count;
  locations?: Count;
  healthcareServices?: Count;
  organizations?: Count;
}
