/** A SAS search as parsed from a query string, a full URL or a Bundle self link. */
export interface SearchDate {
  /** As written (e.g. `2026-03-02T08:00:00.000+01:00`). */
  raw: string;
  /** Epoch milliseconds (offset applied); NaN when the value is not a valid date. */
  epochMs: number;
  /** True when the value carries an explicit offset or Z. */
  hasOffset: boolean;
}

export interface ParsedSearch {
  resourceType: 'Slot' | 'Schedule';
  /** `start=ge…` (Slot) or `_has:Slot:schedule:start=ge…` (Schedule). */
  ge?: SearchDate;
  le?: SearchDate;
  /** Identifier values without system (IDNPS for Slot, IDNST/SIRET for Schedule). */
  identifiers: { system?: string; value: string }[];
  status?: string;
  includes: string[]; // e.g. ['Slot:schedule', 'Schedule:actor' (iterate)…] as `name=value`
  revincludes: string[];
  /** Every parameter decoded, in order. */
  params: [string, string][];
}
