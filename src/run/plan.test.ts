import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/run/fixtures.js';
import { parseTagFilter, planRun } from './plan.js';

const cases = [
  makeCase({ id: 'PS-4.3-SEARCH', tags: ['ans-4.3', 'smoke'] }),
  makeCase({ id: 'PS-4.3-DATES', tags: ['ans-4.3', 'dates'], title: { fr: 'Créneaux dans la fenêtre', en: 'Slots in the window' } }),
  makeCase({ id: 'CPTS-48H', useCase: 'cpts', tags: ['dates'] }),
  makeCase({ id: 'SOS-SEARCH', useCase: 'sos', tags: ['smoke'] }),
];
const ids = (p: ReturnType<typeof planRun>) => p.selected.map((c) => c.id);
const all = ['psindiv', 'cpts', 'sos'] as const;

describe('planRun', () => {
  it('keeps only the run use cases, in cahier order, and counts the others', () => {
    const p = planRun(cases, { useCases: ['psindiv', 'sos'] });
    expect(ids(p)).toEqual(['PS-4.3-SEARCH', 'PS-4.3-DATES', 'SOS-SEARCH']);
    expect(p.otherUseCases).toBe(1);
  });

  it('includes cases with any of the tags and excludes !tags, comma lists accepted', () => {
    expect(ids(planRun(cases, { useCases: all, tags: ['smoke'] }))).toEqual(['PS-4.3-SEARCH', 'SOS-SEARCH']);
    expect(ids(planRun(cases, { useCases: all, tags: ['ans-4.3,!dates'] }))).toEqual(['PS-4.3-SEARCH']);
    expect(ids(planRun(cases, { useCases: all, tags: ['!smoke'] }))).toEqual(['PS-4.3-DATES', 'CPTS-48H']);
  });

  it('greps ids and both titles', () => {
    expect(ids(planRun(cases, { useCases: all, grep: /^CPTS/ }))).toEqual(['CPTS-48H']);
    expect(ids(planRun(cases, { useCases: all, grep: /fenêtre/ }))).toEqual(['PS-4.3-DATES']);
    expect(ids(planRun(cases, { useCases: all, grep: /in the window/ }))).toEqual(['PS-4.3-DATES']);
  });

  it('selects --only ids and reports the unknown ones', () => {
    const p = planRun(cases, { useCases: all, only: ['SOS-SEARCH,PS-NOPE', 'CPTS-48H'] });
    expect(ids(p)).toEqual(['CPTS-48H', 'SOS-SEARCH']);
    expect(p.unknownIds).toEqual(['PS-NOPE']);
  });

  it('combines the filters (AND)', () => {
    expect(ids(planRun(cases, { useCases: ['psindiv'], tags: ['ans-4.3'], grep: /DATES/ }))).toEqual(['PS-4.3-DATES']);
  });
});

describe('parseTagFilter', () => {
  it('splits includes and excludes', () => {
    expect(parseTagFilter(['a, !b', 'c', ''])).toEqual({ include: ['a', 'c'], exclude: ['b'] });
    expect(parseTagFilter(undefined)).toEqual({ include: [], exclude: [] });
  });
});
