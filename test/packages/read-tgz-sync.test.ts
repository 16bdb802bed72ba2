/**
 * The synchronous tar reader (the definitions cache's way back to a package in the middle of a resolve,
 * and readTgzJson's quick look at the start of an archive) reads every shared package exactly as
 * tar-stream does, and refuses what is not a package.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readTgz, readTgzJson, readTgzSync } from '../../src/fhir/packages/read-tgz.js';
import { PACKAGES, removeTemps, tempDir } from './helpers.js';

afterAll(removeTemps);

const TGZ = readdirSync(PACKAGES).filter((f) => f.endsWith('.tgz'));

describe('readTgzSync', () => {
  it.each(TGZ)('%s: the same files and bytes as tar-stream', async (file) => {
    const path = join(PACKAGES, file);
    const streamed = await readTgz(path);
    const sync = readTgzSync(path);
    expect(sync.map((f) => f.name)).toEqual(streamed.map((f) => f.name));
    expect(sync.every((f, i) => f.content.equals(streamed[i].content))).toBe(true);
    expect(sync.length).toBeGreaterThan(100);
  });

  it('keeps only what the filter asks for', () => {
    const files = readTgzSync(join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'), (n) => n.startsWith('package/example/Bundle-'));
    expect(files.map((f) => f.name).sort()).toEqual([
      'package/example/Bundle-ExampleBundleAgregateurSOS.json',
      'package/example/Bundle-ExampleBundleCPTS1.json',
      'package/example/Bundle-ExampleBundleCPTS2.json',
      'package/example/Bundle-ExampleBundlePSIndiv.json',
    ]);
  });

  it('refuses a file that is not a gzip tar, and a truncated one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'text.tgz'), 'not a tgz');
    expect(() => readTgzSync(join(dir, 'text.tgz'))).toThrow();
    writeFileSync(join(dir, 'plain.tgz'), gzipSync(Buffer.alloc(600, 'x')));
    expect(() => readTgzSync(join(dir, 'plain.tgz'))).toThrow(/invalid tar header/);
    const whole = readFileSync(join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'));
    writeFileSync(join(dir, 'cut.tgz'), whole.subarray(0, whole.length >> 1));
    expect(() => readTgzSync(join(dir, 'cut.tgz'))).toThrow();
  });
});

describe('readTgzJson', () => {
  it.each(TGZ)('%s: package.json from the start of the archive, as a full read gives it', async (file) => {
    const path = join(PACKAGES, file);
    const full = (await readTgz(path, (n) => n === 'package/package.json'))[0];
    expect(await readTgzJson(path, 'package/package.json')).toEqual(JSON.parse(full.content.toString('utf8')));
  });

  it('finds a file far into the archive, and says undefined for a file that is not there', async () => {
    const r4 = join(PACKAGES, 'hl7.fhir.r4.core#4.0.1.tgz');
    const last = (await readTgz(r4)).at(-1)!;
    expect(await readTgzJson(r4, last.name)).toEqual(JSON.parse(last.content.toString('utf8')));
    expect(await readTgzJson(r4, 'package/nothing.json')).toBeUndefined();
  });
});
