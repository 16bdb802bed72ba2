import { describe, expect, it } from 'vitest';
import { RULES, ruleById, runRules } from './index.js';

const ctx = { useCase: 'psindiv' as const, now: new Date(Date.UTC(2026, 5, 10, 8)) };

describe('runRules', () => {
  it('returns nothing for non-objects', () => {
    for (const x of [null, undefined, 3, 'Bundle', [], [{}], true]) expect(runRules(x, ctx)).toEqual([]);
  });

  it('runs only SAS-BDL-001 on a resource that is not a Bundle', () => {
    expect(runRules({ resourceType: 'OperationOutcome' }, ctx).map((f) => f.ruleId)).toEqual(['SAS-BDL-001']);
  });

  it('never throws on hostile shapes', () => {
    const junk: unknown[] = [null, 1, 'x', [], {}, { reference: 5 }, [[null]], { coding: 'x' }];
    for (const uc of ['psindiv', 'cpts', 'sos'] as const) {
      for (const j of junk) {
        const b = {
          resourceType: 'Bundle',
          type: j,
          total: j,
          link: j,
          entry: [
            j,
            { resource: j, search: j, fullUrl: j },
            {
              resource: {
                resourceType: 'Slot',
                id: j,
                meta: j,
                serviceType: [
                  j,
                  {
                    coding: [j],
                    extension: [j, { url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType', valueReference: j }],
                  },
                ],
                schedule: j,
                start: j,
                end: j,
                status: j,
                comment: j,
                appointmentType: j,
              },
            },
            { resource: { resourceType: 'Schedule', actor: [j] } },
            {
              resource: {
                resourceType: 'PractitionerRole',
                location: [j],
                contained: [j],
                telecom: [j],
                organization: { identifier: j },
                practitioner: j,
              },
            },
            { resource: { resourceType: 'Practitioner', identifier: [j, { value: j, type: j }], telecom: j } },
            { resource: { resourceType: 'HealthcareService', providedBy: j } },
            { resource: { resourceType: 'Organization', identifier: j } },
            { resource: { resourceType: 'Location', address: j, managingOrganization: j, name: j } },
          ],
        };
        const search = {
          resourceType: 'Slot' as const,
          identifiers: [{ value: '810000000017' }],
          includes: [],
          revincludes: [],
          params: [],
        };
        const fs = runRules(b, { ...ctx, useCase: uc, search });
        // No rule crashed (a crash would surface as an internalError finding).
        expect(fs.filter((f) => f.internalError).map((f) => `${f.ruleId} ${f.message.en}`)).toEqual([]);
      }
    }
  });

  it('turns a rule that crashes into one internal-error finding (never a pass) and keeps the others', () => {
    const slot: Record<string, unknown> = { resourceType: 'Slot', id: 's' };
    Object.defineProperty(slot, 'status', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const fs = runRules({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: slot, search: { mode: 'match' } }] }, ctx);
    const crashed = fs.filter((f) => f.ruleId === 'SAS-WIN-001');
    expect(crashed).toMatchObject([{ severity: 'error', internalError: true, requirements: ruleById('SAS-WIN-001')!.requirements }]);
    expect(crashed[0].notChecked).toBeUndefined();
    expect(crashed[0].message.en).toContain('boom');
    expect(crashed[0].message.fr).toContain('boom');
    expect(fs.some((f) => f.ruleId === 'SAS-REF-001')).toBe(true);
  });
});

describe('registry', () => {
  it('has unique, well-formed ids, FR/EN titles and requirement ids on every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^SAS-[A-Z]{3,4}-\d{3}$/);
      expect(r.title.fr && r.title.en).toBeTruthy();
      expect(r.requirements.length).toBeGreaterThan(0);
      expect(r.useCases.length).toBeGreaterThan(0);
      expect(ruleById(r.id)).toBe(r);
    }
    expect(ruleById('SAS-NOPE-001')).toBeUndefined();
  });

  it('keeps check bound to its rule when destructured', () => {
    const { check } = ruleById('SAS-BDL-001')!;
    expect(check({ resourceType: 'Bundle', type: 'batch' }, ctx)[0].ruleId).toBe('SAS-BDL-001');
  });
});
