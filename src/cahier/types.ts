/**
 * The cahier de recette as the run pipeline sees it: one TestCase per YAML case, with the file
 * defaults applied and every value an editor can get wrong located in its file.
 */
import type { Message } from '../core/findings.js';
import type { SourceRef } from '../core/errors.js';
import type { CaseSeverity, UseCase } from '../core/model.js';

/** JDD entries named by key, or every entry of the JDD (at most 25, the SAS maximum per search). */
export type JddKeys = string[] | 'all';

/**
 * A role a case needs, from the vocabulary of src/cahier/roles.ts (`two-places`, `multi-ps`…); a
 * trailing `?` makes it optional (used when the JDD fills it, left out otherwise).
 */
export type RoleNeed = string;

/**
 * What JDD data a case uses: roles (the usual way, any editor's JDD) or, for custom cahiers, explicit
 * JDD keys. A case names one or the other, never both.
 */
export interface JddRefs {
  practitioners?: JddKeys;
  cpts?: JddKeys;
  sos?: JddKeys;
  /** Roles the case needs, in order (YAML `role: x` or `roles: [x, y?]`). */
  roles?: RoleNeed[];
}

export interface SearchRequestSpec {
  /** Window start = now + offsetHours; length in hours (default: the standard window). */
  window?: { offsetHours?: number; hours?: number };
  /** Append this many identifiers the editor does not know. */
  unknownIdentifiers?: number;
  /** Pad the identifier list to this many identifiers with unknown ones. */
  count?: number;
  /** Parameters left out of the request. */
  omit?: string[];
  /** Parameters written as given (replace or add); `{ge}`, `{le}`, `{identifiers}` are substituted. */
  params?: Record<string, string | string[]>;
  accept?: string;
}

/** An HTTP status, a status class (`4xx`), or a list of them. */
export type StatusSpec = number | string | (number | string)[];

/** `jdd`: the value the JDD entries of the case give; absent: not checked. */
export type FromJdd<T> = 'jdd' | T;

export interface PlaceCounts {
  practitioners?: number;
  practitionerRoles?: number;
  schedules?: number;
  locations?: number;
  healthcareServices?: number;
  organizations?: number;
}

export interface RuleExpectations {
  /** Rule ids or `*` patterns this case judges (default: none). */
  check?: string[];
  /** Rules that must report no error. */
  pass?: string[];
  /** Rules that must report an error (self-tests of the cahier). */
  fail?: string[];
}

export interface SearchExpectations {
  status?: StatusSpec;
  contentType?: string;
  operationOutcome?: boolean;
  result?: 'empty' | 'non-empty';
  total?: number;
  slotTypes?: FromJdd<string[]>;
  consultationTypes?: FromJdd<string[]>;
  cptsFiness?: 'jdd';
  /** The answer's data for the named JDD entries (names, addresses, phones…) match the JDD (src/run/jdd-facts.ts). */
  facts?: 'jdd';
  cptsSlots?: 'all' | 'none';
  sharedCptsSlot?: boolean;
  places?: FromJdd<PlaceCounts>;
  structure?: 'valid' | 'any';
  rules?: RuleExpectations;
  latency?: { budgetMs?: number; targetMs?: number };
}

export interface TestCase extends JddRefs {
  id: string;
  title: Message;
  description?: Message;
  group: string;
  useCase: UseCase;
  /** `search` (default) or a kind registered by an extension. */
  kind: string;
  requirements: string[];
  tags: string[];
  severity: CaseSeverity;
  request: SearchRequestSpec;
  expect: SearchExpectations;
  /** Parameters of a non-search kind. */
  params?: Record<string, unknown>;
  /** Where the case starts in its file, and its position in the file's `cases`. */
  source: SourceRef;
  caseIndex: number;
  /** Locates a path inside the case (e.g. `['practitioners', 1]`) for semantic errors. */
  locate(path: (string | number)[]): SourceRef;
}

/** The YAML shape of a cahier file (validated by schemas/cahier.schema.json). */
export interface CahierFile {
  group?: string;
  useCase?: UseCase;
  severity?: CaseSeverity;
  tags?: string[];
  cases: RawCase[];
}

export type RawCase = Omit<
  TestCase,
  'group' | 'useCase' | 'kind' | 'tags' | 'severity' | 'request' | 'expect' | 'source' | 'caseIndex' | 'locate'
> & {
  /** Shorthand for `roles: [x]`. */
  role?: RoleNeed;
  group?: string;
  useCase?: UseCase;
  kind?: string;
  tags?: string[];
  severity?: CaseSeverity;
  request?: SearchRequestSpec;
  expect?: SearchExpectations;
};
