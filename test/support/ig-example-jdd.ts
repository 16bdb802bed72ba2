/**
 * Builds, at test time, the JDD an editor would write for the SAS IG's example practitioners: every
 * value (IDNPS, names, places, phones, structure identifiers, CPTS FINESS / name / phone, slot,
 * consultation and appointment types, booking URL base) is read from the example resources served by
 * test/support/ig-example-server.ts, never written in the repository. Each practitioner declares the
 * roles of the cahier it can genuinely play, decided from the same data (number of places, CPTS
 * declared, shared slots…); the roles it cannot play are left out, so their cases are not applicable.
 */
import { stringify } from 'yaml';
import type { Resource } from './ig-example-server.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const SYSTEM = {
  idnps: 'urn:oid:1.2.250.1.71.4.2.1',
  idnst: 'urn:oid:1.2.250.1.71.4.2.2',
  slotType: 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  appointmentType: 'http://terminology.hl7.org/CodeSystem/v2-0276',
  r5ServiceType: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType',
};

/** The JDD as written in YAML (schemas/jdd.schema.json). */
export interface ExampleJdd {
  id: string;
  version: string;
  useCase: 'psindiv' | 'cpts';
  description: string;
  bookingBaseUrl: string;
  cpts?: { key: string; finess: string; name: string; phone?: string }[];
  practitioners: ExamplePractitioner[];
}

export interface ExamplePlace {
  key: string;
  name?: string;
  line: string[];
  city: string;
  postalCode: string;
  phone?: string;
  organizationIdnst?: string;
}

export interface ExamplePractitioner {
  key: string;
  roles: string[];
  idnps: string;
  family: string;
  given: string[];
  phone?: string;
  places: ExamplePlace[];
  participation: 'individual' | 'cpts' | 'both';
  cpts?: string[];
  sharedCptsSlots?: boolean;
  slotTypes?: string[];
  consultationTypes?: string[];
  appointmentTypes?: string[];
}

/** What the examples say of one practitioner, from which the roles are decided. */
export interface PractitionerFacts {
  places: number;
  participation: ExamplePractitioner['participation'];
  cptsCount: number;
  /** Every CPTS slot is offered through all the CPTS the PS declared (and there are at least 2). */
  everySlotShared: boolean;
  hasPhone: boolean;
  hasPlacePhone: boolean;
  hasStructure: boolean;
  slotTypes: number;
  consultationTypes: number;
}

/**
 * The roles a practitioner of the examples can play (vocabulary and what each needs:
 * src/cahier/roles.ts), decided from the facts only; `count` = how many practitioners the JDD holds.
 */
export function rolesFor(useCase: ExampleJdd['useCase'], f: PractitionerFacts, count: number): string[] {
  const roles: string[] = [];
  if (useCase === 'psindiv') {
    if (f.participation === 'cpts') return roles;
    if (f.places === 1) roles.push('one-place');
    if (f.places >= 2) roles.push('two-places');
    if (count === 2) roles.push('multi-ps');
    if (f.hasPhone && f.hasStructure) roles.push('identity');
    if (!f.hasPhone && !f.hasPlacePhone && !f.hasStructure) roles.push('minimal');
    if (f.slotTypes >= 2 && f.consultationTypes >= 2) roles.push('all-types');
    if (count >= 2) roles.push('bulk');
  } else {
    if (f.participation === 'individual') roles.push('cpts-individual-only');
    if (f.participation === 'both') roles.push('cpts-both');
    if (f.participation !== 'individual' && f.cptsCount === 1) roles.push('cpts-one-cpts');
    if (f.cptsCount >= 2) roles.push(f.everySlotShared ? 'cpts-shared-slot' : 'cpts-two-cpts');
  }
  return roles;
}

const ofType = (rs: Resource[], type: string) => rs.filter((r) => r.resourceType === type);
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
const phoneOf = (r: any): string | undefined => (r?.telecom ?? []).find((t: any) => t.system === 'phone')?.value;

/** A JDD key from a resource id: lower case, dashes, at most 24 characters, unique in `taken`. */
function keyOf(id: string, taken: Set<string>): string {
  const base = id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 21);
  let key = base;
  for (let i = 2; taken.has(key); i += 1) key = `${base}-${i}`;
  taken.add(key);
  return key;
}

/** The longest common prefix of the booking URLs, cut after its last `/`. */
function bookingBase(urls: string[]): string | undefined {
  if (urls.length === 0) return undefined;
  let prefix = urls[0];
  for (const u of urls) while (!u.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  return /^https?:\/\/[^/]+\//.test(cut) ? cut : undefined;
}

function resolver(resources: Resource[]) {
  const byKey = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  return (ref: any): Resource | undefined => {
    const m = typeof ref?.reference === 'string' ? /([A-Z][A-Za-z]+)\/([^/]+)$/.exec(ref.reference) : null;
    return m ? byKey.get(`${m[1]}/${m[2]}`) : undefined;
  };
}

/** The JDD describing the example practitioners of `resources` (the entries of example Bundles). */
export function buildExampleJdd(useCase: ExampleJdd['useCase'], resources: Resource[], id = `ig-examples-${useCase}`): ExampleJdd {
  const resolve = resolver(resources);
  const slots = ofType(resources, 'Slot');
  const schedules = ofType(resources, 'Schedule');
  const practitioners = ofType(resources, 'Practitioner');
  const keys = new Set<string>();
  const cptsKeys = new Map<string, string>();
  const cpts: NonNullable<ExampleJdd['cpts']> = [];

  const cptsOf = (slot: Resource): string[] =>
    (slot.serviceType ?? [])
      .flatMap((st: any) => (st.extension ?? []).filter((e: any) => e.url === SYSTEM.r5ServiceType))
      .map((e: any) => resolve(resolve(e.valueReference)?.providedBy))
      .filter((o: Resource | undefined): o is Resource => o !== undefined)
      .map((org: Resource) => {
        const known = cptsKeys.get(org.id);
        if (known) return known;
        const key = keyOf(org.id, keys);
        cptsKeys.set(org.id, key);
        const finess = (org.identifier ?? []).find((i: any) => i.system === SYSTEM.idnst)?.value;
        cpts.push({ key, finess, name: org.name, ...(phoneOf(org) ? { phone: phoneOf(org) } : {}) });
        return key;
      });

  const built = practitioners.map((p) => {
    const own = schedules.filter((s) => (s.actor ?? []).some((a: any) => resolve(a) === p));
    const ownSlots = slots.filter((s) => own.includes(resolve(s.schedule)!));
    const placeKeys = new Set<string>();
    const places: ExamplePlace[] = own
      .map((s) => (s.actor ?? []).map(resolve).find((r: Resource | undefined) => r?.resourceType === 'PractitionerRole'))
      .filter((role): role is Resource => role !== undefined)
      .map((role) => {
        const ref = role.location?.[0]?.reference as string | undefined;
        const loc = ref?.startsWith('#') ? (role.contained ?? []).find((c: any) => c.id === ref.slice(1)) : resolve(role.location?.[0]);
        const phone = phoneOf(role) ?? phoneOf(loc);
        const structure = role.organization?.identifier?.value as string | undefined;
        return {
          key: keyOf(loc?.id ?? role.id, placeKeys),
          ...(loc?.name ? { name: loc.name } : {}),
          line: loc.address.line,
          city: loc.address.city,
          postalCode: loc.address.postalCode,
          ...(phone ? { phone } : {}),
          ...(structure ? { organizationIdnst: structure } : {}),
        };
      });
    const slotCpts = ownSlots.map(cptsOf);
    const declared = uniq(slotCpts.flat());
    const withCpts = slotCpts.filter((c) => c.length > 0).length;
    const participation: ExamplePractitioner['participation'] =
      withCpts === 0 ? 'individual' : withCpts === ownSlots.length ? 'cpts' : 'both';
    const codes = (pick: (s: Resource) => any[], system: string) =>
      uniq(
        ownSlots
          .flatMap(pick)
          .filter((c: any) => c?.system === system)
          .map((c: any) => c.code as string),
      );
    const slotTypes = codes((s) => s.meta?.security ?? [], SYSTEM.slotType).filter((c) => c !== 'CPTS');
    const consultationTypes = codes((s) => (s.serviceType ?? []).flatMap((st: any) => st.coding ?? []), SYSTEM.actCode);
    const appointmentTypes = codes((s) => s.appointmentType?.coding ?? [], SYSTEM.appointmentType);
    const name = p.name?.[0] ?? {};
    // The PS's phone: on the Practitioner, else the one phone its PractitionerRoles give (the SAS
    // examples carry it there; the JDD comparison looks for it on the Practitioner and its roles).
    const rolePhones = uniq(places.map((pl) => pl.phone).filter((x): x is string => x !== undefined));
    const phone = phoneOf(p) ?? (rolePhones.length === 1 ? rolePhones[0] : undefined);
    const cptsSlots = slotCpts.filter((c) => c.length > 0);
    const everySlotShared = declared.length >= 2 && cptsSlots.every((c) => declared.every((k) => c.includes(k)));
    const entry: ExamplePractitioner = {
      key: keyOf(p.id, keys),
      roles: [],
      idnps: (p.identifier ?? []).find((i: any) => i.system === SYSTEM.idnps)?.value,
      family: name.family,
      given: name.given,
      places,
      participation,
      ...(phone ? { phone } : {}),
      ...(declared.length > 0 ? { cpts: declared, ...(everySlotShared ? { sharedCptsSlots: true } : {}) } : {}),
      ...(slotTypes.length > 0 ? { slotTypes } : {}),
      ...(consultationTypes.length > 0 ? { consultationTypes } : {}),
      ...(appointmentTypes.length > 0 ? { appointmentTypes } : {}),
    };
    const facts: PractitionerFacts = {
      places: places.length,
      participation,
      cptsCount: declared.length,
      everySlotShared,
      hasPhone: entry.phone !== undefined,
      hasPlacePhone: places.some((pl) => pl.phone !== undefined),
      hasStructure: places.some((pl) => pl.organizationIdnst !== undefined),
      slotTypes: slotTypes.length,
      consultationTypes: consultationTypes.length,
    };
    return { entry, facts, slots: ownSlots.length };
  });

  // Only practitioners the examples give slots to (a Practitioner without Schedule has nothing to search).
  const kept = built.filter((b) => b.slots > 0);
  for (const b of kept) b.entry.roles = rolesFor(useCase, b.facts, kept.length);
  const base = bookingBase(slots.map((s) => s.comment).filter((c): c is string => typeof c === 'string'));
  if (!base) throw new Error('the example slots give no booking URL to take the JDD bookingBaseUrl from');
  return {
    id,
    version: '1.2.0',
    useCase,
    description: 'The SAS IG 1.2.0 example practitioners, described from the example resources at test time.',
    bookingBaseUrl: base,
    ...(useCase === 'cpts' ? { cpts } : {}),
    practitioners: kept.map((b) => b.entry),
  };
}

/** The JDD as a YAML file body. */
export function exampleJddYaml(jdd: ExampleJdd): string {
  return `# Generated at test time from the SAS IG example resources (test/support/ig-example-jdd.ts).\n${stringify(jdd)}`;
}
