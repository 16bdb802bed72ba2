/**
 * Every SAS rule on small bundles: the conformant fixtures give no finding at all (the passing case
 * of every rule), and each failing case below breaks one thing and expects that rule to report it
 * with its severity, location, resource and requirement ids. A last test checks every registered
 * rule has a failing case here.
 */
import { describe, expect, it } from 'vitest';
import { RULES, ruleById, runRules } from '../../src/rules/index.js';
import { CASES, entryOf } from './cases.js';
import { BUILD, ctxFor, cptsOrganization, cptsServiceType, healthcareService, res, TRE_R66 } from './fixtures.js';

describe('conformant fixtures (the passing case of every rule)', () => {
  it.each(['psindiv', 'cpts', 'sos'] as const)('%s bundle gives no finding', (uc) => {
    expect(runRules(BUILD[uc](), ctxFor(uc))).toEqual([]);
  });

  it('a versioned canonical in meta.profile counts as the profile', () => {
    const b = BUILD.psindiv();
    res(b, 'Slot').meta.profile = ['http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur|1.2.0'];
    expect(runRules(b, ctxFor('psindiv'))).toEqual([]);
  });

  it('a slot shared by two CPTS (two HS, two Organizations) passes', () => {
    const b = BUILD.cpts();
    res(b, 'Slot').serviceType.push(cptsServiceType('hs-2'));
    b.entry.push(entryOf(healthcareService('hs-2', 'org-2')), entryOf(cptsOrganization('org-2', '1000000029')));
    expect(runRules(b, ctxFor('cpts'))).toEqual([]);
  });

  it('an accepted TRE_R66 variant spelling is not a hard error', () => {
    const b = BUILD.cpts();
    res(b, 'Slot').serviceType[1].coding[0].system =
      'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/TRE_R66-CategorieEtablissement';
    const fs = runRules(b, ctxFor('cpts'));
    expect(fs.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['SAS-CPTS-006:warning']);
    expect(TRE_R66).not.toBe(res(b, 'Slot').serviceType[1].coding[0].system);
  });
});

describe('failing cases', () => {
  it.each(CASES.map((c) => [`${c.rule} ${c.name}`, c] as const))('%s', (_n, c) => {
    const b = BUILD[c.uc]();
    c.mutate(b);
    const rule = ruleById(c.rule)!;
    expect(rule, `rule ${c.rule} is registered`).toBeDefined();
    const mine = runRules(b, ctxFor(c.uc)).filter((f) => f.ruleId === c.rule);
    expect(mine.length, `${c.rule} reports "${c.name}"`).toBeGreaterThan(0);
    const sev = c.severity ?? rule.severity;
    expect(mine.some((f) => f.severity === sev)).toBe(true);
    if (c.at) expect(mine.map((f) => f.location).join('\n')).toContain(c.at);
    for (const f of mine) {
      expect(f.source).toBe('rule');
      expect(f.requirements?.length).toBeGreaterThan(0);
      expect(f.requirements?.filter((r) => !rule.requirements.includes(r))).toEqual([]);
      expect(f.message.fr.length).toBeGreaterThan(10);
      expect(f.message.en.length).toBeGreaterThan(10);
    }
  });

  it('every registered rule has a failing case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('findings name the resource and the path in both languages', () => {
    const b = BUILD.psindiv();
    res(b, 'Slot').status = 'busy';
    const [f] = runRules(b, ctxFor('psindiv')).filter((x) => x.ruleId === 'SAS-WIN-001');
    expect(f.resource).toBe('Slot/slot-a1');
    expect(f.location).toBe('Bundle.entry[0].resource.status');
    expect(f.message.fr).toContain('Slot/slot-a1');
    expect(f.message.en).toContain('Slot/slot-a1');
  });
});

describe('no double counting', () => {
  it('a Schedule naming its Location twice is not "two Schedules on one Location"', () => {
    const b = BUILD.sos();
    res(b, 'Schedule').actor.push({ reference: 'Location/pfg-1' });
    expect(runRules(b, ctxFor('sos')).filter((f) => f.ruleId === 'SAS-COH-003')).toEqual([]);
  });
});
