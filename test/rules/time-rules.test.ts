/**
 * Time rules with a pinned clock: offsets other than +01:00/+02:00 (-05:00, +05:30, Z), bounds to
 * the second, the DST change nights of March and October 2026, requests without offset, and the
 * "not checked" answer when the request is unknown.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import type { RuleContext } from '../../src/rules/types.js';
import { buildSearchQuery, parseSearch } from '../../src/sas/search.js';
import { searchWindow } from '../../src/sas/time.js';
import type { UseCase } from '../../src/core/model.js';
import { BUILD, IDNPS_A, NOW, res, type B } from './fixtures.js';

function judge(
  uc: UseCase,
  start: string,
  end: string,
  ctx: Partial<RuleContext> & { now: Date },
  rules = ['SAS-WIN-002', 'SAS-WIN-004', 'SAS-CPTS-001', 'SAS-DAT-001'],
): string[] {
  const b: B = BUILD[uc]();
  Object.assign(res(b, 'Slot'), { start, end });
  const search = ctx.search ?? parseSearch(buildSearchQuery(uc, { ...searchWindow(ctx.now), identifiers: [IDNPS_A] }));
  return runRules(b, { useCase: uc, search, ...ctx })
    .filter((f) => rules.includes(f.ruleId))
    .map((f) => `${f.ruleId}:${f.severity}`);
}

describe('window bounds with offsets (now = 2026-06-10T08:00:00Z, window now → +48 h)', () => {
  // le = 2026-06-12T10:00:00.000+02:00 = 08:00:00Z
  it.each([
    ['-05:00 inside although another calendar day in Paris', '2026-06-12T02:59:59.000-05:00', []],
    ['-05:00 on the upper bound exactly', '2026-06-12T03:00:00.000-05:00', []],
    ['-05:00 one second after the upper bound', '2026-06-12T03:00:01.000-05:00', ['SAS-WIN-002:error']],
    ['+05:30 on the lower bound (= now)', '2026-06-10T13:30:00.000+05:30', []],
    ['+05:30 one second before now', '2026-06-10T13:29:59.000+05:30', ['SAS-WIN-002:error', 'SAS-WIN-004:error']],
    ['Z inside the window: only the format rule', '2026-06-11T08:00:00.000Z', ['SAS-DAT-001:error']],
  ])('%s', (_n, start, expected) => {
    const end = new Date(Date.parse(start) + 15 * 60_000).toISOString().replace('Z', '+00:00');
    expect(judge('psindiv', start, end, { now: NOW })).toEqual(expected);
  });

  it('milliseconds inside the same second as a bound do not fail (compared to the second)', () => {
    expect(judge('psindiv', '2026-06-12T10:00:00.500+02:00', '2026-06-12T10:15:00.000+02:00', { now: NOW })).toEqual([]);
  });

  it('a request without offset (as the ANS kit sent for CPTS) is read in Paris time', () => {
    const search = parseSearch(
      'Slot?start=ge2026-06-10T10:00:00&start=le2026-06-12T10:00:00&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|' +
        IDNPS_A,
    );
    expect(judge('psindiv', '2026-06-12T08:00:00.000+00:00', '2026-06-12T08:15:00.000+00:00', { now: NOW, search })).toEqual([]);
    expect(judge('psindiv', '2026-06-12T08:00:01.000+00:00', '2026-06-12T08:15:00.000+00:00', { now: NOW, search })).toEqual([
      'SAS-WIN-002:error',
    ]);
  });
});

describe('DST change nights of 2026', () => {
  it('October: a window starting Saturday 00:00+02:00 ends Monday 23:00+01:00, 48 real hours later', () => {
    const now = new Date(Date.UTC(2026, 9, 24, 22, 0, 0));
    expect(searchWindow(now)).toEqual({ ge: '2026-10-25T00:00:00.000+02:00', le: '2026-10-26T23:00:00.000+01:00' });
    // The second 02:30 of the night (+01:00) is a real, later instant.
    expect(judge('cpts', '2026-10-25T02:30:00.000+01:00', '2026-10-25T02:45:00.000+01:00', { now })).toEqual([]);
    expect(judge('cpts', '2026-10-26T23:00:00.000+01:00', '2026-10-26T23:15:00.000+01:00', { now })).toEqual([]);
    expect(judge('cpts', '2026-10-26T23:00:01.000+01:00', '2026-10-26T23:15:00.000+01:00', { now })).toEqual([
      'SAS-WIN-002:error',
      'SAS-CPTS-001:warning',
    ]);
  });

  it('March: 48 h after Sunday 00:00+01:00 is Tuesday 01:00+02:00, not Tuesday 00:00', () => {
    const now = new Date(Date.UTC(2026, 2, 28, 23, 0, 0));
    const search = parseSearch(
      buildSearchQuery('cpts', { ge: '2026-03-29T00:00:00.000+01:00', le: '2026-04-05T00:00:00.000+02:00', identifiers: [IDNPS_A] }),
    );
    expect(judge('cpts', '2026-03-31T00:30:00.000+02:00', '2026-03-31T00:45:00.000+02:00', { now, search })).toEqual([]);
    expect(judge('cpts', '2026-03-31T01:00:01.000+02:00', '2026-03-31T01:15:00.000+02:00', { now, search })).toEqual([
      'SAS-CPTS-001:warning',
    ]);
  });

  it('the 48 h CPTS limit does not apply to slots without the CPTS type', () => {
    const b: B = BUILD.psindiv();
    Object.assign(res(b, 'Slot'), { start: '2026-06-13T09:00:00.000+02:00', end: '2026-06-13T09:15:00.000+02:00' });
    const search = parseSearch(
      buildSearchQuery('psindiv', { ge: '2026-06-10T10:00:00.000+02:00', le: '2026-06-20T10:00:00.000+02:00', identifiers: [IDNPS_A] }),
    );
    b.link[0].url = `https://editeur.test/fhir/${search.raw}`;
    expect(runRules(b, { useCase: 'psindiv', now: NOW, search })).toEqual([]);
    res(b, 'Slot').meta.security.push({
      system: 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau',
      code: 'CPTS',
    });
    expect(runRules(b, { useCase: 'psindiv', now: NOW, search }).map((f) => f.ruleId)).toEqual(['SAS-CPTS-001']);
  });
});

describe('rules that need the request', () => {
  it('give one information finding, not checked, per rule when the search is unknown', () => {
    const fs = runRules(BUILD.psindiv(), { useCase: 'psindiv', now: NOW });
    expect(fs.map((f) => [f.ruleId, f.severity, f.notChecked])).toEqual([
      ['SAS-BDL-007', 'information', true],
      ['SAS-WIN-002', 'information', true],
      ['SAS-IDN-002', 'information', true],
      ['SAS-IDN-003', 'information', true],
    ]);
    expect(fs.every((f) => f.requirements && f.requirements.length > 0)).toBe(true);
    const sos = runRules(BUILD.sos(), { useCase: 'sos', now: NOW });
    expect(sos.map((f) => f.ruleId)).toEqual(['SAS-BDL-007', 'SAS-WIN-002', 'SAS-IDN-004']);
  });
});
