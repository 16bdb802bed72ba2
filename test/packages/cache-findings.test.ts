/**
 * The definitions cache changes nothing a validation finds: every example of the SAS IG (read from the
 * package at test time, never copied) and every bundle fixture gives the same findings and notes whether
 * the definitions come from a warm cache (entries built by a first load, then read lazily) or straight
 * from the packages (cache: false).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/fhir/packages/load-definitions.js';
import { readTgz } from '../../src/fhir/packages/read-tgz.js';
import type { LoadResult } from '../../src/fhir/packages/types.js';
import { findingsOf, fixture, PACKAGES, removeTemps, states, tempDir } from './helpers.js';

afterAll(removeTemps);

const FIXTURES = readdirSync(join(__dirname, '../fixtures/bundles')).filter((f) => f.endsWith('.json'));

async function examples(version: string): Promise<{ name: string; json: unknown }[]> {
  const files = await readTgz(join(PACKAGES, `ans.fhir.fr.sas#${version}.tgz`), (n) => /^package\/example\/[^/]+\.json$/.test(n));
  return files.map((f) => ({ name: f.name.replace('package/example/', ''), json: JSON.parse(f.content.toString('utf8')) as unknown }));
}

describe.each(['1.2.0', '1.1.0'])('SAS %s: cached and uncached definitions give the same findings', (version) => {
  let warm: LoadResult;
  let none: LoadResult;
  let all: { name: string; json: unknown }[];
  beforeAll(async () => {
    const cache = tempDir();
    const ig = `ans.fhir.fr.sas#${version}`;
    await loadDefinitions({ sources: [PACKAGES], ig, cache });
    warm = await loadDefinitions({ sources: [PACKAGES], ig, cache });
    none = await loadDefinitions({ sources: [PACKAGES], ig, cache: false });
    all = await examples(version);
  });

  it('loads from the cache, with the same packages and notes', () => {
    expect(new Set(Object.values(states(warm.cache)))).toEqual(new Set(['hit']));
    expect(warm.index.packages).toEqual(none.index.packages);
    expect(warm.warnings).toEqual(none.warnings);
    expect(all.length).toBeGreaterThan(30);
  });

  it('every IG example', () => {
    for (const { name, json } of all) {
      const cached = findingsOf(json, warm.index);
      expect({ name, findings: cached }).toEqual({ name, findings: findingsOf(json, none.index) });
    }
    // not trivially equal: the examples are really checked against the profiles
    expect(all.some(({ json }) => findingsOf(json, warm.index).some((f) => f.source === 'structure'))).toBe(true);
  });

  it.each(FIXTURES)('fixture %s, under each use case', (name) => {
    for (const useCase of ['psindiv', 'cpts', 'sos'] as const) {
      expect(findingsOf(fixture(name), warm.index, useCase)).toEqual(findingsOf(fixture(name), none.index, useCase));
    }
  });
});
