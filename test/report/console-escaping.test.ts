/**
 * One terminal sanitiser for every human output: an endpoint value carrying a bidi override (U+202E)
 * and an ANSI colour escape, quoted in a finding's message, reaches the `run` console and the `validate`
 * text output escaped the same way, through the same finding-line renderer.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import type { RunResult } from '../../src/core/model.js';
import { consoleReporter } from '../../src/report/console.js';
import { formatText } from '../../src/report/validation/text.js';
import { buildReport } from '../../src/validate/validation-report.js';
import { makeResult } from '../run/fixtures.js';
import { summarise } from './fixtures/run-result.js';

const plain = new Chalk({ level: 0 });
const value = 'Dr \u202eellirép\u202c \u001b[31mROUGE\u001b[0m';
const escaped = 'Dr \\u202eellirép\\u202c \\u001b[31mROUGE\\u001b[0m';
const hostile = finding('error', 'SAS-PRA-001', 'rule', 'Bundle.entry[1].resource.name[0].family', {
  fr: `nom inattendu « ${value} »`,
  en: `unexpected name "${value}"`,
});

function runConsole(): string {
  let stdout = '';
  const reporter = consoleReporter({
    stdout: (s) => (stdout += s),
    stderr: () => undefined,
    color: plain,
    lang: 'en',
    live: false,
    total: 1,
  });
  const failed = makeResult({ id: 'PS-NAME', verdict: 'failed', findings: [hostile] });
  const run = { cases: [failed], summary: summarise([failed], 'unfavorable', []), setupNotes: [] } as unknown as RunResult;
  reporter.onRunEnd(run);
  return stdout;
}

function validateText(): string {
  const report = buildReport({
    input: 'rep.json',
    ig: 'ans.fhir.fr.sas#1.2.0',
    profile: null,
    useCase: 'psindiv',
    useCaseFrom: 'option',
    rootLabel: 'Bundle/b1',
    notes: [],
    findings: [hostile],
  });
  return formatText(report, { lang: 'en', color: plain });
}

describe('endpoint text in the run console and in validate text output', () => {
  const outputs = { run: runConsole(), validate: validateText() };

  it.each(Object.entries(outputs))('%s: neither the override nor the escape reaches the terminal', (_, out) => {
    for (const c of ['\u202e', '\u202c', '\u001b']) expect(out).not.toContain(c);
    expect(out).toContain(`unexpected name "${escaped}"`);
  });

  it('both show the message the same way', () => {
    const messageOf = (out: string) =>
      out
        .split('\n')
        .find((l) => l.includes('unexpected name'))!
        .replace(/^.*(unexpected name)/, '$1');
    expect(messageOf(outputs.run)).toBe(messageOf(outputs.validate));
  });
});
