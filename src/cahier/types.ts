/**
 * The cahier de recette as the run pipeline sees it: one TestCase per YAML case, with the file
 * defaults applied and every value an editor can get wrong located in its file. The YAML shape itself
 * is generated from schemas/cahier.schema.json (src/core/formats/cahier-file.ts); these types extend
 * it, so a field added to the schema reaches every case without being written twice.
 */
import type { SourceRef } from '../core/errors.js';
import type { CaseSeverity, UseCase } from '../core/model.js';
import type { Case, CahierFile, Expect, JddKeys, PlaceCounts, Request, RoleNeed, Status } from '../core/formats/cahier-file.js';

/** The YAML shape of a cahier file and of one of its cases (validated by schemas/cahier.schema.json). */
export type { CahierFile };
export type RawCase = Case;

/** JDD entries named by key, or every entry of the JDD (at most 25, the SAS maximum per search). */
export type { JddKeys };

/**
 * A role a case needs, from the vocabulary of src/cahier/roles.ts (`two-places`, `multi-ps`…); a
 * trailing `?` makes it optional (used when the JDD fills it, left out otherwise).
 */
export type { RoleNeed };

/**
 * What JDD data a case uses: roles (the usual way, any editor's JDD) or, for custom cahiers, explicit
 * JDD keys. A case names one or the other, never both. `roles` holds the YAML `role: x` too.
 */
export type JddRefs = Pick<Case, 'practitioners' | 'cpts' | 'sos' | 'roles'>;

/** The request of a search case: window, identifiers added, parameters left out or written as given. */
export type SearchRequestSpec = Request;

/** An HTTP status, a status class (`4xx`), or a list of them. */
export type StatusSpec = Status;

/** `jdd`: the value the JDD entries of the case give; absent: not checked. */
export type FromJdd<T> = 'jdd' | T;

export type { PlaceCounts };

/** Rules a case judges (ids or `*` patterns), and those that must report no error / an error. */
export type RuleExpectations = NonNullable<Expect['rules']>;

/** What the answer to a search case must be (status, types, places, facts, rules, latency…). */
export type SearchExpectations = Expect;

/** Fields the loader always fills: from the file's defaults, or the tool's. */
type Defaulted = 'group' | 'useCase' | 'kind' | 'tags' | 'severity' | 'request' | 'expect';

export interface TestCase extends Omit<Case, Defaulted | 'role'>, Required<Pick<Case, 'group' | 'kind' | 'tags' | 'request' | 'expect'>> {
  /** For a case written `useCase: all`, the run's first use case (src/run/plan.ts binds it). */
  useCase: UseCase;
  /** Written `useCase: all`: a check of the interface whatever the use case (regulator accounts), played when the run covers any. */
  anyUseCase?: true;
  severity: CaseSeverity;
  /** Where the case starts in its file, and its position in the file's `cases`. */
  source: SourceRef;
  caseIndex: number;
  /** Locates a path inside the case (e.g. `['practitioners', 1]`) for semantic errors. */
  locate(path: (string | number)[]): SourceRef;
}
