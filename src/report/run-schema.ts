/**
 * JSON Schema of what the reporters read from a saved `run.json` (RunResult, schemaVersion 1). Extra
 * fields are allowed so a newer run.json with optional additions still renders.
 *
 * Two shapes of schemaVersion 1 are accepted: the current verdict model (not-applicable verdicts, case
 * reserves, `summary.blocking` / `reserves: Reserve[]` / `mode` / `validForAcceptance`, `insecure`) and
 * the earlier one (`summary.reserves` as case ids, none of the other summary fields), which
 * legacy-run.ts brings to the current shape before rendering.
 */
const message = {
  type: 'object',
  required: ['fr', 'en'],
  properties: { fr: { type: 'string' }, en: { type: 'string' } },
} as const;

const finding = {
  type: 'object',
  required: ['severity', 'ruleId', 'source', 'location', 'message'],
  properties: {
    severity: { enum: ['fatal', 'error', 'warning', 'information'] },
    ruleId: { type: 'string' },
    source: { type: 'string' },
    location: { type: 'string' },
    resource: { type: 'string' },
    message,
    requirements: { type: 'array', items: { type: 'string' } },
    notChecked: { type: 'boolean' },
    internalError: { type: 'boolean' },
    engine: { type: 'string' },
  },
} as const;

const headers = { type: 'object', additionalProperties: { type: 'string' } } as const;

const exchange = {
  type: 'object',
  required: ['id', 'request', 'outcome', 'startedAt', 'timings'],
  properties: {
    id: { type: 'string' },
    label: { type: 'string' },
    request: {
      type: 'object',
      required: ['method', 'url', 'headers'],
      properties: { method: { type: 'string' }, url: { type: 'string' }, headers },
    },
    response: {
      type: 'object',
      required: ['status', 'headers', 'body', 'bodyBytes', 'truncated', 'sha256'],
      properties: {
        status: { type: 'integer' },
        headers,
        body: { type: 'string' },
        bodyBytes: { type: 'number' },
        truncated: { type: 'boolean' },
        sha256: { type: 'string' },
      },
    },
    outcome: { type: 'string' },
    error: { type: 'object', required: ['message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
    startedAt: { type: 'string' },
    timings: { type: 'object', required: ['totalMs'], properties: { totalMs: { type: 'number' }, ttfbMs: { type: 'number' } } },
  },
} as const;

const latency = {
  type: 'object',
  required: ['label', 'samplesMs', 'p50', 'p95', 'max', 'budgetMs', 'targetMs'],
  properties: {
    label: { type: 'string' },
    identifiers: { type: 'number' },
    concurrency: { type: 'number' },
    samplesMs: { type: 'array', items: { type: 'number' } },
    p50: { type: 'number' },
    p95: { type: 'number' },
    max: { type: 'number' },
    budgetMs: { type: 'number' },
    targetMs: { type: 'number' },
  },
} as const;

const count = { type: 'integer', minimum: 0 } as const;

/** What the reports left out of a case and its evidence file (src/report/evidence-files.ts). */
const caseEvidence = {
  type: 'object',
  properties: {
    findingsOmitted: {
      type: 'object',
      required: ['total', 'fatal', 'error', 'warning', 'information'],
      properties: { total: count, fatal: count, error: count, warning: count, information: count },
    },
    officialFindingsOmitted: count,
    bodiesCut: count,
    file: {
      type: 'object',
      required: ['path', 'sha256', 'bytes'],
      properties: {
        // written by sas-recette as evidence/<safe id>-<n>.json: nothing else is accepted
        path: { type: 'string', pattern: '^evidence/[A-Za-z0-9_-]{1,64}-[0-9]{1,6}\\.json$' },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        bytes: count,
      },
    },
  },
} as const;

const caseResult = {
  type: 'object',
  required: ['id', 'title', 'group', 'requirements', 'verdict', 'findings', 'exchanges', 'durationMs'],
  properties: {
    id: { type: 'string', minLength: 1 },
    title: message,
    group: { type: 'string', minLength: 1 },
    useCase: { type: 'string' },
    requirements: { type: 'array', items: { type: 'string' } },
    tags: { type: 'array', items: { type: 'string' } },
    severity: { enum: ['blocking', 'minor'] },
    verdict: { enum: ['error', 'failed', 'skipped', 'not-applicable', 'passed'] },
    reason: message,
    reserves: { type: 'array', items: message },
    findings: { type: 'array', items: finding },
    officialFindings: { type: 'array', items: finding },
    exchanges: { type: 'array', items: exchange },
    latency: { type: 'array', items: latency },
    durationMs: { type: 'number' },
    source: { type: 'string' },
    evidence: caseEvidence,
    carriedOver: message,
  },
} as const;

const counts = {
  type: 'object',
  required: ['total', 'passed', 'failed', 'skipped', 'error'],
  properties: {
    total: { type: 'integer' },
    passed: { type: 'integer' },
    failed: { type: 'integer' },
    skipped: { type: 'integer' },
    'not-applicable': { type: 'integer' },
    error: { type: 'integer' },
  },
} as const;

const reserve = {
  type: 'object',
  required: ['kind', 'ref', 'message'],
  properties: {
    kind: { enum: ['failed-minor', 'skipped', 'not-applicable', 'not-checked', 'untested-requirement', 'insecure', 'nothing-judged'] },
    ref: { type: 'string' },
    cases: { type: 'array', items: { type: 'string' } },
    message,
  },
} as const;

export const RUN_RESULT_SCHEMA = {
  type: 'object',
  required: [
    'schemaVersion',
    'runId',
    'tool',
    'startedAt',
    'finishedAt',
    'now',
    'baseUrl',
    'useCases',
    'ig',
    'packages',
    'setupNotes',
    'cahier',
    'jdd',
    'environment',
    'declarations',
    'requirements',
    'cases',
    'summary',
  ],
  properties: {
    schemaVersion: { const: 1 },
    runId: { type: 'string', minLength: 1 },
    tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'sas-recette' }, version: { type: 'string' } } },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
    now: { type: 'string' },
    baseUrl: { type: 'string' },
    useCases: { type: 'array', items: { type: 'string' } },
    ig: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['id', 'version'], properties: { id: { type: 'string' }, version: { type: 'string' } } },
      ],
    },
    packages: { type: 'array', items: { type: 'string' } },
    setupNotes: { type: 'array', items: message },
    cahier: {
      type: 'object',
      required: ['files', 'sha256'],
      properties: { files: { type: 'array', items: { type: 'string' } }, sha256: { type: 'string' } },
    },
    jdd: {
      type: 'object',
      required: ['files', 'sha256'],
      properties: {
        files: { type: 'array', items: { type: 'string' } },
        sha256: { type: 'string' },
        bookingBaseUrls: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    environment: {
      type: 'object',
      required: ['node', 'os', 'command'],
      properties: { node: { type: 'string' }, os: { type: 'string' }, user: { type: 'string' }, command: { type: 'string' } },
    },
    insecure: { type: 'boolean' },
    interrupted: {
      type: 'object',
      required: ['at', 'signal'],
      properties: {
        at: { type: 'string' },
        signal: { enum: ['SIGINT', 'SIGTERM'] },
        played: { type: 'integer', minimum: 0 },
        notRun: { type: 'integer', minimum: 0 },
      },
    },
    rejudged: {
      type: 'object',
      required: ['fromRunId', 'fromFile', 'fromSha256', 'at', 'rejudgedCases', 'carriedOver'],
      properties: {
        fromRunId: { type: 'string', minLength: 1 },
        fromFile: { type: 'string' },
        fromSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        at: { type: 'string' },
        rejudgedCases: { type: 'integer', minimum: 0 },
        carriedOver: { type: 'integer', minimum: 0 },
      },
    },
    pvInfo: { type: 'object', additionalProperties: { type: 'string' } },
    summary: {
      type: 'object',
      required: ['total', 'passed', 'failed', 'skipped', 'error', 'byGroup', 'overall', 'reserves'],
      properties: {
        ...counts.properties,
        byGroup: { type: 'object', additionalProperties: counts },
        overall: { enum: ['favorable', 'favorable-with-reserves', 'unfavorable'] },
        // current model: Reserve objects; earlier model: the ids of the cases in reserve
        reserves: {
          anyOf: [
            { type: 'array', items: reserve },
            { type: 'array', items: { type: 'string' } },
          ],
        },
        blocking: { type: 'array', items: { type: 'string' } },
        mode: { enum: ['standard', 'strict'] },
        validForAcceptance: { type: 'boolean' },
      },
    },
    declarations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'question', 'answer', 'declaredBy', 'requirements'],
        properties: {
          id: { type: 'string' },
          question: message,
          answer: { enum: ['yes', 'no', 'partial', 'n/a'] },
          comment: { type: 'string' },
          declaredBy: { type: 'string' },
          declaredAt: { type: 'string' },
          requirements: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    requirements: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'text', 'cases', 'status'],
        properties: {
          id: { type: 'string' },
          text: { type: 'string' },
          cases: { type: 'array', items: { type: 'string' } },
          status: { enum: ['passed', 'failed', 'not-tested', 'declared'] },
        },
      },
    },
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'severity', 'when', 'reason', 'source', 'cases'],
        properties: {
          rule: { type: 'string' },
          severity: { enum: ['error', 'warning', 'information'] },
          when: { type: 'string' },
          reason: { type: 'string' },
          source: { type: 'string' },
          cases: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    cases: { type: 'array', items: caseResult },
  },
} as const;
