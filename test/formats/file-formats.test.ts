/**
 * One source for the file formats: the JSON Schemas (schemas/*.json, requirements/requirements.schema.json)
 * are the formats; the modules of src/core/formats/ are generated from them, and the loaded types extend the
 * generated ones. This test fails when a schema changed and its module was not regenerated, and (through
 * `npm run typecheck`, which CI runs) when a loaded type or a core type no longer agrees with its schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { TestCase } from '../../src/cahier/types.js';
import type { CahierFile, Case, Message as SchemaMessage } from '../../src/core/formats/cahier-file.js';
import type { DeclarationsFile } from '../../src/core/formats/declarations-file.js';
import type { JddFile, Practitioner, SosStructure } from '../../src/core/formats/jdd-file.js';
import type { PvInfoFile } from '../../src/core/formats/pv-info-file.js';
import type { Requirement } from '../../src/core/formats/requirements-file.js';
import type { Certificate, TlsProfileFile } from '../../src/core/formats/tls-profile-file.js';
import type { Message } from '../../src/core/findings.js';
import type { CaseSeverity, Declaration, PvInfo, UseCase } from '../../src/core/model.js';
import type { Jdd, JddPractitioner, JddSosStructure } from '../../src/jdd/types.js';
import type { NegativeCertificate, ProfileCertificate, TlsProfile } from '../../src/transport/tls-profile.js';

const ROOT = resolve(__dirname, '../..');
const FORMATS_DIR = join(ROOT, 'src', 'core', 'formats');
const SCRIPT = join(ROOT, 'scripts', 'generate-format-types.mjs');

interface Format {
  schema: string;
  module: string;
  root: string;
}
interface Generator {
  FORMATS: Format[];
  generate(format: Format): Promise<string>;
}
const generator = (): Promise<Generator> => import(pathToFileURL(SCRIPT).href) as Promise<Generator>;

describe('file formats: the JSON Schemas are the one source', () => {
  it('every schema has a generated module', async () => {
    const { FORMATS } = await generator();
    const schemas = [
      ...readdirSync(join(ROOT, 'schemas'))
        .filter((f) => f.endsWith('.schema.json'))
        .map((f) => `schemas/${f}`),
      'requirements/requirements.schema.json',
    ];
    expect(FORMATS.map((f) => f.schema).sort()).toEqual(schemas.sort());
    expect(readdirSync(FORMATS_DIR).sort()).toEqual(FORMATS.map((f) => f.module).sort());
  });

  it('each generated module is what its schema gives today (else: npm run formats)', async () => {
    const { FORMATS, generate } = await generator();
    for (const format of FORMATS) {
      const committed = readFileSync(join(FORMATS_DIR, format.module), 'utf8');
      expect(await generate(format), `${format.module} is out of date with ${format.schema}: run npm run formats`).toBe(committed);
    }
  }, 30_000);

  it('the loaded types carry every field of their file (checked by the type checker)', () => {
    // a case as loaded: every field of the YAML case, `role` read as `roles`
    expectTypeOf<Exclude<keyof Case, keyof TestCase>>().toEqualTypeOf<'role'>();
    // the defaults a cahier file sets at its top are fields of its cases
    expectTypeOf<Exclude<keyof CahierFile, 'cases' | '$schema'>>().toEqualTypeOf<Extract<keyof Case, keyof CahierFile>>();
    // a JDD as loaded: every field, `scenarios` read as `roles`
    expectTypeOf<Exclude<keyof JddFile, keyof Jdd>>().toEqualTypeOf<'$schema'>();
    expectTypeOf<Exclude<keyof Practitioner, keyof JddPractitioner>>().toEqualTypeOf<'scenarios'>();
    expectTypeOf<Exclude<keyof SosStructure, keyof JddSosStructure>>().toEqualTypeOf<'scenarios'>();
    // a TLS profile as loaded: paths resolved (`ca` → `caFile`, `cert` → `certFile`, `key` → `keyFile`)
    expectTypeOf<Exclude<keyof TlsProfileFile, keyof TlsProfile>>().toEqualTypeOf<'$schema' | 'ca'>();
    expectTypeOf<Exclude<keyof Certificate, keyof ProfileCertificate>>().toEqualTypeOf<'cert' | 'key'>();
    expectTypeOf<NegativeCertificate>().toEqualTypeOf<keyof NonNullable<TlsProfileFile['negative']>>();
    // a declaration as loaded: every field of the file's item, defaults filled
    expectTypeOf<keyof Declaration>().toEqualTypeOf<keyof DeclarationsFile['declarations'][number]>();
    expectTypeOf<Declaration['answer']>().toEqualTypeOf<DeclarationsFile['declarations'][number]['answer']>();
  });

  it('the core model agrees with the schemas (checked by the type checker)', () => {
    expectTypeOf<UseCase | 'all'>().toEqualTypeOf<NonNullable<CahierFile['useCase']>>();
    expectTypeOf<UseCase>().toEqualTypeOf<JddFile['useCase']>();
    expectTypeOf<UseCase>().toEqualTypeOf<Requirement['useCases'][number]>();
    expectTypeOf<CaseSeverity>().toEqualTypeOf<NonNullable<Case['severity']>>();
    expectTypeOf<Message>().toEqualTypeOf<SchemaMessage>();
    expectTypeOf<PvInfo>().toEqualTypeOf<PvInfoFile>();
  });
});
