/**
 * The cahier expectations of a search case, checked against the response (pure). A case checks what
 * it declares; `jdd` takes the expected value from the JDD entries it names (slot types, consultation
 * types, places, CPTS declared by each PS, and with `facts: jdd` the entries' own data, ./jdd-facts.ts).
 * Only the status (200) and the result (non-empty when the named entries offer slots in this use case)
 * have defaults.
 *
 * An expectation demands nothing beyond the IG (issue #10 §3). What a search window shows depends on
 * the agenda, and no source asks an editor to show every type or place of a PS in every window, so:
 * - a value the answer carries that the JDD does not declare is a failure (the answer contradicts the
 *   declaration);
 * - a declared value the window does not show (a slot type, a consultation type, a place, a CPTS) is
 *   not a failure and not a pass: a `notChecked` finding, a reserve of the case;
 * - a CPTS slot must carry CPTS in meta.security, and may carry the other types of the IG's CPTS
 *   value set: the IG's own CPTS examples (ExampleSlotCPTS1/2 in ans.fhir.fr.sas 1.2.0) carry PUBLIC
 *   and CPTS; sas-ig-facts.md §4 "slot type: every applicable type, several allowed" and "CPTS marker:
 *   meta.security contains CPTS" (FAQ items 6, 11, 12). The ANS kit's 4.8.x.04 ("every code equals
 *   CPTS") would fail the IG's own example: it is not followed.
 */
import { finding, type Finding, type Message } from '../core/findings.js';
import type { ResolvedRefs } from '../cahier/jdd-refs.js';
import type { PlaceCounts, SearchExpectations, StatusSpec, TestCase } from '../cahier/types.js';
import type { Jdd, JddPractitioner } from '../jdd/types.js';
import { checkJddFacts, jddFactsOf, type JddFacts } from './jdd-facts.js';
import { actorsOf, asArr, asObj, asStr, codings, matchesOfType, searchedSlots, type BundleGraph, type Node } from '../rules/graph.js';
import { identifiersOf, practitionersOfSlot } from '../rules/identifiers.js';
import { r5Extensions } from '../rules/references.js';
import { isCptsSlot } from '../rules/window.js';
import { append } from '../core/append.js';

/** Resolved expectations: every default made explicit. */
export interface Expectations {
  status: StatusSpec;
  contentType?: string;
  operationOutcome: boolean;
  /**
   * `non-empty`: an empty answer fails (the JDD entries offer slots in the standard window, a prerequisite
   * of the acceptance); `slots-to-check`: on another window the JDD says nothing of, an empty answer is
   * right ("no result" is not a failure, IG) but leaves the case's content checks unverified: a reserve.
   */
  result?: 'empty' | 'non-empty' | 'slots-to-check';
  total?: number;
  /** Slot types the slots may carry (JDD or cahier); undefined: not compared. */
  slotTypes?: string[];
  /** Slot types every slot must carry: CPTS on the slots of a CPTS search. */
  slotTypesOnEach?: string[];
  /** Consultation types the slots may carry (JDD or cahier); undefined: not compared. */
  consultationTypes?: string[];
  /** The JDD entries whose own data is compared (`facts: jdd`). */
  facts?: JddFacts;
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
  const ownWindow = tc.request.window !== undefined;
  const offered = ownWindow ? 'slots-to-check' : 'non-empty';
  const result = e.result ?? (statusMatches(status, 200) && named ? (sources.length > 0 ? offered : 'empty') : undefined);
  const codes = (v: 'jdd' | string[] | undefined, pickList: (s: (typeof sources)[number]) => string[]): string[] | undefined =>
    v === 'jdd' ? union(sources.map(pickList)) : v ? [...v].sort() : undefined;
  return {
    status,
    contentType: e.contentType,
    operationOutcome: e.operationOutcome ?? false,
    result,
    total: e.total,
    // A CPTS search returns CPTS slots only: each must carry CPTS, the other codes are those of the IG's
    // CPTS value set (PUBLIC, SNP, PRO; checked by the structure), not the JDD's, whose slot types are
    // those of the PS's individual slots. See the file comment for the sources.
    slotTypes: tc.useCase === 'cpts' && e.slotTypes === 'jdd' ? undefined : codes(e.slotTypes, (s) => s.slotTypes),
    slotTypesOnEach: tc.useCase === 'cpts' && e.slotTypes !== undefined ? ['CPTS'] : undefined,
    consultationTypes: codes(e.consultationTypes, (s) => s.consultationTypes),
    facts:
      e.facts === 'jdd'
        ? jddFactsOf(tc.useCase === 'sos' ? [] : offeringPractitioners(tc, refs), refs.sos, jdd, tc.useCase, refs.cpts)
        : undefined,
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
      p.participation === 'individual'
        ? []
        : jdd.cpts
            .filter((c) => p.cpts.includes(c.key))
            .map((c) => c.finess)
            .sort(),
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

/** `notChecked`: an information finding saying what could not be checked (a reserve, never a pass). */
type Emit = (
  severity: 'error' | 'warning' | 'information',
  ruleId: string,
  location: string,
  message: Message,
  resource?: string,
  notChecked?: boolean,
) => void;

function emitter(out: Finding[], requirements: string[]): Emit {
  return (severity, ruleId, location, message, resource, notChecked) =>
    out.push(
      finding(severity, ruleId, 'expectation', location, message, {
        requirements,
        ...(resource ? { resource } : {}),
        ...(notChecked ? { notChecked } : {}),
      }),
    );
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
  if (r.bodyProblem && (r.status < 300 || statusMatches(x.status, 200) || x.operationOutcome))
    emit('error', 'EXP-BODY-JSON', 'HTTP.body', r.bodyProblem);
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
  if (x.result === 'slots-to-check' && matches.length === 0) {
    out.push(
      finding(
        'information',
        'EXP-RESULT',
        'expectation',
        'Bundle.entry',
        {
          fr: `aucun ${primary} libre dans la fenêtre demandée (réponse conforme) : le contenu attendu n'a pas pu être vérifié sur cette fenêtre`,
          en: `no free ${primary} in the requested window (a conformant answer): the expected content could not be checked on this window`,
        },
        { requirements: tc.requirements, notChecked: true },
      ),
    );
  }
  if (x.total !== undefined && b.total !== x.total) {
    emit('error', 'EXP-TOTAL', 'Bundle.total', {
      fr: `Bundle.total vaut ${String(b.total ?? 'absent')}, ${x.total} attendu`,
      en: `Bundle.total is ${String(b.total ?? 'missing')}, ${x.total} expected`,
    });
  }
  compareCodes(emit, 'EXP-SLOT-TYPES', x.slotTypes, slots, securityCodes, 'meta.security', {
    fr: 'type de créneau (meta.security)',
    en: 'slot type (meta.security)',
  });
  if (x.slotTypesOnEach) checkEachSlotCarries(emit, x.slotTypesOnEach, slots);
  compareCodes(emit, 'EXP-CONSULTATION-TYPES', x.consultationTypes, slots, consultationCodes, 'serviceType', {
    fr: 'type de consultation (serviceType)',
    en: 'consultation type (serviceType)',
  });
  if (x.places) checkPlaces(emit, x.places, g, tc.useCase, slots);
  checkCpts(emit, x, g, slots);
  if (x.facts) append(out, checkJddFacts(x.facts, g, tc.useCase, tc.requirements));
  return out;
}

/** A code as written, with its path below the Slot. */
interface CodeAt {
  code: string;
  at: string;
}

function securityCodes(slot: Node): CodeAt[] {
  return asArr(asObj(slot.resource.meta)?.security).flatMap((c, k) => {
    const code = asStr(asObj(c)?.code);
    return code === undefined ? [] : [{ code, at: `meta.security[${k}].code` }];
  });
}

/** TRE_R66 code of a CPTS: the serviceType that carries the R5 extension, not a consultation type. */
const CPTS_CATEGORY_CODE = '604';

/** Consultation types: coded serviceTypes (text-only ones are visit reasons), the CPTS 604 left out. */
function consultationCodes(slot: Node): CodeAt[] {
  return asArr(slot.resource.serviceType).flatMap((cc, i) =>
    codings(cc).flatMap((c) =>
      c.code !== undefined && c.code !== CPTS_CATEGORY_CODE ? [{ code: c.code, at: `serviceType[${i}].coding[${c.k}].code` }] : [],
    ),
  );
}

/**
 * Codes the slots carry against the declared ones. A code not declared is a failure (one finding per
 * code, at its first slot). A declared code no slot of the window carries is not checked (a reserve):
 * the IG (FAQ: every applicable type, several allowed; consultation types one CodeableConcept each)
 * does not ask that every type appear in every window, though the ANS kit's 4.7.02 / 4.7.03 compare
 * the sets exactly, with a PS whose test agenda shows them all as prerequisite.
 */
function compareCodes(
  emit: Emit,
  ruleId: string,
  declared: string[] | undefined,
  slots: Node[],
  read: (s: Node) => CodeAt[],
  element: string,
  what: Message,
): void {
  if (!declared) return;
  const seen = new Set<string>();
  for (const s of slots) {
    for (const { code, at } of read(s)) {
      if (!declared.includes(code) && !seen.has(code)) {
        emit(
          'error',
          ruleId,
          `${s.path}.${at}`,
          {
            fr: `${what.fr} ${code} reçu, hors des types déclarés au JDD : ${list(declared)}`,
            en: `${what.en} ${code} received, not among the JDD-declared types: ${list(declared)}`,
          },
          s.label,
        );
      }
      seen.add(code);
    }
  }
  const unseen = declared.filter((c) => !seen.has(c));
  if (unseen.length > 0 && slots.length > 0) {
    emit(
      'information',
      ruleId,
      `Bundle.entry.resource.ofType(Slot).${element}`,
      {
        fr: `${what.fr} ${list(unseen)} déclaré(s) au JDD mais porté(s) par aucun créneau de la fenêtre : leur codage n'a pas pu être vérifié`,
        en: `${what.en} ${list(unseen)} declared in the JDD but carried by no slot of the window: how it is coded could not be checked`,
      },
      undefined,
      true,
    );
  }
}

/** Codes every slot must carry (CPTS on a CPTS slot: sas-cpts@2, FAQ items 6, 11, 12). */
function checkEachSlotCarries(emit: Emit, codes: string[], slots: Node[]): void {
  for (const s of slots) {
    const got = securityCodes(s).map((c) => c.code);
    const missing = codes.filter((c) => !got.includes(c));
    if (missing.length === 0) continue;
    emit(
      'error',
      'EXP-SLOT-TYPES',
      `${s.path}.meta.security`,
      {
        fr: `ce créneau d'une recherche CPTS porte ${list(got)} : il doit porter ${list(missing)} dans meta.security (d'autres types admis par l'IG peuvent s'y ajouter)`,
        en: `this slot of a CPTS search carries ${list(got)}: it must carry ${list(missing)} in meta.security (other types the IG allows may be there too)`,
      },
      s.label,
    );
  }
}

const PLACE_TYPES: [keyof PlaceCounts, string][] = [
  ['practitioners', 'Practitioner'],
  ['practitionerRoles', 'PractitionerRole'],
  ['schedules', 'Schedule'],
  ['locations', 'Location'],
  ['healthcareServices', 'HealthcareService'],
  ['organizations', 'Organization'],
];

/**
 * Whether every returned slot (SOS: every matched Schedule) reaches the resources of its place in the
 * Bundle: Schedule, Practitioner and PractitionerRole; for CPTS slots the HealthcareService and its
 * Organization; SOS: the Location and its Organization. The IG's includes put them there.
 */
function placesLinked(g: BundleGraph, useCase: TestCase['useCase'], slots: Node[]): boolean {
  if (useCase === 'sos') {
    return matchesOfType(g, 'Schedule').every((sched) =>
      actorsOf(g, sched).some(
        (l) => l.type === 'Location' && g.resolve(l.resource.managingOrganization, l).target?.type === 'Organization',
      ),
    );
  }
  return slots.every((s) => {
    const sched = g.resolve(s.resource.schedule, s).target;
    if (sched?.type !== 'Schedule') return false;
    const actors = actorsOf(g, sched);
    if (!actors.some((a) => a.type === 'PractitionerRole') || practitionersOfSlot(g, s).length === 0) return false;
    return r5Extensions(s).every(({ ext }) => {
      const hs = g.resolve(ext.valueReference, s).target;
      return hs?.type === 'HealthcareService' && g.resolve(hs.resource.providedBy, hs).target?.type === 'Organization';
    });
  });
}

/**
 * One resource per PS / place / CPTS (FAQ items 7–8; kit 4.3.02, 4.4.02–04, 4.5.02). More than the JDD
 * declares is a failure. Fewer is a failure when a returned slot lacks the resources of its place;
 * otherwise a declared place (PS, CPTS) has no slot in the window, which the IG allows: not checked.
 */
function checkPlaces(emit: Emit, places: PlaceCounts, g: BundleGraph, useCase: TestCase['useCase'], slots: Node[]): void {
  const linked = placesLinked(g, useCase, slots);
  for (const [key, type] of PLACE_TYPES) {
    const expected = places[key];
    if (expected === undefined) continue;
    const got = new Set(g.ofType(type).map((n) => n.label)).size;
    if (got === expected) continue;
    if (got > expected || !linked) {
      emit('error', 'EXP-PLACES', `Bundle.entry.resource.ofType(${type})`, {
        fr: `${got} ${type} dans le Bundle, ${expected} attendu(s) d'après le JDD (une ressource par PS / lieu / CPTS)${got < expected ? ' ; des créneaux renvoyés ne mènent pas à leur lieu' : ''}`,
        en: `${got} ${type} in the Bundle, ${expected} expected from the JDD (one resource per PS / place / CPTS)${got < expected ? '; returned slots do not lead to their place' : ''}`,
      });
    } else {
      emit(
        'information',
        'EXP-PLACES',
        `Bundle.entry.resource.ofType(${type})`,
        {
          fr: `${got} ${type} dans le Bundle, ${expected} d'après le JDD : un PS / lieu / CPTS déclaré n'a pas de créneau dans la fenêtre, sa structure n'a pas pu être vérifiée`,
          en: `${got} ${type} in the Bundle, ${expected} from the JDD: a declared PS / place / CPTS has no slot in the window, its structure could not be checked`,
        },
        undefined,
        true,
      );
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
          ? {
              fr: 'ce créneau devrait être proposé via une CPTS (type CPTS + serviceType 604)',
              en: 'this slot should be offered through a CPTS (type CPTS + serviceType 604)',
            }
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

/**
 * A CPTS slot goes only to the CPTS the PS declared (sas-cpts@9): a FINESS outside the declaration is a
 * failure. A declared CPTS no slot of the window goes to is not checked (a reserve).
 */
function checkCptsFiness(emit: Emit, expected: Map<string, string[]>, g: BundleGraph, slots: Node[]): void {
  const actual = finessByPractitioner(g, slots);
  for (const [idnps, want] of expected) {
    const got = actual.get(idnps);
    if (!got) continue; // a missing Practitioner is reported by the result and places checks
    const extra = got.finess.filter((f) => !want.includes(f));
    const unseen = want.filter((f) => !got.finess.includes(f));
    if (extra.length > 0) {
      emit(
        'error',
        'EXP-CPTS-FINESS',
        got.node.path,
        {
          fr: `PS ${idnps} : créneaux proposés via les CPTS de FINESS ${list(got.finess)}, déclaration JDD : ${list(want)} ; non déclarée(s) : ${list(extra)}`,
          en: `PS ${idnps}: slots offered through the CPTS with FINESS ${list(got.finess)}, JDD declaration: ${list(want)}; not declared: ${list(extra)}`,
        },
        got.node.label,
      );
    }
    if (unseen.length > 0) {
      emit(
        'information',
        'EXP-CPTS-FINESS',
        got.node.path,
        {
          fr: `PS ${idnps} : aucun créneau de la fenêtre n'est proposé via la CPTS de FINESS ${list(unseen)} déclarée au JDD : non vérifié`,
          en: `PS ${idnps}: no slot of the window is offered through the JDD-declared CPTS with FINESS ${list(unseen)}: not checked`,
        },
        got.node.label,
        true,
      );
    }
  }
}
