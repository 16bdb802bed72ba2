/**
 * Flux V3, one Appointment judged as SAS receives it (`judgeAppointment`): the IG's own examples
 * Appointment-1, -2 (FrAppointmentSAS) and -12345678 (SOS), read from the package at test time, get the
 * verdicts the facts document predicts (no error); each SAS rule SAS-APT-001…014 fires on the one
 * defect it is about, at the element to fix; the participant-status rule is read from the LOADED
 * package (1.2.0 CI build: accepted or needs-action; 1.1.0: fixed accepted); severities follow the
 * strength of the requirement each finding cites; nothing an editor can send makes the judge throw.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { readTgzJson } from '../../src/fhir/packages/read-tgz.js';
import { judgeAppointment, type AppointmentFlavour } from '../../src/flows/appointments/judge-appointment.js';
import { loadCatalogue } from '../../src/requirements/load-requirements.js';
import { tableSeverity } from '../../src/requirements/strength.js';
import { loadIndex, PACKAGES } from '../validator/helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const IG = resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');
const example = async (name: string): Promise<Json> => (await readTgzJson(IG, `package/example/${name}.json`)) as Json;

const blocking = (fs: Finding[]): string[] =>
  [...new Set(fs.filter((f) => f.severity === 'error' || f.severity === 'fatal').map((f) => f.ruleId))].sort();
const of = (fs: Finding[], ruleId: string): Finding[] => fs.filter((f) => f.ruleId === ruleId);
const { requirements } = loadCatalogue();

let index: DefinitionIndex;
let index110: DefinitionIndex;
let ps: Json;
let ps2: Json;
let sos: Json;
beforeAll(async () => {
  [index, index110, ps, ps2, sos] = await Promise.all([
    loadIndex('1.2.0'),
    loadIndex('1.1.0'),
    example('Appointment-1'),
    example('Appointment-2'),
    example('Appointment-12345678'),
  ]);
});

const judge = (
  r: unknown,
  flavour: AppointmentFlavour = 'appointment',
  extra: { knownOperators?: string[]; index?: DefinitionIndex | null } = {},
) =>
  judgeAppointment(r, {
    flavour,
    ...(extra.index === null ? {} : { index: extra.index ?? index }),
    ...(extra.knownOperators ? { knownOperators: extra.knownOperators } : {}),
  }).findings;

/** A copy of Appointment-1 changed by `edit`. */
const psWith = (edit: (a: Json) => void): Json => {
  const a = structuredClone(ps);
  edit(a);
  return a;
};
const sosWith = (edit: (a: Json) => void): Json => {
  const a = structuredClone(sos);
  edit(a);
  return a;
};

describe("the IG's own examples (read from ans.fhir.fr.sas#1.2.0)", () => {
  it.each([
    ['Appointment-1', 'appointment'],
    ['Appointment-2', 'appointment'],
    ['Appointment-12345678', 'sos-appointment'],
  ] as const)(
    '%s (%s): no error, the profile is the flavour’s, the participant-status rule is read from the package',
    async (name, flavour) => {
      const r = await example(name);
      const j = judgeAppointment(r, { flavour, index });
      expect(blocking(j.findings)).toEqual([]);
      expect(j.profile).toBe(r.meta.profile[0]);
      expect(j.participantStatus).toMatchObject({
        kind: 'binding',
        codes: ['accepted', 'needs-action'],
        igPackage: 'ans.fhir.fr.sas#1.2.0',
      });
      const applied = of(j.findings, 'SAS-APT-012');
      expect(applied).toHaveLength(1);
      expect(applied[0].severity).toBe('information');
      expect(applied[0].message.en).toContain('sas-valueset-participant-status (accepted, needs-action)');
      expect(applied[0].message.en).toContain('ans.fhir.fr.sas#1.2.0');
      // the examples' placeholder OID is named, not condemned; no flux V1 accounts → operator not cross-checked
      expect(of(j.findings, 'SAS-APT-006').map((f) => f.severity)).toEqual(['information']);
      expect(of(j.findings, 'SAS-APT-011')).toMatchObject([{ severity: 'information', notChecked: true }]);
    },
  );

  it('Appointment-1 and -2 are the create and the cancellation of the same appointment (same identifier)', () => {
    expect(ps2.identifier).toEqual(ps.identifier);
    expect([ps.status, ps2.status]).toEqual(['booked', 'cancelled']);
  });

  it('with the official 1.1.0 package, FrAppointmentSAS fixes accepted: needs-action is refused there, allowed by the 1.2.0 CI build', () => {
    const waiting = psWith((a) => {
      a.participant[0].status = 'needs-action';
      a.status = 'pending';
    });
    const old = judgeAppointment(ps, { flavour: 'appointment', index: index110 });
    expect(blocking(old.findings)).toEqual([]);
    expect(old.participantStatus).toMatchObject({ kind: 'fixed', codes: ['accepted'], igPackage: 'ans.fhir.fr.sas#1.1.0' });
    expect(of(old.findings, 'SAS-APT-012')[0].message.en).toContain('fixed value accepted');
    const refused = judge(waiting, 'appointment', { index: index110 });
    expect(
      of(refused, 'SAS-APT-012')
        .filter((f) => f.severity === 'error')
        .map((f) => f.location),
    ).toEqual(['Appointment.participant[0].status']);
    // 1.2.0: the status itself is allowed; pending is not a PS status (SAS-APT-009)
    const now = judge(waiting);
    expect(of(now, 'SAS-APT-012').every((f) => f.severity === 'information')).toBe(true);
    expect(blocking(now)).toEqual(['SAS-APT-009']);
  });

  it('the SOS example judged as a PS appointment: wrong profile declared, pending not a PS status', () => {
    const fs = judge(sos, 'appointment');
    expect(blocking(fs)).toEqual(expect.arrayContaining(['SAS-APT-002', 'SAS-APT-009']));
    expect(of(fs, 'SAS-APT-002')[0].message.en).toMatch(/PS and CPTS appointments declare FrAppointmentSAS/);
  });
});

describe('each SAS rule fires on its own defect, located at the element to fix', () => {
  const OP = 'Appointment.extension[0].valueReference.identifier';
  const PS = 'Appointment.participant[0].actor.identifier';
  const defects: [string, () => Json, AppointmentFlavour, string, string][] = [
    ['not an Appointment', () => ({ resourceType: 'Patient' }), 'appointment', 'SAS-APT-001', 'Appointment'],
    ['meta.profile missing', () => psWith((a) => delete a.meta), 'appointment', 'SAS-APT-002', 'Appointment.meta.profile'],
    ['operator extension missing', () => psWith((a) => delete a.extension), 'appointment', 'SAS-APT-003', 'Appointment.extension'],
    [
      'operator as a reference, no identifier',
      () => psWith((a) => (a.extension[0].valueReference = { reference: 'Practitioner/x' })),
      'appointment',
      'SAS-APT-003',
      OP,
    ],
    [
      'operator without value',
      () => psWith((a) => delete a.extension[0].valueReference.identifier.value),
      'appointment',
      'SAS-APT-003',
      `${OP}.value`,
    ],
    [
      'PS as RPPS without its 8',
      () => psWith((a) => (a.participant[0].actor.identifier.value = '10100050075')),
      'appointment',
      'SAS-APT-004',
      `${PS}.value`,
    ],
    [
      'PS in another system',
      () => psWith((a) => (a.participant[0].actor.identifier.system = 'urn:oid:1.2.250.1.71.4.2.2')),
      'appointment',
      'SAS-APT-004',
      `${PS}.system`,
    ],
    [
      'two identifiers',
      () => psWith((a) => a.identifier.push({ system: 'urn:oid:1.2.3', value: 'x' })),
      'appointment',
      'SAS-APT-005',
      'Appointment.identifier[1]',
    ],
    [
      'identifier without system',
      () => psWith((a) => delete a.identifier[0].system),
      'appointment',
      'SAS-APT-005',
      'Appointment.identifier[0].system',
    ],
    [
      'identifier system not an OID nor a URL',
      () => psWith((a) => (a.identifier[0].system = 'editeur-x')),
      'appointment',
      'SAS-APT-006',
      'Appointment.identifier[0].system',
    ],
    [
      'identifier system = the SAS OID',
      () => psWith((a) => (a.identifier[0].system = 'urn:oid:1.2.250.1.213.3.6')),
      'appointment',
      'SAS-APT-006',
      'Appointment.identifier[0].system',
    ],
    ['no end', () => psWith((a) => delete a.end), 'appointment', 'SAS-APT-007', 'Appointment.end'],
    ['status proposed', () => psWith((a) => (a.status = 'proposed')), 'appointment', 'SAS-APT-009', 'Appointment.status'],
    [
      'operator INTRN in the IDNPS system',
      () => psWith((a) => (a.extension[0].valueReference.identifier.type.coding[0].code = 'INTRN')),
      'appointment',
      'SAS-APT-010',
      `${OP}.system`,
    ],
    [
      'operator INTRN not a UUID',
      () =>
        psWith((a) => {
          Object.assign(a.extension[0].valueReference.identifier, { system: 'urn:oid:1.2.250.1.213.3.6', value: 'not-a-uuid' });
          a.extension[0].valueReference.identifier.type.coding[0].code = 'INTRN';
        }),
      'appointment',
      'SAS-APT-010',
      `${OP}.value`,
    ],
    [
      'operator type RPPS',
      () => psWith((a) => (a.extension[0].valueReference.identifier.type.coding[0].code = 'RPPS')),
      'appointment',
      'SAS-APT-010',
      `${OP}.type.coding[0].code`,
    ],
    [
      'participant status declined',
      () => psWith((a) => (a.participant[0].status = 'declined')),
      'appointment',
      'SAS-APT-012',
      'Appointment.participant[0].status',
    ],
    [
      'SOS with a second extension',
      () =>
        sosWith((a) =>
          a.extension.push({
            url: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-categorie-orientation',
            valueCodeableConcept: { text: 'x' },
          }),
        ),
      'sos-appointment',
      'SAS-APT-014',
      'Appointment.extension',
    ],
  ];
  it.each(defects.map(([name, make, flavour, ruleId, location]) => [name, ruleId, make, flavour, location] as const))(
    '%s → %s',
    (_name, ruleId, make, flavour, location) => {
      const fs = judge(make(), flavour);
      const hits = of(fs, ruleId).filter((f) => f.severity === 'error');
      expect(
        hits.map((f) => f.location),
        JSON.stringify(fs.map((f) => `${f.ruleId} ${f.location}`)),
      ).toContain(location);
      expect(hits[0].source).toBe('flow');
      expect(hits[0].message.fr).toMatch(/\u00a0:/);
    },
  );

  it('says what to send for an RPPS or an ADELI without its prefix; accepts 0 + ADELI', () => {
    const rpps = of(judge(psWith((a) => (a.participant[0].actor.identifier.value = '10100050075'))), 'SAS-APT-004');
    expect(rpps[0].message.en).toContain('send 810100050075');
    const adeli = of(judge(psWith((a) => (a.participant[0].actor.identifier.value = '123456789'))), 'SAS-APT-004');
    expect(adeli[0].message.en).toContain('send 0123456789');
    expect(blocking(judge(psWith((a) => (a.participant[0].actor.identifier.value = '0123456789'))))).toEqual([]);
  });

  it('accepts an http(s) URL as identifier system, a SAS id of any UUID version, a versioned profile canonical', () => {
    const ok = psWith((a) => {
      a.identifier[0].system = 'https://agenda.editeur.example/rdv';
      a.meta.profile = [`${a.meta.profile[0]}|1.2.0`];
      Object.assign(a.extension[0].valueReference.identifier, {
        system: 'urn:oid:1.2.250.1.213.3.6',
        value: '1ef1c748-01a3-6180-b098-73283ce4e5b1',
      });
      a.extension[0].valueReference.identifier.type.coding[0].code = 'INTRN';
    });
    expect(blocking(judge(ok))).toEqual([]);
  });

  it("names the IG snippet's canonical when an editor copied it into meta.profile", () => {
    const fs = judge(psWith((a) => (a.meta.profile = ['http://interopsante.org/fhir/StructureDefinition/FrAppointmentSAS'])));
    const f = of(fs, 'SAS-APT-002')[0];
    expect(f.severity).toBe('error');
    expect(f.message.en).toMatch(/snippet of the IG page .* contradicts the profile/);
    expect(f.message.en).toContain('declare http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS');
  });

  it('created missing is a warning (mustSupport, SHOULD); needs-action without pending a warning saying only the kit asks', () => {
    expect(of(judge(psWith((a) => delete a.created)), 'SAS-APT-008')).toMatchObject([{ severity: 'warning', requirements: ['sas-v3@8'] }]);
    const waiting = sosWith((a) => (a.status = 'booked'));
    const f = of(judge(waiting, 'sos-appointment'), 'SAS-APT-013');
    expect(f).toMatchObject([{ severity: 'warning', location: 'Appointment.status', requirements: ['sas-v3@14'] }]);
    expect(f[0].message.en).toContain('Asked only by the ANS kit (7.05)');
    expect(blocking(judge(waiting, 'sos-appointment'))).toEqual([]);
  });

  it('matches the operator against the accounts flux V1 sent, when given', () => {
    const key = `${ps.extension[0].valueReference.identifier.system}|${ps.extension[0].valueReference.identifier.value}`;
    expect(of(judge(ps, 'appointment', { knownOperators: [key] }), 'SAS-APT-011')).toEqual([]);
    const unknown = of(
      judge(ps, 'appointment', { knownOperators: ['urn:oid:1.2.250.1.213.3.6|b6e39355-8a61-4556-b340-36f7b95fec6a'] }),
      'SAS-APT-011',
    );
    expect(unknown).toMatchObject([
      { severity: 'error', location: 'Appointment.extension[0].valueReference.identifier', requirements: ['sas-v3@11'] },
    ]);
  });

  it('without packages: profile and participant status are said not checked, the SAS rules still run', () => {
    const fs = judge(
      psWith((a) => delete a.extension),
      'appointment',
      { index: null },
    );
    expect(of(fs, 'SAS-APT-015')).toMatchObject([{ severity: 'information', notChecked: true }]);
    expect(of(fs, 'SAS-APT-012')).toMatchObject([{ severity: 'information', notChecked: true }]);
    expect(blocking(fs)).toEqual(['SAS-APT-003']);
  });

  it('the structural engine judges the profile too (an element the profile forbids)', () => {
    const fs = judge(psWith((a) => (a.participant[0].actor.identifier.type.coding[0].code = 'RPPS')));
    expect(fs.some((f) => f.source === 'structure' && f.severity === 'error' && f.requirements?.includes('sas-v3@4'))).toBe(true);
  });
});

describe('verdicts follow the written strength', () => {
  it('every error or warning cites requirements whose strength gives that severity', () => {
    const samples: [Json, AppointmentFlavour][] = [
      [psWith((a) => delete a.extension), 'appointment'],
      [psWith((a) => (a.participant[0].actor.identifier.value = '1')), 'appointment'],
      [psWith((a) => Object.assign(a, { status: 'x', identifier: [], meta: {}, created: undefined, start: undefined })), 'appointment'],
      [psWith((a) => (a.extension[0].valueReference.identifier.type.coding[0] = { system: 'x', code: 'INTRN' })), 'appointment'],
      [
        sosWith((a) => Object.assign(a, { status: 'booked', extension: [...a.extension, { url: 'u', valueString: 'x' }] })),
        'sos-appointment',
      ],
    ];
    const off: string[] = [];
    for (const [r, flavour] of samples) {
      for (const f of judge(r, flavour, { knownOperators: ['nobody|0'] })) {
        if (f.source !== 'flow' || f.severity === 'information') continue;
        const table = tableSeverity(f.requirements ?? [], requirements);
        if (table !== f.severity) off.push(`${f.ruleId} ${f.severity} [${f.requirements?.join(', ')}] table=${table}`);
      }
    }
    expect(off).toEqual([]);
  });
});

describe('anything an editor can send', () => {
  it.each([
    ['null', null],
    ['an array', [1, 2]],
    ['a string', 'Appointment'],
    ['a number', 42],
    ['an empty Appointment', { resourceType: 'Appointment' }],
    [
      'wrong types everywhere',
      {
        resourceType: 'Appointment',
        meta: 1,
        identifier: 'x',
        extension: { url: 1 },
        participant: [null, 3, { actor: 'x', status: 7 }],
        status: {},
      },
    ],
    ['deep nesting', { resourceType: 'Appointment', extension: [JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`)] }],
  ])('%s: judged, never thrown', (_name, value) => {
    for (const flavour of ['appointment', 'sos-appointment'] as const) {
      const fs = judge(value, flavour);
      expect(blocking(fs).length).toBeGreaterThan(0);
    }
  });
});
