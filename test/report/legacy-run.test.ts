/**
 * `sas-recette report` on a run.json of the earlier verdict model (schemaVersion 1 before not-applicable
 * and typed reserves): still read, brought to the current shape without re-judging, and the PV says it
 * comes from the earlier model. A run.json with a verdict this version does not know is refused clearly.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { renderRunJson } from '../../src/report/json.js';
import { LEGACY_NOTE } from '../../src/report/legacy-run.js';
import { parseRunResult } from '../../src/report/read-run.js';
import { makeRunResult } from './fixtures/run-result.js';

/** The fixture as the earlier sas-recette wrote it: no not-applicable, reserves as case ids, no blocking / mode / validity. */
function legacyJson(command?: string): Record<string, unknown> {
  type Json = Record<string, unknown> & {
    cases: Array<Record<string, unknown>>;
    summary: Record<string, unknown> & { byGroup: Record<string, Record<string, number>> };
    environment: { command: string };
  };
  const run = JSON.parse(renderRunJson(makeRunResult())) as Json;
  for (const c of run.cases) {
    if (c.verdict === 'not-applicable') c.verdict = 'skipped';
    delete c.reserves;
  }
  const strip = (counts: Record<string, number>): void => {
    counts.skipped += counts['not-applicable'];
    delete counts['not-applicable'];
  };
  strip(run.summary as unknown as Record<string, number>);
  for (const g of Object.values(run.summary.byGroup)) strip(g);
  run.summary.reserves = ['PS-4.3-WINDOW', 'CPTS-4.9-ORG'];
  delete run.summary.blocking;
  delete run.summary.mode;
  delete run.summary.validForAcceptance;
  if (command) run.environment.command = command;
  return run;
}

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readStdin: async () => Buffer.alloc(0),
    env: { NO_COLOR: '1' },
    cwd,
    isTTY: false,
  };
}

describe('run.json of the earlier verdict model', () => {
  it('is brought to the current shape: typed reserves, blocking cases, standard mode, counts with not-applicable, a note', () => {
    const run = parseRunResult(legacyJson(), 'old.json');
    expect(run.summary.mode).toBe('standard');
    expect(run.summary.validForAcceptance).toBe(true);
    expect(run.summary.overall).toBe('unfavorable'); // as recorded, never re-judged
    expect(run.summary['not-applicable']).toBe(0);
    expect(run.summary.byGroup.cpts['not-applicable']).toBe(0);
    expect(run.summary.blocking).toEqual(['TLS-05', 'PS-4.2-PROFILES', 'SOS-1-SCHEDULE', 'SOS-2-TIMEOUT']);
    expect(run.summary.reserves).toEqual([
      expect.objectContaining({ kind: 'failed-minor', ref: 'PS-4.3-WINDOW', cases: ['PS-4.3-WINDOW'] }),
      {
        kind: 'skipped',
        ref: 'CPTS-4.9-ORG',
        cases: ['CPTS-4.9-ORG'],
        message: { fr: 'Le JDD ne contient aucune CPTS', en: 'The dataset has no CPTS' },
      },
    ]);
    expect(run.setupNotes.at(-1)).toEqual(LEGACY_NOTE);
  });

  it('is not valid for acceptance when it was run with --insecure', () => {
    const run = parseRunResult(legacyJson('sas-recette run --base-url https://x.example/fhir --insecure'), 'old.json');
    expect(run.insecure).toBe(true);
    expect(run.summary.validForAcceptance).toBe(false);
  });

  it('a current run.json is read as written, with no note', () => {
    const current = makeRunResult();
    const run = parseRunResult(JSON.parse(renderRunJson(current)), 'run.json');
    expect(run.setupNotes).toEqual(current.setupNotes);
    expect(run.summary.reserves).toEqual(current.summary.reserves);
  });

  it('re-renders through `sas-recette report` with the note and the reserves by kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sas-legacy-'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify(legacyJson()));
    const cli = io(dir);
    const code = await main(['node', 'sas-recette', 'report', 'run.json', '--html', 'pv.html'], cli);
    expect(cli.err.join('')).toBe('');
    expect(code).toBe(0);
    const pv = readFileSync(join(dir, 'pv.html'), 'utf8');
    expect(pv).toContain('run.json écrit par une version antérieure de sas-recette');
    expect(pv).toContain('<h4 class="reserve-kind">Cas obligatoires non exécutés (1)</h4>');
    expect(pv).toContain('<strong>Mode de l’exécution\u00a0:</strong> standard');
  });

  it('a verdict this version does not know is refused with the place named (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sas-legacy-'));
    const run = JSON.parse(renderRunJson(makeRunResult()));
    run.cases[2].verdict = 'inconclusive';
    writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
    const cli = io(dir);
    expect(await main(['node', 'sas-recette', 'report', 'run.json'], cli)).toBe(2);
    expect(cli.err.join('')).toMatch(
      /run\.json\u00a0: résultat d'exécution altéré en \/cases\/2\/verdict\u00a0: must be equal to one of the allowed values/,
    );
  });
});
