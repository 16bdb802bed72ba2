/**
 * The cahier expectations of a search case, checked against the response (pure). A case checks what
 * it declares; `jdd` takes the expected value from the JDD entries it names (slot types, consultation
 * types, places, CPTS declared by each PS). Only the status (200) and the result (non-empty when the
 * named entries offer slots in this use case) have defaults.
 */
import { finding, type Finding, type Message } from '../core/findings.js';
import type { ResolvedRefs } from '../cahier/jdd-refs.js';
import type { PlaceCounts, SearchExpectations, StatusSpec, TestCase } from '../cahier/types.js';
import type { Jdd, JddPractitioner } from '../jdd/types.js';
import { asArr, asObj, asStr, codings, searchedSlots, type BundleGraph, type Node } from '../rules/graph.js';
import { identifiersOf, practitionersOfSlot } from '../rules/identifiers.js';
import { r5Extensions } from '../rules/references.js';
import { isCptsSlot } from '../rules/window.js';

/** Resolved expectations: every default made explicit. */
export interface Expectations {
  status: StatusSpec;
  contentType?: string;
  operationOutcome: boolean;
  result?: 'empty' | 'non-empty';
  total?: number;
  slotTypes?: string[];
  consultationTypes?: string[];
  /** IDNPS → expected CPTS FINESS. */
  cptsFiness?: Map<string, string[]>;
  cptsSlots: 'all' | 'none' | 'any';
  sharedCptsSlot: boolean;
  places?: PlaceCounts;
  structure: 'valid' | 'any';
  latency: { budgetMs?: number; targetMs?: number };
}

const union = (lists: string[][]): string[] => [...new Set(lists.flat())].sort();

/**
 * The PS a search of this use case should return: a PS search shows individual slots only, a CPTS
 * search CPTS slots only (JDD `participation`).
 */
export function offeringPractitioners(tc: TestCase, refs: ResolvedRefs): JddPractitioner[] {
  if (tc.useCase === 'psindiv') return refs.practitioners.filter((p) => p.participation !== 'cpts');
  if (tc.useCase === 'cpts') return refs.practitioners.filter((p) => p.participation !== 'individual');
  return [];
}

function jddPlaces(tc: TestCase, refs: ResolvedRefs, jdd: Jdd): PlaceCounts {
  if (tc.useCase === 'sos') {
    const locations = refs.sos.reduce((n, s) => n + s.locations.length, 0);
    return { organizations: refs.sos.length, locations, schedules: locations };
  }
  const offering = offeringPractitioners(tc, refs);
  const places = offering.reduce((n, p) => n + p.places.length, 0);
  const counts: PlaceCounts = { practitioners: offering.length, practitionerRoles: places, schedules: places };
  if (tc.useCase === 'cpts') {
    const cpts = new Set(offering.flatMap((p) => p.cpts).filter((k) => jdd.cpts.some((c) => c.key === k)));
    counts.healthcareServices = cpts.size;
    counts.organizations = cpts.size;
  }
  return counts;
}

export function resolveExpectations(tc: TestCase, refs: ResolvedRefs, jdd: Jdd): Expectations {
  const e: SearchExpectations = tc.expect;
  const status = e.status ?? 200;
  const sources = tc.useCase === 'sos' ? refs.sos : offeringPractitioners(tc, refs);
  const named = refs.practitioners.length + refs.sos.length > 0;
  const result = e.result ?? (statusMatches(status, 200) && named ? (sources.length > 0 ? 'non-empty' : 'empty') : undefined);
  const codes = (v: 'jdd' | string[] | undefined, pickList: (s: (typeof sources)[number]) => string[]): string[] | undefined =>
    v === 'jdd' ? union(sources.map(pickList)) : v ? [...v].sort() : undefined;
  return {
    status,
    contentType: e.contentType,
    operationOutcome: e.operationOutcome ?? false,
    result,
    total: e.total,
    // A CPTS search returns CPTS slots only, typed CPTS; the JDD's slot types are those of individual slots.
    slotTypes: codes(e.slotTypes, (s) => (tc.useCase === 'cpts' ? ['CPTS'] : s.slotTypes)),
    consultationTypes: codes(e.consultationTypes, (s) => s.consultationTypes),
    cptsFiness: e.cptsFiness === 'jdd' ? declaredFiness(refs, jdd) : undefined,
    cptsSlots: e.cptsSlots ?? 'any',
    sharedCptsSlot: e.sharedCptsSlot ?? false,
    places: e.places === 'jdd' ? jddPlaces(tc, refs, jdd) : e.places,
    structure: e.structure ?? 'any',
    latency: e.latency ?? {},
  };
}

/** IDNPS → FINESS of the CPTS the PS declared (none for a PS declared individual only). */
function declaredFiness(refs: ResolvedRefs, jdd: Jdd): Map<string, string[]> {
  return new Map(
    refs.practitioners.map((p) => [
      p.idnps,
      p.participation === 'individual' ? [] : jdd.cpts.filter((c) => p.cpts.includes(c.key)).map((c) => c.finess).sort(),
    ]),
  );
}

export function statusMatches(spec: StatusSpec, status: number): boolean {
  const one = (s: number | string) => (typeof s === 'number' ? s === status : Math.floor(status / 100) === Number(s[0]));
  return Array.isArray(spec) ? spec.some(one) : one(spec);
}

function describeStatus(spec: StatusSpec): string {
  return Array.isArray(spec) ? spec.join(' | ') : String(spec);
}

/** What the HTTP layer of a response looks like to the judge. */
export interface ResponseFacts {
  status: number;
  mediaType?: string;
  json?: unknown;
  /** Why the body is not usable JSON. */
  bodyProblem?: Message;
  totalMs: number;
}

type Emit = (severity: 'error' | 'warning', ruleId: string, location: string, message: Message, resource?: string) => void;

function emitter(out: Finding[], requirements: string[]): Emit {
  return (severity, ruleId, location, message, resource) =>
    out.push(finding(severity, ruleId, 'expectation', location, message, { requirements, ...(resource ? { resource } : {}) }));
}

const list = (v: string[]) => (v.length ? v.join(', ') : '∅');

/** Status, media type, JSON body, OperationOutcome and latency. */
export function checkHttp(tc: TestCase, x: Expectations, r: ResponseFacts): Finding[] {
  const out: Finding[] = [];
  const emit = emitter(out, tc.requirements);
  if (!statusMatches(x.status, r.status)) {
    emit('error', 'EXP-STATUS', 'HTTP.status', {
      fr: `statut HTTP ${r.status} reçu, ${describeStatus(x.status)} attendu`,
      en: `HTTP status ${r.status} received, ${describeStatus(x.status)} expected`,
    });
  }
  // A FHIR body is owed on success, when success was expected, and when an OperationOutcome is asked for.
  if (r.bodyProblem && (r.status < 300 || statusMatches(x.status, 200) || x.operationOutcome)) emit('error', 'EXP-BODY-JSON', 'HTTP.body', r.bodyProblem);
  const media = r.mediaType ?? '';
  if (x.contentType && media !== x.contentType.toLowerCase()) {
    emit('error', 'EXP-CONTENT-TYPE', 'HTTP.header.content-type', {
      fr: `Content-Type « ${media || 'absent'} » reçu, « ${x.contentType} » attendu`,
      en: `Content-Type "${media || 'missing'}" received, "${x.contentType}" expected`,
    });
  } else if (!x.contentType && !r.bodyProblem && media !== 'application/fhir+json') {
    emit('warning', 'EXP-CONTENT-TYPE', 'HTTP.header.content-type', {
      fr: `Content-Type « ${media || 'absent'} » : une réponse FHIR R4 doit être servie en application/fhir+json`,
      en: `Content-Type "${media || 'missing'}": a FHIR R4 response should be served as application/fhir+json`,
    });
  }
  if (x.operationOutcome && r.json !== undefined) {
    const body = asObj(r.json);
    const oo = body?.resourceType === 'OperationOutcome' && asArr(body.issue).length > 0;
    if (!oo) {
      emit('error', 'EXP-OPERATION-OUTCOME', 'HTTP.body', {
        fr: `le corps doit être un OperationOutcome expliquant l'erreur (reçu : ${resourceTypeOf(r.json)})`,
        en: `the body must be an OperationOutcome explaining the error (received: ${resourceTypeOf(r.json)})`,
      });
    }
  }
  const { budgetMs, targetMs } = x.latency;
  if (budgetMs !== undefined && r.totalMs > budgetMs) {
    emit('error', 'EXP-LATENCY', 'HTTP.timings.totalMs', {
      fr: `réponse en ${Math.round(r.totalMs)} ms, au-delà du délai de ${budgetMs} ms`,
      en: `answered in ${Math.round(r.totalMs)} ms, above the ${budgetMs} ms budget`,
    });
  } else if (targetMs !== undefined && r.totalMs > targetMs) {
    emit('warning', 'EXP-LATENCY', 'HTTP.timings.totalMs', {
      fr: `réponse en ${Math.round(r.totalMs)} ms, au-delà de la cible de ${targetMs} ms`,
      en: `answered in ${Math.round(r.totalMs)} ms, above the ${targetMs} ms target`,
    });
  }
  return out;
}

function resourceTypeOf(json: unknown): string {
  return asStr(asObj(json)?.resourceType) ?? 'not a FHIR resource';
}

/** The Bundle expectations: result, total, slot/consultation types, places, CPTS. */
export function checkBundle(tc: TestCase, x: Expectations, g: BundleGraph): Finding[] {
  const out: Finding[] = [];
  const emit = emitter(out, tc.requirements);
  const b = g.bundle;
  if (b.resourceType !== 'Bundle') {
    emit('error', 'EXP-BUNDLE', 'HTTP.body', {
      fr: `le corps doit être un Bundle searchset (reçu : ${resourceTypeOf(b)})`,
      en: `the body must be a searchset Bundle (received: ${resourceTypeOf(b)})`,
    });
    return out;
  }
  const primary = tc.useCase === 'sos' ? 'Schedule' : 'Slot';
  const matches = g.ofType(primary);
  const slots = searchedSlots(g, tc.useCase);
  const resources = g.entries.filter((n) => n.type !== 'OperationOutcome');
  if (x.result === 'empty' && resources.length > 0) {
    emit('error', 'EXP-RESULT', 'Bundle.entry', {
      fr: `aucun résultat attendu (identifiants inconnus ou sans créneau) : le Bundle doit être vide, il contient ${resources.length} ressource(s)`,
      en: `no result expected (unknown identifiers or no slot): the Bundle must be empty, it holds ${resources.length} resource(s)`,
    });
  }
  if (x.result === 'non-empty' && matches.length === 0) {
    emit('error', 'EXP-RESULT', 'Bundle.entry', {
      fr: `des ${primary} libres sont attendus pour les entrées du JDD demandées, le Bundle n'en contient aucun`,
      en: `free ${primary}s are expected for the JDD entries asked for; the Bundle holds none`,
    });
  }
  if (x.total !== undefined && b.total !== x.total) {
    emit('error', 'EXP-TOTAL', 'Bundle.total', {
      fr: `Bundle.total vaut ${String(b.total ?? 'absent')}, ${x.total} attendu`,
      en: `Bundle.total is ${String(b.total ?? 'missing')}, ${x.total} expected`,
    });
  }
  compareSet(emit, 'EXP-SLOT-TYPES', 'Slot.meta.security.code', x.slotTypes, slots.flatMap(securityCodes), {
    fr: 'types de créneau (meta.security)',
    en: 'slot types (meta.security)',
  });
  compareSet(emit, 'EXP-CONSULTATION-TYPES', 'Slot.serviceType.coding.code', x.consultationTypes, slots.flatMap(consultationCodes), {
    fr: 'types de consultation (serviceType)',
    en: 'consultation types (serviceType)',
  });
  if (x.places) checkPlaces(emit, x.places, g);
  checkCpts(emit, x, g, slots);
  return out;
}

function securityCodes(slot: Node): string[] {
  return asArr(asObj(slot.resource.meta)?.security).flatMap((c) => asStr(asObj(c)?.code) ?? []);
}

/** TRE_R66 code of a CPTS: the serviceType that carries the R5 extension, not a consultation type. */
const CPTS_CATEGORY_CODE = '604';

function consultationCodes(slot: Node): string[] {
  return asArr(slot.resource.serviceType)
    .flatMap((cc) => codings(cc))
    .flatMap((c) => (c.code !== undefined && c.code !== CPTS_CATEGORY_CODE ? [c.code] : []));
}

function compareSet(emit: Emit, ruleId: string, location: string, expected: string[] | undefined, actual: string[], what: Message): void {
  if (!expected) return;
  const got = [...new Set(actual)].sort();
  const missing = expected.filter((c) => !got.includes(c));
  const extra = got.filter((c) => !expected.includes(c));
  if (missing.length + extra.length === 0) return;
  emit('error', ruleId, location, {
    fr: `${what.fr} : ${list(got)} reçus, ${list(expected)} attendus (JDD)${missing.length ? ` ; manquants : ${list(missing)}` : ''}${extra.length ? ` ; en trop : ${list(extra)}` : ''}`,
    en: `${what.en}: ${list(got)} received, ${list(expected)} expected (JDD)${missing.length ? `; missing: ${list(missing)}` : ''}${extra.length ? `; unexpected: ${list(extra)}` : ''}`,
  });
}

const PLACE_TYPES: [keyof PlaceCounts, string][] = [
  ['practitioners', 'Practitioner'],
  ['practitionerRoles', 'PractitionerRole'],
  ['schedules', 'Schedule'],
  ['locations', 'Location'],
  ['healthcareServices', 'HealthcareService'],
  ['organizations', 'Organization'],
];

function checkPlaces(emit: Emit, places: PlaceCounts, g: BundleGraph): void {
  for (const [key, type] of PLACE_TYPES) {
    const expected = places[key];
    if (expected === undefined) continue;
    const got = new Set(g.ofType(type).map((n) => n.label)).size;
    if (got !== expected) {
      emit('error', 'EXP-PLACES', `Bundle.entry.resource.ofType(${type})`, {
        fr: `${got} ${type} dans le Bundle, ${expected} attendu(s) d'après le JDD (une ressource par PS / lieu / CPTS)`,
        en: `${got} ${type} in the Bundle, ${expected} expected from the JDD (one resource per PS / place / CPTS)`,
      });
    }
  }
}

/** A Slot offered through a CPTS: the CPTS slot type or an R5 serviceType extension. */
function carriesCpts(slot: Node): boolean {
  return isCptsSlot(slot) || r5Extensions(slot).length > 0;
}

function healthcareServicesOf(g: BundleGraph, slot: Node): Node[] {
  return r5Extensions(slot).flatMap(({ ext }) => {
    const target = g.resolve(ext.valueReference, slot).target;
    return target?.type === 'HealthcareService' ? [target] : [];
  });
}

function checkCpts(emit: Emit, x: Expectations, g: BundleGraph, slots: Node[]): void {
  if (x.cptsSlots !== 'any') {
    for (const s of slots.filter((n) => carriesCpts(n) !== (x.cptsSlots === 'all'))) {
      emit(
        'error',
        'EXP-CPTS-SLOTS',
        `${s.path}.meta.security`,
        x.cptsSlots === 'all'
          ? { fr: 'ce créneau devrait être proposé via une CPTS (type CPTS + serviceType 604)', en: 'this slot should be offered through a CPTS (type CPTS + serviceType 604)' }
          : {
              fr: "ce créneau est proposé via une CPTS alors que le PS n'a déclaré aucune CPTS (JDD)",
              en: 'this slot is offered through a CPTS although the PS declared none (JDD)',
            },
        s.label,
      );
    }
  }
  if (x.sharedCptsSlot && !slots.some((s) => new Set(healthcareServicesOf(g, s).map((n) => n.label)).size >= 2)) {
    emit('error', 'EXP-CPTS-SHARED', 'Bundle.entry.resource.ofType(Slot)', {
      fr: 'un créneau visible par deux CPTS est attendu : aucun Slot ne référence deux HealthcareService',
      en: 'a slot visible to two CPTS is expected: no Slot references two HealthcareServices',
    });
  }
  if (x.cptsFiness) checkCptsFiness(emit, x.cptsFiness, g, slots);
}

/** Per PS (by identifier value), the FINESS of the CPTS its slots are offered through. */
export function finessByPractitioner(g: BundleGraph, slots: Node[]): Map<string, { finess: string[]; node: Node }> {
  const out = new Map<string, { finess: string[]; node: Node }>();
  for (const prac of g.ofType('Practitioner')) {
    const finess = new Set<string>();
    for (const slot of slots.filter((s) => practitionersOfSlot(g, s).some((p) => p.path === prac.path))) {
      for (const hs of healthcareServicesOf(g, slot)) {
        const org = g.resolve(hs.resource.providedBy, hs).target;
        for (const id of org?.type === 'Organization' ? identifiersOf(org) : []) if (id.value) finess.add(id.value);
      }
    }
    for (const id of identifiersOf(prac)) if (id.value) out.set(id.value, { finess: [...finess].sort(), node: prac });
  }
  return out;
}

function checkCptsFiness(emit: Emit, expected: Map<string, string[]>, g: BundleGraph, slots: Node[]): void {
  const actual = finessByPractitioner(g, slots);
  for (const [idnps, want] of expected) {
    const got = actual.get(idnps);
    if (!got) continue; // a missing Practitioner is reported by the result and places checks
    if (got.finess.join(',') === want.join(',')) continue;
    emit('error', 'EXP-CPTS-FINESS', got.node.path, {
      fr: `PS ${idnps} : créneaux proposés via les CPTS de FINESS ${list(got.finess)}, déclaration JDD : ${list(want)}`,
      en: `PS ${idnps}: slots offered through the CPTS with FINESS ${list(got.finess)}, JDD declaration: ${list(want)}`,
    }, got.node.label);
  }
}
