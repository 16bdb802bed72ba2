/**
 * Issue #10 "Must show": the shipped cahier, run by the built CLI (`node bin/sas-recette.js run`)
 * against a small FHIR search server that serves the SAS IG 1.2.0 example resources, with a JDD
 * describing the example practitioners. Resources and JDD are derived from the package at test time
 * (test/support/ig-example-server.ts, test/support/ig-example-jdd.ts); nothing of the examples is
 * written here.
 *
 * - CPTS: each example answer is one editor state (CPTS1: a PS declared through one CPTS; CPTS2: the
 *   same PS, one slot shared by two CPTS — they cannot be one JDD: the same IDNPS is declared through
 *   one CPTS in the first and two in the second). Expected: no failed or error case, exit 0.
 * - PS: the PS example answer. Expected: the only blocking finding is the official IG publisher QA
 *   error (../shared/docs/sas-ig-facts.md §6): the text-only specialty of the Slot whose specialty has
 *   no coding (ExampleSlotPSIndiv3), under the required FR Core binding; exit 1.
 * Plain HTTP: the TLS / mTLS cases are not applicable, as expected. The clock is pinned with --now at
 * the start of the example searches (their self links), so the example slots fall in the window.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { CaseResult, RunResult } from '../../src/core/model.js';
import { buildExampleJdd, exampleJddYaml, type ExampleJdd } from '../support/ig-example-jdd.js';
import { readIgExampleResources, startIgExampleServer, type ExampleSet, type IgExampleServer } from '../support/ig-example-server.js';

const REPO_ROOT = resolve(__dirname, '../..');
const BIN = join(REPO_ROOT, 'bin', 'sas-recette.js');
const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(REPO_ROOT, '../shared/fhir-packages');
const SAS_TGZ = resolve(PACKAGES.split(':')[0], 'ans.fhir.fr.sas#1.2.0.tgz');
const READY = existsSync(SAS_TGZ);

/* eslint-disable @typescript-eslint/no-explicit-any */

interface Played {
  code: number | null;
  stdout: string;
  stderr: string;
  run: RunResult;
  jdd: ExampleJdd;
  set: ExampleSet;
  requests: string[];
  /** `sas-recette jdd check` on the JDD. */
  check: { code: number | null; stdout: string; stderr: string };
}

/** `--now`: the instant the example searches start from, to the second, in UTC. */
function nowOf(set: ExampleSet): string {
  if (set.searchedAt.length === 0) throw new Error('the example Bundles have no self link with start=ge');
  const ms = Math.floor(Math.min(...set.searchedAt) / 1000) * 1000;
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Serves the example Bundles, writes the JDD, runs the shipped cahier on them. */
async function play(useCase: ExampleJdd['useCase'], bundles: string[]): Promise<Played> {
  const set = await readIgExampleResources(SAS_TGZ, bundles);
  const jdd = buildExampleJdd(useCase, set.resources);
  const dir = mkdtempSync(join(tmpdir(), 'sas-ig-examples-'));
  let server: IgExampleServer | undefined;
  try {
    server = await startIgExampleServer({ resources: set.resources, bundleProfiles: set.bundleProfiles });
    const jddFile = join(dir, `jdd-${useCase}.yaml`);
    writeFileSync(jddFile, exampleJddYaml(jdd));
    const check = await runCli(['jdd', 'check', jddFile, '--lang', 'en']);
    const out = join(dir, 'reports');
    const r = await runCli([
      'run',
      '--base-url',
      server.baseUrl,
      '--jdd',
      jddFile,
      '--now',
      nowOf(set),
      '--out',
      out,
      '--reporter',
      'json,junit',
      '--lang',
      'en',
      // the examples are slot searches: no regulator accounts, appointments, or booking site behind their
      // fictitious booking URLs (the appointment side has its own tests, test/flows/)
      '--tag',
      '!flux-v1,!flux-v2,!flux-v3',
    ]);
    const runFile = join(out, 'latest', 'run.json');
    if (!existsSync(runFile)) throw new Error(`no run.json (exit ${r.code})\n${r.stderr}\n${r.stdout}`);
    return { ...r, run: JSON.parse(readFileSync(runFile, 'utf8')) as RunResult, jdd, set, requests: [...server.requests], check };
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const blocking = (f: Finding) => f.severity === 'error' || f.severity === 'fatal';
const judgedBad = (c: CaseResult) => c.verdict === 'failed' || c.verdict === 'error';

/** One line per case that is not passed, for the failure message (what an editor would read). */
function explain(run: RunResult): string {
  return run.cases
    .filter((c) => c.verdict !== 'passed')
    .map((c) => {
      const why = c.findings.filter(blocking).map((f) => `${f.ruleId} @ ${f.location}: ${f.message.en}`);
      return `${c.id} ${c.verdict}${c.reason ? ` (${c.reason.en})` : ''}${why.length ? `\n    ${why.join('\n    ')}` : ''}`;
    })
    .join('\n');
}

function expectSearchedAndJudged(p: Played): void {
  // the run did reach the server, with the JDD's identifiers, and judged cases
  const idnps = p.jdd.practitioners.map((x) => x.idnps);
  expect(p.requests.some((r) => r.includes('/fhir/Slot?') && idnps.some((id) => r.includes(id)))).toBe(true);
  expect(p.run.summary.passed).toBeGreaterThan(0);
  // plain HTTP: the TLS cases do not apply, and say why
  const tls = p.run.cases.filter((c) => c.tags.includes('tls'));
  expect(tls.length).toBeGreaterThan(0);
  for (const c of tls) {
    expect(c.verdict, c.id).toBe('not-applicable');
    expect(c.reason?.en, c.id).toBeTruthy();
  }
  for (const c of p.run.cases.filter((x) => x.verdict === 'not-applicable' || x.verdict === 'skipped'))
    expect(c.reason?.en, c.id).toBeTruthy();
}

describe.runIf(READY)('the shipped cahier against a FHIR server serving the SAS IG examples', () => {
  beforeAll(() => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is not built: run `npm run build` before this test');
  });

  describe.each([
    ['CPTS1', ['ExampleBundleCPTS1'], 'cpts-one-cpts', 'CPTS-4.3-SEARCH'],
    ['CPTS2', ['ExampleBundleCPTS2'], 'cpts-shared-slot', 'CPTS-4.8.2-SHARED-SLOT'],
  ])('CPTS example %s', (_name, bundles, role, roleCase) => {
    let p: Played;
    beforeAll(async () => {
      p = await play('cpts', bundles);
    }, 300_000);

    it('describes the example practitioner with the role it plays (jdd check passes)', () => {
      expect(p.check.code, `${p.check.stdout}\n${p.check.stderr}`).toBe(0);
      expect(p.jdd.practitioners).toHaveLength(1);
      expect(p.jdd.practitioners[0].roles).toContain(role);
      expect(p.jdd.cpts?.length).toBeGreaterThan(0);
    });

    it('no failed or error case, exit 0', () => {
      expect(
        p.run.cases.filter(judgedBad).map((c) => c.id),
        explain(p.run),
      ).toEqual([]);
      expect(p.code, `${p.stderr}\n${explain(p.run)}`).toBe(0);
      expectSearchedAndJudged(p);
      expect(p.run.summary.overall).not.toBe('unfavorable');
      // the case of the role the example plays was judged, and passed
      expect(p.run.cases.find((c) => c.id === roleCase)?.verdict, explain(p.run)).toBe('passed');
    });
  });

  describe('PS example', () => {
    let p: Played;
    beforeAll(async () => {
      p = await play('psindiv', ['ExampleBundlePSIndiv']);
    }, 300_000);

    it('describes the example practitioners (jdd check passes)', () => {
      expect(p.check.code, `${p.check.stdout}\n${p.check.stderr}`).toBe(0);
      expect(p.jdd.practitioners.length).toBeGreaterThanOrEqual(2);
    });

    it('the only blocking finding is the official QA error: the text-only specialty', () => {
      // the Slot the QA flags, found from the data: a specialty given as text, without coding
      const textOnly = p.set.resources.filter(
        (r) => r.resourceType === 'Slot' && (r.specialty ?? []).some((s: any) => !s.coding && s.text),
      );
      expect(textOnly).toHaveLength(1);
      const [slot] = textOnly;
      const index = slot.specialty.findIndex((s: any) => !s.coding && s.text);

      expect(
        p.run.cases.filter((c) => c.verdict === 'error').map((c) => c.id),
        explain(p.run),
      ).toEqual([]);
      const failed = p.run.cases.filter(judgedBad);
      expect(failed.length, explain(p.run)).toBeGreaterThan(0);
      const qaError = new RegExp(`^Bundle\\.entry\\[\\d+\\]\\.resource\\.specialty\\[${index}\\]$`);
      const isQaError = (f: Finding) =>
        f.ruleId === 'Slot.specialty' &&
        f.resource === `Slot/${slot.id}` &&
        qaError.test(f.location) &&
        f.message.en.includes('fr-practitioner-specialty');
      // every failed case fails on that error, and on nothing else
      const others = failed.flatMap((c) =>
        c.findings
          .filter(blocking)
          .filter((f) => !isQaError(f))
          .map((f) => `${c.id}: ${f.ruleId} @ ${f.location}: ${f.message.en}`),
      );
      expect(others, explain(p.run)).toEqual([]);
      for (const c of failed) expect(c.findings.some(isQaError), `${c.id} failed without the QA error`).toBe(true);
      expect(p.code).toBe(1);
      expectSearchedAndJudged(p);
    });
  });
});
