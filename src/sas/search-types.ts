/** A SAS search as parsed from a query string, a full URL or a Bundle self link. */
import type { UseCase } from '../core/model.js';

export interface SearchDate {
  /** As written (e.g. `2026-03-02T08:00:00.000+01:00`). */
  raw: string;
  /**
   * Epoch milliseconds (offset applied); NaN when the value is not a valid date. For `ge` this is
   * the first instant the value denotes, for `le` the last one (`le2026-03-02` → end of that day;
   * `le…T10:00:00` → 10:00:00.999). Values without offset are read as Europe/Paris time.
   */
  epochMs: number;
  /** True when the value carries an explicit offset or Z. */
  hasOffset: boolean;
  /** The comparator as written: `ge`/`gt` for the lower bound, `le`/`lt` for the upper one. */
  prefix?: 'ge' | 'gt' | 'le' | 'lt';
}

export interface ParsedSearch {
  resourceType: 'Slot' | 'Schedule';
  /** `start=ge…` (Slot) or `_has:Slot:schedule:start=ge…` (Schedule). */
  ge?: SearchDate;
  le?: SearchDate;
  /** Identifier values without system (IDNPS for Slot, IDNST/SIRET for Schedule). */
  identifiers: { system?: string; value: string }[];
  status?: string;
  includes: string[]; // e.g. ['_include=Slot:schedule', '_include:iterate=Schedule:actor'] as `name=value`
  revincludes: string[]; // e.g. ['_revinclude=Slot:schedule']
  /** Every parameter decoded, in order. */
  params: [string, string][];
  /** The text given to the parser. */
  raw?: string;
  /** What precedes the resource type in a full URL (`https://host/fhir`), when there is one. */
  base?: string;
  /** `_count` when sent. */
  count?: number;
  /** Use case the request shape points to (CPTS includes → cpts, Schedule → sos, else psindiv). */
  useCase?: UseCase;
}
