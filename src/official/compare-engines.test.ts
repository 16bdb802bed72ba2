import { describe, expect, it } from 'vitest';
import { finding, type Finding, type Severity } from '../core/findings.js';
import { compareEngines, countDisagreements, scopeOf } from './compare-engines.js';

const msg = { fr: 'm', en: 'm' };

function ours(location: string, severity: Severity = 'error', extra: Partial<Finding> = {}): Finding {
  return { ...finding(severity, 'ours', 'structure', location, msg), ...extra };
}

function theirs(location: string, severity: Severity = 'error', extra: Partial<Finding> = {}): Finding {
  return { ...finding(severity, 'official:x', 'structure', location, msg, { engine: 'official' }), ...extra };
}

const SEC = 'Bundle.entry[2].resource.meta.security[1]';

describe('compareEngines', () => {
  it('finds no disagreement when both report an error at the same place', () => {
    expect(compareEngines([ours(`${SEC}.code`)], [theirs(`${SEC}.code`)])).toEqual([]);
  });

  it('matches an error above or below the other one in the same resource', () => {
    expect(compareEngines([ours(`${SEC}.code`)], [theirs(SEC)])).toEqual([]);
    expect(compareEngines([ours(SEC)], [theirs(`${SEC}.code`)])).toEqual([]);
  });

  it('does not match a path that only shares a prefix of characters', () => {
    const ds = compareEngines([ours('Bundle.entry[2].resource.meta.security[1]')], [theirs('Bundle.entry[2].resource.meta.security[12]')]);
    expect(ds).toHaveLength(2);
  });

  it('tolerates [0] written by one engine and not the other', () => {
    expect(compareEngines([ours('Slot.serviceType.coding.code')], [theirs('Slot.serviceType[0].coding[0].code')])).toEqual([]);
  });

  it('strips the validator comment before comparing', () => {
    expect(compareEngines([ours(`${SEC}.code`)], [theirs('Bundle.entry[2].resource/*Slot/s*/.meta.security[1].code')])).toEqual([]);
  });

  it('reports an error of ours with no official error, with the official warning beside it', () => {
    const warning = theirs(`${SEC}.code`, 'warning');
    const [d, ...rest] = compareEngines([ours(`${SEC}.code`, 'error', { resource: 'Slot/s' })], [warning]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      scope: 'Bundle.entry[2].resource',
      location: `${SEC}.code`,
      reportedBy: 'sas-recette',
      resource: 'Slot/s',
    });
    expect(d.findings).toHaveLength(1);
    expect(d.otherEngine).toEqual([warning]);
  });

  it('reports an official error we do not see, taking the resource from the official finding', () => {
    const ds = compareEngines([], [theirs('Bundle.entry[1].resource.specialty[1]', 'error', { resource: 'Slot/slot-7' })]);
    expect(ds).toEqual([
      expect.objectContaining({ reportedBy: 'official', resource: 'Slot/slot-7', location: 'Bundle.entry[1].resource.specialty[1]' }),
    ]);
  });

  it('never matches across resources, nor a Bundle-level error with an error inside an entry', () => {
    const ds = compareEngines(
      [ours('Bundle.entry[1].resource.status'), ours('Bundle.entry[3].resource.start')],
      [theirs('Bundle.entry[2].resource.status'), theirs('Bundle')],
    );
    expect(ds.map((d) => `${d.reportedBy} ${d.location}`)).toEqual([
      'official Bundle',
      'sas-recette Bundle.entry[1].resource.status',
      'official Bundle.entry[2].resource.status',
      'sas-recette Bundle.entry[3].resource.start',
    ]);
  });

  it('sorts entries by number, not by text', () => {
    const ds = compareEngines([ours('Bundle.entry[10].resource.status'), ours('Bundle.entry[9].resource.status')], []);
    expect(ds.map((d) => d.location)).toEqual(['Bundle.entry[9].resource.status', 'Bundle.entry[10].resource.status']);
  });

  it('does not count warnings, information or not-checked findings as errors', () => {
    const ds = compareEngines(
      [ours('Slot.a', 'warning'), ours('Slot.b', 'error', { notChecked: true }), ours('Slot.c', 'information')],
      [theirs('Slot.d', 'warning'), theirs('Slot.e', 'error', { notChecked: true })],
    );
    expect(ds).toEqual([]);
  });

  it('counts fatal findings as errors', () => {
    expect(compareEngines([], [theirs('Bundle', 'fatal')])).toHaveLength(1);
  });

  it('leaves SAS rules out unless asked (the official validator does not know them)', () => {
    const rule = { ...ours('Bundle.entry[1].resource.comment'), source: 'rule' as const, ruleId: 'SAS-SLOT-001' };
    expect(compareEngines([rule], [])).toEqual([]);
    expect(compareEngines([rule], [], { ownSources: ['structure', 'rule'] })).toHaveLength(1);
  });

  it('groups several findings at one location into one disagreement', () => {
    const ds = compareEngines([ours('Slot.status'), ours('Slot.status')], []);
    expect(ds).toHaveLength(1);
    expect(ds[0].findings).toHaveLength(2);
  });

  it('ignores official findings passed as ours and ours passed as official', () => {
    expect(compareEngines([theirs('Slot.a')], [ours('Slot.b')])).toEqual([]);
  });

  it('counts per engine', () => {
    const ds = compareEngines([ours('Slot.a'), ours('Slot.b')], [theirs('Slot.c')]);
    expect(countDisagreements(ds)).toEqual({ 'sas-recette': 2, official: 1 });
  });
});

describe('scopeOf', () => {
  it('is the entry resource, else the root type', () => {
    expect(scopeOf('Bundle.entry[4].resource.meta')).toBe('Bundle.entry[4].resource');
    expect(scopeOf('Bundle.entry[4].fullUrl')).toBe('Bundle');
    expect(scopeOf('Slot.status')).toBe('Slot');
  });
});
