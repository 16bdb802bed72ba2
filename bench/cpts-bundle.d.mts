/** Types of the CPTS answer generator (bench/cpts-bundle.mjs), for the TypeScript tests that reuse it. */
export interface GeneratedCptsBundle {
  bundle: { resourceType: 'Bundle'; entry: { fullUrl: string; resource: Record<string, unknown>; search: { mode: string } }[] } & Record<
    string,
    unknown
  >;
  /** The search URL the bundle answers (also its self link). */
  search: string;
  practitioners: number;
}

export function generateCptsBundle(o: { slots: number; now: Date; offsetMinutes?: number }): GeneratedCptsBundle;
