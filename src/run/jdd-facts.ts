/**
 * `expect: { facts: jdd }`: the data the JDD declares for the entries of a case is what the answer
 * says about them (issue #10 §3). Per PS: family and given names, practice addresses (line, postal
 * code, city), phones, structure IDNST of each place, the booking URL base of its slots, its
 * appointment types; per CPTS the PS declared: its name and phone (and its FINESS written with its
 * prefix); per SOS association: SIRET, name, phone, the address and phone of each consultation point,
 * the booking URL base and appointment types of its slots.
 *
 * How the entries are found: a PS by its IDNPS on Practitioner.identifier, its places through the
 * PractitionerRoles that point at it (or share a Schedule with it) and their Location (contained or
 * entry); a CPTS and a SOS association by their FINESS / SIRET on Organization.identifier, the SOS
 * Locations by managingOrganization. Values are compared with the rules of ./jdd-normalise.ts
 * (written in datasets/README.md, "How the JDD is compared").
 *
 * What is not compared: an optional JDD field left out (phone, organizationIdnst, SOS
 * appointmentTypes). What could not be compared is said, never passed: an entry absent from the
 * answer, a declared place or appointment type no slot of the window shows (a `notChecked` finding,
 * a reserve of the case). A mismatch is an error that shows both values and where the answer's value
 * is (`Bundle.entry[4].resource.contained[0].address.postalCode`).
 */
import { finding, type Finding, type Message } from '../core/findings.js';
import type { Jdd, JddCpts, JddPractitioner, JddSosLocation, JddSosStructure } from '../jdd/types.js';
import type { UseCase } from '../core/model.js';
import { asArr, asObj, asStr, codings, searchedSlots, actorsOf, type BundleGraph, type Json, type Node } from '../rules/graph.js';
import { identifiersOf, practitionersOfSlot } from '../rules/identifiers.js';
import { IDNPS_SYSTEM } from '../sas/search.js';
import { normaliseLines, normalisePostalCode, normaliseText, samePhone, sameText, underBookingBase } from './jdd-normalise.js';

/** The JDD entries whose facts a case compares (resolved by ./expectations.ts). */
export interface JddFacts {
  practitioners: JddPractitioner[];
  cpts: JddCpts[];
  sos: JddSosStructure[];
  bookingBaseUrl: string;
}

export const JDD_FACT_RULES = [
  'EXP-JDD-NAME',
  'EXP-JDD-ADDRESS',
  'EXP-JDD-PHONE',
  'EXP-JDD-BOOKING-URL',
  'EXP-JDD-STRUCTURE-ID',
  'EXP-JDD-APPOINTMENT-TYPE',
  'EXP-JDD-CPTS',
  'EXP-JDD-ABSENT',
] as const;
export type JddFactRule = (typeof JDD_FACT_RULES)[number];

/** The requirement each comparison verifies, per use case (beside the case's own). */
const REQUIREMENT: Partial<Record<JddFactRule, Partial<Record<UseCase, string>>>> = {
  'EXP-JDD-NAME': { psindiv: 'agg-psindiv@33', cpts: 'agg-psindiv@33' },
  'EXP-JDD-ADDRESS': { psindiv: 'agg-psindiv@37', cpts: 'agg-psindiv@37', sos: 'sas-sos@7' },
  'EXP-JDD-PHONE': { psindiv: 'agg-psindiv@34', cpts: 'agg-psindiv@34', sos: 'sas-sos@8' },
  'EXP-JDD-BOOKING-URL': { psindiv: 'agg-psindiv@25', cpts: 'agg-psindiv@25', sos: 'sas-sos@11' },
  'EXP-JDD-STRUCTURE-ID': { psindiv: 'agg-psindiv@20', cpts: 'agg-psindiv@20', sos: 'sas-sos@6' },
  'EXP-JDD-APPOINTMENT-TYPE': { psindiv: 'agg-psindiv@49', cpts: 'agg-psindiv@49', sos: 'agg-psindiv@49' },
  'EXP-JDD-CPTS': { cpts: 'sas-cpts@13' },
};

interface Ctx {
  g: BundleGraph;
  useCase: UseCase;
  out: Finding[];
  requirements: string[];
}

function mismatch(c: Ctx, ruleId: JddFactRule, location: string, node: Node | undefined, message: Message): void {
  const extra = REQUIREMENT[ruleId]?.[c.useCase];
  const requirements = [...new Set([...c.requirements, ...(extra ? [extra] : [])])];
  c.out.push(finding('error', ruleId, 'expectation', location, message, { requirements, ...(node ? { resource: node.label } : {}) }));
}

function notCompared(c: Ctx, ruleId: JddFactRule, location: string, message: Message): void {
  c.out.push(finding('information', ruleId, 'expectation', location, message, { requirements: c.requirements, notChecked: true }));
}

const show = (v: string | undefined) => (v === undefined || v === '' ? '∅' : `"${v}"`);
const showList = (v: string[]) => (v.length ? v.map((x) => `"${x}"`).join(', ') : '∅');

// ── reading the answer ────────────────────────────────────────────────────────────────────────

interface Phone {
  value: string;
  location: string;
}

function phonesOf(n: Node): Phone[] {
  return asArr(n.resource.telecom).flatMap((t, k) => {
    const tel = asObj(t);
    const value = asStr(tel?.value);
    const system = asStr(tel?.system);
    return value !== undefined && (system === undefined || system === 'phone')
      ? [{ value, location: `${n.path}.telecom[${k}].value` }]
      : [];
  });
}

/** One place of the answer: a Location with its address, and the PractitionerRole that shows it. */
interface AnswerPlace {
  location: Node;
  role?: Node;
  address?: Json;
}

function locationsOfRole(g: BundleGraph, role: Node): Node[] {
  return asArr(role.resource.location).flatMap((ref) => {
    const t = g.resolve(ref, role).target;
    return t?.type === 'Location' ? [t] : [];
  });
}

function rolesOf(g: BundleGraph, prac: Node): Node[] {
  const roles = new Map<string, Node>();
  for (const role of g.ofType('PractitionerRole')) {
    if (g.resolve(role.resource.practitioner, role).target?.path === prac.path) roles.set(role.path, role);
  }
  for (const sched of g.ofType('Schedule')) {
    const actors = actorsOf(g, sched);
    if (!actors.some((a) => a.path === prac.path)) continue;
    for (const a of actors) if (a.type === 'PractitionerRole' && a.resource.practitioner === undefined) roles.set(a.path, a);
  }
  return [...roles.values()];
}

function placesOfRoles(g: BundleGraph, roles: Node[]): AnswerPlace[] {
  return roles.flatMap((role) =>
    locationsOfRole(g, role).map((location) => ({ location, role, address: asObj(location.resource.address) })),
  );
}

function practitionerNode(g: BundleGraph, idnps: string): Node | undefined {
  return g
    .ofType('Practitioner')
    .find((p) => identifiersOf(p).some((i) => i.value?.trim() === idnps && (i.system === undefined || i.system === IDNPS_SYSTEM)));
}

/** An Organization carrying `value`, or the same value without its one-character prefix. */
function organizationNode(g: BundleGraph, value: string): { node: Node; written?: { value: string; location: string } } | undefined {
  for (const org of g.ofType('Organization')) {
    const ids = identifiersOf(org);
    if (ids.some((i) => i.value?.trim() === value)) return { node: org };
  }
  for (const org of g.ofType('Organization')) {
    const id = identifiersOf(org).find((i) => i.value?.trim() === value.slice(1));
    if (id?.value) return { node: org, written: { value: id.value, location: `${org.path}.identifier[${id.k}].value` } };
  }
  return undefined;
}

// ── comparisons ───────────────────────────────────────────────────────────────────────────────

interface DeclaredPlace {
  key: string;
  line: string[];
  city: string;
  postalCode: string;
  phone?: string;
  organizationIdnst?: string;
}

const lineOf = (a: Json | undefined) => asArr(a?.line).flatMap((l) => (typeof l === 'string' ? [l] : []));
const fieldsEqual = (p: DeclaredPlace, a: Json | undefined) => [
  normaliseLines(p.line) === normaliseLines(lineOf(a)),
  normalisePostalCode(p.postalCode) === normalisePostalCode(asStr(a?.postalCode) ?? ''),
  sameText(p.city, asStr(a?.city) ?? ''),
];

/**
 * Pairs the declared places with the answer's, best match first (equal line, postal code, city), so
 * a changed field shows against the place it belongs to.
 */
function pairPlaces(
  declared: DeclaredPlace[],
  answer: AnswerPlace[],
): { pairs: [DeclaredPlace, AnswerPlace][]; unseen: DeclaredPlace[]; undeclared: AnswerPlace[] } {
  const scored = declared.flatMap((d, i) => answer.map((a, j) => ({ i, j, score: fieldsEqual(d, a.address).filter(Boolean).length })));
  scored.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const usedD = new Set<number>();
  const usedA = new Set<number>();
  const pairs: [DeclaredPlace, AnswerPlace][] = [];
  for (const s of scored) {
    if (usedD.has(s.i) || usedA.has(s.j)) continue;
    usedD.add(s.i);
    usedA.add(s.j);
    pairs.push([declared[s.i], answer[s.j]]);
  }
  return { pairs, unseen: declared.filter((_, i) => !usedD.has(i)), undeclared: answer.filter((_, j) => !usedA.has(j)) };
}

function compareAddress(c: Ctx, who: string, d: DeclaredPlace, a: AnswerPlace): void {
  const base = `${a.location.path}.address`;
  const [line, postal, city] = fieldsEqual(d, a.address);
  const field = (name: string, got: string | undefined, want: string, location: string) =>
    mismatch(c, 'EXP-JDD-ADDRESS', location, a.location, {
      fr: `${who}, lieu « ${d.key} » : ${name} ${show(got)} dans la réponse, ${show(want)} dans le JDD`,
      en: `${who}, place "${d.key}": ${name} ${show(got)} in the answer, ${show(want)} in the JDD`,
    });
  if (!line) field('address.line', lineOf(a.address).join(', '), d.line.join(', '), `${base}.line`);
  if (!postal) field('address.postalCode', asStr(a.address?.postalCode), d.postalCode, `${base}.postalCode`);
  if (!city) field('address.city', asStr(a.address?.city), d.city, `${base}.city`);
}

/** A declared phone must be one of the phones the answer gives at these resources. */
function comparePhone(c: Ctx, who: string, want: string | undefined, at: (Node | undefined)[]): void {
  if (want === undefined) return;
  const nodes = at.filter((n): n is Node => n !== undefined);
  const phones = nodes.flatMap(phonesOf);
  if (phones.some((p) => samePhone(p.value, want))) return;
  const first = nodes[0];
  if (!first) return;
  mismatch(c, 'EXP-JDD-PHONE', phones[0]?.location ?? `${first.path}.telecom`, first, {
    fr: `${who} : téléphone(s) ${showList(phones.map((p) => p.value))} dans la réponse (${nodes.map((n) => n.label).join(', ')}), ${show(want)} dans le JDD`,
    en: `${who}: phone(s) ${showList(phones.map((p) => p.value))} in the answer (${nodes.map((n) => n.label).join(', ')}), ${show(want)} in the JDD`,
  });
}

function compareIdnst(c: Ctx, who: string, d: DeclaredPlace, role: Node | undefined): void {
  if (d.organizationIdnst === undefined || !role) return;
  const org = asObj(role.resource.organization);
  const ident = asObj(org?.identifier);
  let value = asStr(ident?.value);
  let location = `${role.path}.organization.identifier.value`;
  if (value === undefined && org?.reference !== undefined) {
    const target = c.g.resolve(org, role).target;
    const id = target ? identifiersOf(target).find((i) => i.value !== undefined) : undefined;
    if (target && id) {
      value = id.value;
      location = `${target.path}.identifier[${id.k}].value`;
    }
  }
  if (value?.trim() === d.organizationIdnst) return;
  mismatch(c, 'EXP-JDD-STRUCTURE-ID', location, role, {
    fr: `${who}, lieu « ${d.key} » : IDNST de la structure ${show(value)} dans la réponse, ${show(d.organizationIdnst)} dans le JDD`,
    en: `${who}, place "${d.key}": structure IDNST ${show(value)} in the answer, ${show(d.organizationIdnst)} in the JDD`,
  });
}

function comparePlaces(c: Ctx, who: string, declared: DeclaredPlace[], answer: AnswerPlace[]): void {
  const { pairs, unseen, undeclared } = pairPlaces(declared, answer);
  for (const [d, a] of pairs) {
    compareAddress(c, who, d, a);
    comparePhone(c, `${who}, lieu « ${d.key} » / place "${d.key}"`, d.phone, [a.role, a.location]);
    compareIdnst(c, who, d, a.role);
  }
  for (const a of undeclared) {
    mismatch(c, 'EXP-JDD-ADDRESS', `${a.location.path}.address`, a.location, {
      fr: `${who} : lieu ${show(lineOf(a.address).join(', '))} ${show(asStr(a.address?.postalCode))} ${show(asStr(a.address?.city))} absent du JDD (lieux déclarés : ${declared.map((d) => d.key).join(', ')})`,
      en: `${who}: place ${show(lineOf(a.address).join(', '))} ${show(asStr(a.address?.postalCode))} ${show(asStr(a.address?.city))} is not in the JDD (declared places: ${declared.map((d) => d.key).join(', ')})`,
    });
  }
  for (const d of unseen) {
    notCompared(c, 'EXP-JDD-ADDRESS', 'Bundle.entry', {
      fr: `${who}, lieu « ${d.key} » : aucun lieu de la réponse ne lui correspond (pas de créneau à ce lieu dans la fenêtre ?) ; adresse, téléphone et IDNST non comparés`,
      en: `${who}, place "${d.key}": no place of the answer stands for it (no slot there in the window?); address, phone and IDNST not compared`,
    });
  }
}

function compareBookingUrl(c: Ctx, who: string, base: string, slots: Node[]): void {
  const comments = slots.flatMap((s) => {
    const v = asStr(s.resource.comment);
    return v !== undefined && v.trim() !== '' ? [{ slot: s, value: v }] : []; // absent: SAS-URL-001
  });
  const wrong = comments.filter((x) => !underBookingBase(x.value, base));
  if (wrong.length === 0) return;
  const first = wrong[0];
  mismatch(c, 'EXP-JDD-BOOKING-URL', `${first.slot.path}.comment`, first.slot, {
    fr: `${who} : ${wrong.length}/${comments.length} créneau(x) ont une URL de réservation hors de la base du JDD ; reçu ${show(first.value)}, base JDD ${show(base)}`,
    en: `${who}: ${wrong.length}/${comments.length} slot(s) have a booking URL outside the JDD base; received ${show(first.value)}, JDD base ${show(base)}`,
  });
}

function compareAppointmentTypes(c: Ctx, who: string, declared: string[] | undefined, slots: Node[]): void {
  if (!declared || slots.length === 0) return;
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const s of slots) {
    for (const cd of codings(s.resource.appointmentType)) {
      if (cd.code === undefined) continue;
      seen.add(cd.code);
      if (declared.includes(cd.code) || reported.has(cd.code)) continue;
      reported.add(cd.code);
      mismatch(c, 'EXP-JDD-APPOINTMENT-TYPE', `${s.path}.appointmentType.coding[${cd.k}].code`, s, {
        fr: `${who} : appointmentType ${show(cd.code)} dans la réponse, le JDD déclare ${showList(declared)}`,
        en: `${who}: appointmentType ${show(cd.code)} in the answer, the JDD declares ${showList(declared)}`,
      });
    }
  }
  const unseen = declared.filter((t) => !seen.has(t));
  if (unseen.length > 0) {
    notCompared(c, 'EXP-JDD-APPOINTMENT-TYPE', 'Bundle.entry.resource.ofType(Slot).appointmentType', {
      fr: `${who} : aucun créneau de la fenêtre n'est de type ${showList(unseen)} déclaré au JDD ; son codage n'a pas pu être vérifié`,
      en: `${who}: no slot of the window has the JDD-declared type ${showList(unseen)}; how it is coded could not be checked`,
    });
  }
}

function compareName(c: Ctx, who: string, ps: JddPractitioner, prac: Node): void {
  const names = asArr(prac.resource.name).map((n) => asObj(n));
  const given = (n: Json | undefined) => asArr(n?.given).flatMap((g) => (typeof g === 'string' ? [g] : []));
  const familyOk = (n: Json | undefined) => sameText(asStr(n?.family) ?? '', ps.family);
  const givenOk = (n: Json | undefined) => normaliseText(given(n).join(' ')) === normaliseText(ps.given.join(' '));
  if (names.some((n) => familyOk(n) && givenOk(n))) return;
  const k = Math.max(
    0,
    names.findIndex((n) => familyOk(n) || givenOk(n)),
  );
  const n = names[k];
  if (!familyOk(n)) {
    mismatch(c, 'EXP-JDD-NAME', `${prac.path}.name[${k}].family`, prac, {
      fr: `${who} : nom ${show(asStr(n?.family))} dans la réponse, ${show(ps.family)} dans le JDD`,
      en: `${who}: family name ${show(asStr(n?.family))} in the answer, ${show(ps.family)} in the JDD`,
    });
  }
  if (!givenOk(n)) {
    mismatch(c, 'EXP-JDD-NAME', `${prac.path}.name[${k}].given`, prac, {
      fr: `${who} : prénom(s) ${show(given(n).join(' '))} dans la réponse, ${show(ps.given.join(' '))} dans le JDD`,
      en: `${who}: given name(s) ${show(given(n).join(' '))} in the answer, ${show(ps.given.join(' '))} in the JDD`,
    });
  }
}

function absent(c: Ctx, who: string, how: string): void {
  notCompared(c, 'EXP-JDD-ABSENT', 'Bundle.entry', {
    fr: `${who} absent de la réponse (${how}) : ses données JDD n'ont pas été comparées`,
    en: `${who} is not in the answer (${how}): its JDD data was not compared`,
  });
}

function checkPractitioner(c: Ctx, ps: JddPractitioner, base: string): void {
  const who = `PS ${ps.idnps}`;
  const prac = practitionerNode(c.g, ps.idnps);
  if (!prac) return absent(c, who, 'Practitioner.identifier');
  compareName(c, who, ps, prac);
  const roles = rolesOf(c.g, prac);
  comparePlaces(c, who, ps.places, placesOfRoles(c.g, roles));
  comparePhone(c, who, ps.phone, [prac, ...roles, ...roles.flatMap((r) => locationsOfRole(c.g, r))]);
  const slots = searchedSlots(c.g, c.useCase).filter((s) => practitionersOfSlot(c.g, s).some((p) => p.path === prac.path));
  compareBookingUrl(c, who, base, slots);
  compareAppointmentTypes(c, who, ps.appointmentTypes, slots);
}

/**
 * A CPTS or SOS structure: found by its identifier (FINESS / SIRET), which must be written with its
 * prefix, and named as in the JDD. Returns the Organization for the further comparisons.
 */
function checkStructure(
  c: Ctx,
  who: string,
  id: { value: string; label: 'FINESS' | 'SIRET'; prefix: string },
  name: { value: string; ruleId: JddFactRule },
): Node | undefined {
  const found = organizationNode(c.g, id.value);
  if (!found) {
    absent(c, who, 'Organization.identifier');
    return undefined;
  }
  const org = found.node;
  if (found.written) {
    mismatch(c, 'EXP-JDD-STRUCTURE-ID', found.written.location, org, {
      fr: `${who} : ${id.label} ${show(found.written.value)} dans la réponse, ${show(id.value)} dans le JDD (préfixe ${id.prefix} compris)`,
      en: `${who}: ${id.label} ${show(found.written.value)} in the answer, ${show(id.value)} in the JDD (prefix ${id.prefix} included)`,
    });
  }
  const got = asStr(org.resource.name);
  if (!sameText(got ?? '', name.value)) {
    mismatch(c, name.ruleId, `${org.path}.name`, org, {
      fr: `${who} : nom ${show(got)} dans la réponse, ${show(name.value)} dans le JDD`,
      en: `${who}: name ${show(got)} in the answer, ${show(name.value)} in the JDD`,
    });
  }
  return org;
}

function checkCpts(c: Ctx, cpts: JddCpts): void {
  const who = `CPTS ${cpts.finess}`;
  const org = checkStructure(c, who, { value: cpts.finess, label: 'FINESS', prefix: '1' }, { value: cpts.name, ruleId: 'EXP-JDD-CPTS' });
  if (!org) return;
  if (cpts.phone !== undefined) {
    const phones = phonesOf(org);
    if (!phones.some((p) => samePhone(p.value, cpts.phone as string))) {
      mismatch(c, 'EXP-JDD-CPTS', phones[0]?.location ?? `${org.path}.telecom`, org, {
        fr: `${who} : téléphone(s) ${showList(phones.map((p) => p.value))} dans la réponse, ${show(cpts.phone)} dans le JDD`,
        en: `${who}: phone(s) ${showList(phones.map((p) => p.value))} in the answer, ${show(cpts.phone)} in the JDD`,
      });
    }
  }
}

function checkSos(c: Ctx, sos: JddSosStructure, base: string): void {
  const who = `SOS ${sos.siret}`;
  const org = checkStructure(c, who, { value: sos.siret, label: 'SIRET', prefix: '3' }, { value: sos.name, ruleId: 'EXP-JDD-NAME' });
  if (!org) return;
  comparePhone(c, who, sos.phone, [org]);
  const locations = c.g.ofType('Location').filter((l) => c.g.resolve(l.resource.managingOrganization, l).target?.path === org.path);
  const declared: DeclaredPlace[] = sos.locations.map((l: JddSosLocation) => ({
    key: l.key,
    line: l.line,
    city: l.city,
    postalCode: l.postalCode,
    phone: l.phone,
  }));
  comparePlaces(
    c,
    who,
    declared,
    locations.map((location) => ({ location, address: asObj(location.resource.address) })),
  );
  const paths = new Set(locations.map((l) => l.path));
  const slots = searchedSlots(c.g, c.useCase).filter((s) => {
    const sched = c.g.resolve(s.resource.schedule, s).target;
    return sched !== undefined && actorsOf(c.g, sched).some((a) => paths.has(a.path));
  });
  compareBookingUrl(c, who, base, slots);
  compareAppointmentTypes(c, who, sos.appointmentTypes, slots);
}

/** The JDD entries a case compares: the PS its search should return, their CPTS, the SOS named. */
export function jddFactsOf(
  practitioners: JddPractitioner[],
  sos: JddSosStructure[],
  jdd: Jdd,
  useCase: UseCase,
  cpts: JddCpts[] = [],
): JddFacts {
  const declared =
    useCase === 'cpts' ? jdd.cpts.filter((c) => practitioners.some((p) => p.participation !== 'individual' && p.cpts.includes(c.key))) : [];
  const all = [...new Map([...declared, ...cpts].map((c) => [c.key, c])).values()];
  return { practitioners, cpts: all, sos, bookingBaseUrl: jdd.bookingBaseUrl };
}

/** Compares the answer with the JDD facts; findings are expectation findings of the case. */
export function checkJddFacts(facts: JddFacts, g: BundleGraph, useCase: UseCase, requirements: string[]): Finding[] {
  const c: Ctx = { g, useCase, out: [], requirements };
  if (useCase === 'sos') for (const s of facts.sos) checkSos(c, s, facts.bookingBaseUrl);
  else {
    for (const ps of facts.practitioners) checkPractitioner(c, ps, facts.bookingBaseUrl);
    for (const cp of facts.cpts) checkCpts(c, cp);
  }
  return c.out;
}
