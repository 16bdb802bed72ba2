/**
 * Contract of the structural validation engine (implemented in this folder).
 */
import type { Finding } from '../../core/findings.js';
import type { DefinitionIndex } from '../packages/types.js';
import type { UseCase } from '../../core/model.js';

export interface ValidateOptions {
  index: DefinitionIndex;
  /** Explicit profile canonical (wins over useCase and meta.profile). */
  profile?: string;
  /** Picks the Bundle profile: BundleAgregateur / sas-cpts-bundle-aggregator / sas-sos-bundle-aggregator. */
  useCase?: UseCase;
  /**
   * `native` (default): the hot base invariants (ele-1, ext-1, dom-*, ref-1, bdl-*, txt-*) and those SAS
   * answers commonly meet (cpt-2, org-1/2/3, per-1, `field.matches(…)`) run as native code, the others
   * with the fhirpath library. `fhirpath`: every invariant the library can evaluate goes through it
   * (slower; to compare the two, e.g. in the benchmark).
   */
  invariants?: 'native' | 'fhirpath';
}

export interface ValidationStats {
  resources: number;
  elements: number;
  invariantsEvaluated: number;
  durationMs: number;
}

export interface ValidationResult {
  /** Profile canonical actually used for the root resource (or the base type's SD url). */
  profile: string;
  findings: Finding[];
  stats: ValidationStats;
}

/** Pure: value in, findings out; never throws on bad input (fatal finding instead). */
export type ValidateResource = (resource: unknown, options: ValidateOptions) => ValidationResult;
