/**
 * Runs transport case kinds outside the run pipeline: builds a TestCase in memory and the kind
 * environment the executor would pass.
 */
import { fileURLToPath } from 'node:url';
import type { TestCase } from '../../src/cahier/types.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClientOptions } from '../../src/http/types.js';
import type { Jdd } from '../../src/jdd/types.js';
import type { CaseKind } from '../../src/cahier/kinds.js';
import type { UseCase } from '../../src/core/model.js';
import type { Finding } from '../../src/core/findings.js';

export const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? fileURLToPath(new URL('../../../shared/fhir-packages/', import.meta.url));
export const DATASETS = fileURLToPath(new URL('../../datasets/', import.meta.url));

export function testCase(
  kind: string,
  params: Record<string, unknown> = {},
  useCase: UseCase = 'psindiv',
  extra: Partial<TestCase> = {},
): TestCase {
  const source = { file: 'memory.yaml', line: 1, col: 1 };
  return {
    id: `T-${kind.toUpperCase()}`,
    title: { fr: kind, en: kind },
    group: 'transport',
    useCase,
    kind,
    requirements: [],
    tags: [],
    severity: 'blocking',
    request: {},
    expect: {},
    params,
    source,
    caseIndex: 0,
    locate: () => source,
    ...extra,
  };
}

export interface KindRun {
  findings: Finding[];
  exchanges: import('../../src/core/model.js').Exchange[];
  latency?: import('../../src/core/model.js').LatencySample[];
  skip?: import('../../src/core/findings.js').Message;
  notApplicable?: import('../../src/core/findings.js').Message;
}

/** Runs one kind with a fresh client made from `httpOptions`. */
export async function runKind(
  kinds: CaseKind[],
  tc: TestCase,
  env: { baseUrl: string; httpOptions: HttpClientOptions; jdd?: Jdd; now?: Date },
): Promise<KindRun> {
  const kind = kinds.find((k) => k.kind === tc.kind);
  if (!kind) throw new Error(`no kind ${tc.kind}`);
  const client = createHttpClient(env.httpOptions);
  try {
    return await kind.run(tc, {
      baseUrl: env.baseUrl,
      now: env.now ?? new Date(),
      client,
      httpOptions: env.httpOptions,
      jdd: env.jdd,
      lang: 'fr',
    });
  } finally {
    await client.close();
  }
}

export const blocking = (r: KindRun): Finding[] => r.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal');
export const ruleIds = (fs: Finding[]): string[] => [...new Set(fs.map((f) => f.ruleId))].sort();
