/**
 * testcases/transport.yaml loads with the run's cahier loader and the transport kinds' parameter
 * schemas; every case names a registered kind; bad parameters are located in the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCahier } from '../../src/cahier/load-cahier.js';
import { kindRegistry } from '../../src/cahier/kinds.js';
import { loadRequirements } from '../../src/requirements/load-requirements.js';
import { TRANSPORT_REQUIREMENTS } from '../../src/transport/index.js';
import { TRANSPORT_KIND_NAMES, transportKinds } from '../../src/transport/index.js';

const FILE = fileURLToPath(new URL('../../testcases/transport.yaml', import.meta.url));

describe('testcases/transport.yaml', () => {
  const kinds = transportKinds();
  it('loads with the transport kinds and covers every kind in each use case', () => {
    const requirementIds = new Set(loadRequirements().map((r) => r.id));
    const cases = loadCahier(FILE, { kinds, requirementIds });
    expect(cases).toHaveLength(38);
    // The ids the checks put on their findings exist in the catalogue too.
    expect(Object.values(TRANSPORT_REQUIREMENTS).filter((id) => !requirementIds.has(id))).toEqual([]);
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(TRANSPORT_KIND_NAMES));
    for (const uc of ['psindiv', 'cpts', 'sos'] as const) {
      const mine = cases.filter((c) => c.useCase === uc);
      expect(new Set(mine.map((c) => c.kind))).toEqual(new Set(TRANSPORT_KIND_NAMES));
      expect(mine.filter((c) => c.kind === 'error-contract').length).toBeGreaterThan(0);
      expect(mine.filter((c) => c.kind === 'mtls-refused').map((c) => (c.params as { certificate: string }).certificate)).toEqual([
        'none',
        'other-ca',
        'expired',
        'wrong-cn',
        'wrong-ou',
        'revoked',
      ]);
    }
    expect(cases.every((c) => c.group === 'transport' && c.requirements.length > 0 && c.tags.includes('transport'))).toBe(true);
    const registry = kindRegistry(kinds);
    expect(cases.every((c) => registry.has(c.kind))).toBe(true);
  });

  describe('parameter errors', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sas-recette-cahier-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('are located in the file', () => {
      const file = join(dir, 'bad.yaml');
      writeFileSync(
        file,
        [
          'group: transport',
          'useCase: psindiv',
          'cases:',
          '  - id: TR-X',
          '    kind: mtls-refused',
          '    title: { fr: x, en: x }',
          '    requirements: [sas-tls@2]',
          '    params:',
          '      certificate: stolen',
          '  - id: TR-Y',
          '    kind: latency',
          '    title: { fr: y, en: y }',
          '    requirements: [sas-tls@10]',
          '    params:',
          '      identifiers: [26]',
          '',
        ].join('\n'),
      );
      expect(() => loadCahier(file, { kinds })).toThrow(/bad\.yaml:9:\d+[\s\S]*bad\.yaml:15:\d+/);
    });
  });
});
