/**
 * Test cases name JDD entries by key. This resolves those keys against a loaded JDD, and checks
 * every key of the cahier exists (errors located in the cahier file).
 */
import type { Jdd, JddCpts, JddPractitioner, JddSosStructure } from '../jdd/types.js';
import type { LocatedYamlError } from '../yaml/load-located-yaml.js';
import { caseError } from './load-cahier.js';
import type { JddKeys, TestCase } from './types.js';

export interface ResolvedRefs {
  practitioners: JddPractitioner[];
  cpts: JddCpts[];
  sos: JddSosStructure[];
}

const LISTS = ['practitioners', 'cpts', 'sos'] as const;
type ListName = (typeof LISTS)[number];

function pick<T extends { key: string }>(keys: JddKeys | undefined, entries: T[]): T[] {
  if (keys === undefined) return [];
  if (keys === 'all') return entries;
  return keys.map((k) => entries.find((e) => e.key === k)).filter((e): e is T => e !== undefined);
}

/** The JDD entries a case names (unknown keys are left out: `checkJddRefs` reports them). */
export function resolveRefs(tc: TestCase, jdd: Jdd): ResolvedRefs {
  return {
    practitioners: pick(tc.practitioners, jdd.practitioners),
    cpts: pick(tc.cpts, jdd.cpts),
    sos: pick(tc.sos, jdd.sos),
  };
}

/** Every key a case names must exist in the JDD of its use case. */
export function checkJddRefs(cases: TestCase[], jddFor: (tc: TestCase) => Jdd | undefined): LocatedYamlError[] {
  const errors: LocatedYamlError[] = [];
  for (const tc of cases) {
    const jdd = jddFor(tc);
    if (!jdd) continue;
    for (const list of LISTS) {
      const keys = tc[list];
      if (keys === undefined || keys === 'all') continue;
      const known = (jdd[list as ListName] as { key: string }[]).map((e) => e.key);
      keys.forEach((key, i) => {
        if (!known.includes(key)) {
          const where = jdd.file ? ` (${jdd.file})` : '';
          const hint = known.length > 0 ? `; known keys: ${known.join(', ')}` : `; the JDD has no ${list} entry`;
          errors.push(caseError(tc, [list, i], `no ${list} entry "${key}" in JDD "${jdd.id}"${where}${hint}`));
        }
      });
    }
  }
  return errors;
}
