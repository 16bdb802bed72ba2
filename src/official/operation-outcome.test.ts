import { describe, expect, it } from 'vitest';
import { normaliseOfficialLocation, operationOutcomeToFindings, resourceFromComment } from './operation-outcome.js';

const MSG_ID = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';
const LINE = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line';

/** A CPTS-like searchset, only as context for `Type/id` look-ups. */
const bundle = {
  resourceType: 'Bundle',
  id: 'b1',
  type: 'searchset',
  entry: [
    { fullUrl: 'https://editeur.example/Schedule/sch-1', resource: { resourceType: 'Schedule', id: 'sch-1' } },
    { fullUrl: 'https://editeur.example/Slot/slot-7', resource: { resourceType: 'Slot', id: 'slot-7' } },
    { fullUrl: 'https://editeur.example/Slot/slot-8', resource: { resourceType: 'Slot', id: 'slot-8' } },
  ],
};

function oo(...issue: object[]): object {
  return { resourceType: 'OperationOutcome', issue };
}

describe('operationOutcomeToFindings — severity', () => {
  it.each(['fatal', 'error', 'warning', 'information'] as const)('keeps %s', (severity) => {
    const [f] = operationOutcomeToFindings(oo({ severity, code: 'structure', details: { text: 'x' }, expression: ['Slot.status'] }));
    expect(f.severity).toBe(severity);
  });

  it('maps an unknown or missing severity to warning, never to an invented error', () => {
    const fs = operationOutcomeToFindings(
      oo({ severity: 'critical', code: 'structure', details: { text: 'a' } }, { code: 'structure', details: { text: 'b' } }),
    );
    expect(fs.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });
});

describe('operationOutcomeToFindings — location', () => {
  it('strips the validator comment from the expression and names the resource from it', () => {
    const raw = 'Bundle.entry[2].resource/*Slot/slot-8*/.meta.security[1].code';
    const [f] = operationOutcomeToFindings(
      oo({ severity: 'error', code: 'code-invalid', details: { text: 't' }, expression: [raw], location: [raw] }),
      { resource: bundle },
    );
    expect(f.location).toBe('Bundle.entry[2].resource.meta.security[1].code');
    expect(f.resource).toBe('Slot/slot-8');
  });

  it('prefers expression over location and uses location when expression is absent', () => {
    const [a, b] = operationOutcomeToFindings(
      oo(
        { severity: 'error', code: 'value', details: { text: 'a' }, expression: ['Slot.start'], location: ['Slot.end'] },
        { severity: 'error', code: 'value', details: { text: 'b' }, location: ['Slot.end'] },
      ),
    );
    expect(a.location).toBe('Slot.start');
    expect(b.location).toBe('Slot.end');
  });

  it('finds the entry resource in the validated bundle when the expression has no comment', () => {
    const fs = operationOutcomeToFindings(
      oo(
        { severity: 'error', code: 'required', details: { text: 'a' }, expression: ['Bundle.entry[1].resource.status'] },
        { severity: 'warning', code: 'informational', details: { text: 'b' }, expression: ['Bundle.entry[0]'] },
        { severity: 'warning', code: 'informational', details: { text: 'c' }, expression: ['Bundle.link[0].url'] },
      ),
      { resource: bundle },
    );
    expect(fs.map((f) => f.resource)).toEqual(['Slot/slot-7', 'Schedule/sch-1', 'Bundle/b1']);
  });

  it('drops `.ofType(Type)` after a bundle entry resource and blanks', () => {
    expect(normaliseOfficialLocation(' Bundle.entry[0].resource.ofType(Slot).status ')).toBe('Bundle.entry[0].resource.status');
    expect(normaliseOfficialLocation('Bundle.entry[3].resource/* Slot/a */.specialty[1]')).toBe('Bundle.entry[3].resource.specialty[1]');
  });

  it('falls back to the root type when there is no path (or only a line/column position)', () => {
    const fs = operationOutcomeToFindings(
      oo(
        { severity: 'fatal', code: 'structure', details: { text: 'Unable to parse JSON' }, location: ['Line[1] Col[2]'] },
        { severity: 'error', code: 'structure', details: { text: 'no path' } },
      ),
      { resource: bundle },
    );
    expect(fs.map((f) => f.location)).toEqual(['Bundle', 'Bundle']);
  });

  it('reads `null` ids in comments as no resource', () => {
    expect(resourceFromComment('Bundle.entry[0].resource/*Slot/null*/.status')).toBeUndefined();
    expect(resourceFromComment('Bundle.entry[0].resource/*Bundle/x*/.entry[1].resource/*Slot/y*/')).toBe('Slot/y');
  });
});

describe('operationOutcomeToFindings — rule id and message', () => {
  it('takes the message id (valueString or valueCode), else the issue code', () => {
    const fs = operationOutcomeToFindings(
      oo(
        {
          extension: [
            { url: LINE, valueInteger: 40 },
            { url: MSG_ID, valueString: 'Terminology_TX_NoValid_1_CC' },
          ],
          severity: 'error',
          code: 'code-invalid',
          details: { text: 'a' },
          expression: ['Slot.meta.security[0]'],
        },
        {
          extension: [{ url: MSG_ID, valueCode: 'http://hl7.org/fhir/StructureDefinition/Period#per-1' }],
          severity: 'error',
          code: 'invariant',
          details: { text: 'b' },
        },
        { severity: 'error', code: 'required', details: { text: 'c' } },
        { severity: 'error', details: { text: 'd' } },
      ),
    );
    expect(fs.map((f) => f.ruleId)).toEqual([
      'official:Terminology_TX_NoValid_1_CC',
      'official:http://hl7.org/fhir/StructureDefinition/Period#per-1',
      'official:required',
      'official:unknown',
    ]);
  });

  it('gives the official text in both languages, labelled, engine official, source structure', () => {
    const text = "Slot.specialty[1]: aucun code fourni, et un code doit être issu du jeu de valeurs 'fr-practitioner-specialty'";
    const [f] = operationOutcomeToFindings(
      oo({ severity: 'error', code: 'code-invalid', details: { text }, diagnostics: 'other', expression: ['Slot.specialty[1]'] }),
    );
    expect(f.message).toEqual({ fr: `[validateur officiel] ${text}`, en: `[official validator] ${text}` });
    expect(f.engine).toBe('official');
    expect(f.source).toBe('structure');
    expect(f.notChecked).toBeUndefined();
  });

  it('uses diagnostics when there is no details.text, and caps very long texts', () => {
    const [a, b] = operationOutcomeToFindings(
      oo(
        { severity: 'warning', code: 'informational', diagnostics: 'SearchSet bundles should have search modes on the entries' },
        { severity: 'error', code: 'structure', details: { text: 'x'.repeat(10_000) } },
      ),
    );
    expect(a.message.en).toBe('[official validator] SearchSet bundles should have search modes on the entries');
    expect(b.message.fr.length).toBeLessThan(4100);
    expect(b.message.fr.endsWith('…')).toBe(true);
  });

  it('drops the "All OK" information issue', () => {
    expect(operationOutcomeToFindings(oo({ severity: 'information', code: 'informational', details: { text: 'All OK' } }))).toEqual([]);
  });

  it('reads a Bundle of OperationOutcomes', () => {
    const fs = operationOutcomeToFindings({
      resourceType: 'Bundle',
      entry: [
        { resource: oo({ severity: 'error', code: 'value', details: { text: 'a' } }) },
        { resource: oo({ severity: 'warning', code: 'value', details: { text: 'b' } }) },
      ],
    });
    expect(fs.map((f) => f.severity)).toEqual(['error', 'warning']);
  });

  it.each([null, 'Internal Server Error', { resourceType: 'Patient' }, []])(
    'reports an answer without OperationOutcome (%j) as not checked, not as a pass',
    (answer) => {
      const fs = operationOutcomeToFindings(answer, { resource: { resourceType: 'Slot' } });
      expect(fs).toHaveLength(1);
      expect(fs[0]).toMatchObject({ ruleId: 'official:invalid-response', notChecked: true, engine: 'official', location: 'Slot' });
    },
  );
});
