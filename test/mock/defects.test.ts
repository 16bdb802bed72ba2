import { describe, expect, it } from 'vitest';
import { INJECTION } from '../../src/mock/apply-defects.js';
import { DEFECT_NAMES, DEFECTS, describeDefects, parseDefectNames, type DefectName } from '../../src/mock/defects.js';
import { SetupError } from '../../src/core/errors.js';
import { answer, CPTS_JDD, DATE, NOW, PS_JDD, psByTag, query, resources, SOS_JDD, type Json } from './helpers.js';

const H48 = 48 * 3600_000;
const ps1 = () => psByTag(PS_JDD, 'one-place');
const psQuery = () => query('psindiv', [ps1().idnps]);
const cptsQuery = (tag: string) => query('cpts', [psByTag(CPTS_JDD, tag).idnps]);
const sosQuery = () => query('sos', [SOS_JDD.sos[1].siret]);
const body = (q: string, d: DefectName[]) => answer(q, d).body as Json;
const slotsOf = (b: Json) => resources(b, 'Slot');
const phones = (b: Json): string[] => JSON.stringify(b).match(/"system":"phone","value":"[^"]*"/g) ?? [];

/** Content defects, each asserted against the same request without the defect. */
const CONTENT: Partial<Record<DefectName, () => void>> = {
  'wrong-status': () => {
    expect(slotsOf(body(psQuery(), [])).every((s) => s.status === 'free')).toBe(true);
    expect(slotsOf(body(psQuery(), ['wrong-status']))[0].status).toBe('busy');
  },
  'slot-outside-window': () => {
    const q = psQuery();
    const le = Date.parse(decodeURIComponent(/start=le([^&]+)/.exec(q)![1]));
    expect(slotsOf(body(q, [])).every((s) => Date.parse(s.start) <= le)).toBe(true);
    expect(slotsOf(body(q, ['slot-outside-window'])).some((s) => Date.parse(s.start) > le)).toBe(true);
    expect(slotsOf(body(sosQuery(), ['slot-outside-window'])).some((s) => Date.parse(s.start) > NOW.getTime() + H48)).toBe(true);
  },
  'cpts-after-48h': () => {
    const late = (b: Json) => slotsOf(b).filter((s) => Date.parse(s.start) > NOW.getTime() + H48);
    expect(late(body(cptsQuery('cpts-two-cpts'), []))).toHaveLength(0);
    const shown = late(body(cptsQuery('cpts-two-cpts'), ['cpts-after-48h']));
    expect(shown).toHaveLength(1);
    expect(shown[0].meta.security[0].code).toBe('CPTS');
  },
  'missing-include': () => {
    expect(resources(body(psQuery(), []), 'Practitioner')).toHaveLength(1);
    expect(resources(body(psQuery(), ['missing-include']), 'Practitioner')).toHaveLength(0);
    expect(resources(body(sosQuery(), ['missing-include']), 'Organization')).toHaveLength(0);
  },
  'dangling-reference': () => {
    const b = body(psQuery(), ['dangling-reference']);
    const ids = new Set(resources(b, 'Schedule').map((s) => `Schedule/${s.id}`));
    expect(slotsOf(b).filter((s) => !ids.has(s.schedule.reference))).toHaveLength(1);
  },
  'bad-phone': () => {
    expect(phones(body(psQuery(), [])).every((p) => /"\+33\d{9}"$/.test(p))).toBe(true);
    const bad = phones(body(psQuery(), ['bad-phone']));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((p) => /"0\d \d{2} \d{2} \d{2} \d{2}"$/.test(p))).toBe(true);
  },
  'bad-finess': () => {
    const orgs = resources(body(cptsQuery('cpts-one-cpts'), ['bad-finess']), 'Organization');
    expect(orgs[0].identifier[0].value).toMatch(/^\d{9}$/);
    expect(resources(body(sosQuery(), ['bad-finess']), 'Organization')[0].identifier[0].value).toMatch(/^\d{14}$/);
    expect(resources(body(psQuery(), ['bad-finess']), 'PractitionerRole')[0].organization.identifier.value).toMatch(/^\d{14}$/);
  },
  'date-without-offset': () => {
    const slots = slotsOf(body(psQuery(), ['date-without-offset']));
    expect(slots.every((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000$/.test(s.start) && !DATE.test(s.end))).toBe(true);
  },
  injection: () => {
    const text = JSON.stringify(body(cptsQuery('cpts-two-cpts'), ['injection']));
    for (const payload of Object.values(INJECTION)) expect(text).toContain(JSON.stringify(payload).slice(1, -1));
    expect(slotsOf(body(psQuery(), ['injection'])).every((s) => s.comment === INJECTION.url)).toBe(true);
    const refused = answer(query('psindiv', [ps1().idnps], { status: null }), ['injection']).body as Json;
    expect(refused.issue[0].diagnostics).toContain(INJECTION.script);
  },
  'no-operation-outcome': () => {
    const q = query('psindiv', [ps1().idnps], { status: null });
    expect(answer(q, []).status).toBe(400);
    const r = answer(q, ['no-operation-outcome']);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ resourceType: 'Bundle', total: 0 });
  },
  'cpts-for-individual': () => {
    expect(body(cptsQuery('cpts-individual-only'), []).total).toBe(0);
    const b = body(cptsQuery('cpts-individual-only'), ['cpts-for-individual']);
    expect(b.total).toBeGreaterThan(0);
    expect(slotsOf(b).every((s) => s.meta.security[0].code === 'CPTS')).toBe(true);
  },
  'wrong-finess': () => {
    const ps = psByTag(CPTS_JDD, 'cpts-one-cpts');
    const declared = CPTS_JDD.cpts.filter((c) => ps.cpts.includes(c.key)).map((c) => c.finess);
    const shown = resources(body(cptsQuery('cpts-one-cpts'), ['wrong-finess']), 'Organization').map((o) => o.identifier[0].value);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.some((f) => declared.includes(f))).toBe(false);
  },
  'wrong-practitioner': () => {
    const ids = resources(body(psQuery(), ['wrong-practitioner']), 'Practitioner').map((p) => p.identifier[0].value);
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBe(ps1().idnps);
    expect(ids[0]).toMatch(/^8\d{11}$/);
  },
  'total-mismatch': () => {
    const b = body(psQuery(), ['total-mismatch']);
    expect(b.total).toBe(slotsOf(b).length + 1);
  },
  'missing-comment': () => {
    expect(slotsOf(body(psQuery(), [])).every((s) => typeof s.comment === 'string')).toBe(true);
    expect(slotsOf(body(psQuery(), ['missing-comment'])).every((s) => s.comment === undefined)).toBe(true);
  },
  'bad-consultation-type': () => {
    const codes = slotsOf(body(psQuery(), ['bad-consultation-type'])).map((s) => s.serviceType[0].coding[0].code);
    expect(new Set(codes)).toEqual(new Set(['VISIO']));
  },
};

/** Defects produced by the server around the content: tested over HTTP in server.test.ts. */
const TRANSPORT: DefectName[] = ['html-502', 'slow', 'huge-body', 'truncated-json', 'wrong-content-type'];

/** Defects of the appointment-side flows: tested against the flow checks in test/flows/. */
const FLOW: DefectName[] = ['regul-accepts-invalid', 'regul-ignores-update', 'sso-no-redirect', 'appointment-invalid'];

describe('defect catalogue', () => {
  it('describes every defect in French and English, with what should catch it', () => {
    expect(DEFECTS.map((d) => d.name)).toEqual([...DEFECT_NAMES]);
    for (const d of DEFECTS) {
      expect(d.description.fr.length).toBeGreaterThan(10);
      expect(d.description.en.length).toBeGreaterThan(10);
      expect(d.check.fr.length + d.check.en.length).toBeGreaterThan(10);
    }
    expect(describeDefects('fr')).toContain('cpts-after-48h');
  });

  it('has a test for every defect (content here, transport over HTTP, flows in test/flows)', () => {
    expect([...Object.keys(CONTENT), ...TRANSPORT, ...FLOW].sort()).toEqual([...DEFECT_NAMES].sort());
    for (const name of TRANSPORT) expect(DEFECTS.find((d) => d.name === name)?.layer).toBe('transport');
    for (const name of FLOW) expect(DEFECTS.find((d) => d.name === name)?.layer).toBe('flow');
  });

  it('refuses unknown names with the list of known ones', () => {
    expect(parseDefectNames(['slow', 'slow'])).toEqual(['slow']);
    expect(() => parseDefectNames(['slowly'])).toThrow(SetupError);
  });
});

describe('content defects are visible in the answer', () => {
  it.each(Object.entries(CONTENT))('%s', (_name, check) => check());
});
