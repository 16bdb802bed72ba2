import { describe, expect, it } from 'vitest';
import { PACKAGES as SHARED } from '../../../test/validator/helpers.js';
import { resolve } from 'node:path';
import { readTgz, readTgzJson } from './read-tgz.js';

describe('readTgz', () => {
  it('reads package.json and example bundles of the SAS IG 1.2.0', async () => {
    const tgz = resolve(SHARED, 'ans.fhir.fr.sas#1.2.0.tgz');
    const pkg = (await readTgzJson(tgz, 'package/package.json')) as { name: string; version: string };
    expect(pkg.name).toBe('ans.fhir.fr.sas');
    expect(pkg.version).toBe('1.2.0');
    const bundles = await readTgz(tgz, (n) => n.startsWith('package/example/Bundle-'));
    expect(bundles.map((b) => b.name).sort()).toEqual([
      'package/example/Bundle-ExampleBundleAgregateurSOS.json',
      'package/example/Bundle-ExampleBundleCPTS1.json',
      'package/example/Bundle-ExampleBundleCPTS2.json',
      'package/example/Bundle-ExampleBundlePSIndiv.json',
    ]);
  });
});
