/**
 * Bundle-level rules: searchset type, total, self link (presence here, content in self-link.ts),
 * fullUrl (present, unique, agreeing with the resource id) and search.mode of the entries.
 */
import { asArr, asObj, asStr, type BundleGraph } from './graph.js';
import { firstSeen } from './iterate.js';
import { ALL, defineRule, q } from './kit.js';
import { selfLinkMatchesSearch } from './self-link.js';
import type { Rule, RuleContext } from './types.js';

export const bundleType = defineRule({
  id: 'SAS-BDL-001',
  title: { fr: 'La réponse est un Bundle de type searchset', en: 'The response is a searchset Bundle' },
  requirements: ['agg-psindiv@13', 'agg-psindiv@14', 'sas-sos@3'],
  useCases: ALL,
  severity: 'error',
  check({ bundle, report }) {
    if (bundle.resourceType !== 'Bundle') {
      const oo = bundle.resourceType === 'OperationOutcome';
      return report('Bundle.resourceType', undefined, {
        fr: `Ce n'est pas une réponse à la recherche SAS : la réponse doit être un Bundle searchset, reçu resourceType ${q(bundle.resourceType)}${oo ? ' (un OperationOutcome décrit une erreur, pas des créneaux)' : ''}.`,
        en: `This is not an answer to the SAS search: the response must be a searchset Bundle, got resourceType ${q(bundle.resourceType)}${oo ? ' (an OperationOutcome reports an error, not slots)' : ''}.`,
      });
    }
    if (bundle.type === 'searchset') return;
    report('Bundle.type', undefined, {
      fr: `Ce n'est pas une réponse à la recherche SAS : Bundle.type doit valoir "searchset", reçu ${q(bundle.type ?? '(absent)')}.`,
      en: `This is not an answer to the SAS search: Bundle.type must be "searchset", got ${q(bundle.type ?? '(missing)')}.`,
    });
  },
});

/** The resource type the search is on: Schedule for SOS, Slot otherwise. */
function matchTypeOf(ctx: RuleContext): 'Schedule' | 'Slot' {
  return ctx.useCase === 'sos' ? 'Schedule' : 'Slot';
}

/**
 * What counts as a match: entries of the searched type in search.mode=match; when no entry has any
 * mode, every entry of that type.
 */
function matchCount(g: BundleGraph, ctx: RuleContext): { count: number; what: string } {
  const type = matchTypeOf(ctx);
  const anyMode = g.entries.some((e) => e.mode !== undefined);
  const nodes = g.ofType(type).filter((n) => (anyMode ? n.mode === 'match' : true));
  return { count: nodes.length, what: type };
}

export const bundleTotal = defineRule({
  id: 'SAS-BDL-002',
  title: { fr: 'Bundle.total = nombre de résultats (match)', en: 'Bundle.total = number of matches' },
  requirements: ['agg-psindiv@13', 'sas-cpts@7', 'sas-sos@3'],
  useCases: ALL,
  severity: 'error',
  check({ bundle, ctx, g, report }) {
    const { count, what } = matchCount(g, ctx);
    const total = bundle.total;
    if (total === undefined) {
      if (ctx.useCase === 'psindiv') return;
      return report('Bundle.total', undefined, {
        fr: `Bundle.total est obligatoire (1..1) pour ce cas d'usage ; attendu ${count} (${what} en search.mode=match).`,
        en: `Bundle.total is required (1..1) for this use case; expected ${count} (${what} with search.mode=match).`,
      });
    }
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
      return report('Bundle.total', undefined, {
        fr: `Bundle.total doit être un entier positif ou nul, reçu ${q(total)}.`,
        en: `Bundle.total must be a non-negative integer, got ${q(total)}.`,
      });
    }
    if (total === count) return;
    const slots = g.ofType('Slot').length;
    if (ctx.useCase === 'sos' && total === slots) {
      // The IG's own SOS example counts the Slots (4) while its matches are 3 Schedules.
      return report(
        'Bundle.total',
        undefined,
        {
          fr: `Bundle.total (${total}) compte les Slot ; pour une recherche sur Schedule il devrait compter les ${count} Schedule en search.mode=match (l'exemple SOS de l'IG compte les Slot).`,
          en: `Bundle.total (${total}) counts the Slots; a Schedule search should count its ${count} Schedules with search.mode=match (the IG's SOS example counts Slots).`,
        },
        'warning',
      );
    }
    report('Bundle.total', undefined, {
      fr: `Bundle.total vaut ${total} mais le Bundle contient ${count} ${what} en search.mode=match.`,
      en: `Bundle.total is ${total} but the Bundle holds ${count} ${what} with search.mode=match.`,
    });
  },
});

export const bundleSelfLink = defineRule({
  id: 'SAS-BDL-003',
  title: { fr: 'Un et un seul lien self', en: 'Exactly one self link' },
  requirements: ['sas-gen@4', 'sas-cpts@7', 'sas-sos@3'],
  useCases: ALL,
  severity: 'error',
  check({ bundle, ctx, report }) {
    const links = asArr(bundle.link).map((l) => asObj(l));
    const selfIdx = links.flatMap((l, i) => (l?.relation === 'self' ? [i] : []));
    const strict = ctx.useCase !== 'psindiv'; // CPTS and SOS Bundle profiles: link 1..1
    if (selfIdx.length === 0) {
      // The ANS kit (4.3.07) fails a Bundle without self link, in every use case.
      report('Bundle.link', undefined, {
        fr: 'Le Bundle doit porter un lien "self" donnant la recherche exécutée (kit ANS 4.3.07).',
        en: 'The Bundle must carry a "self" link giving the search executed (ANS kit 4.3.07).',
      });
    } else if (selfIdx.length > 1) {
      report(`Bundle.link[${selfIdx[1]}]`, undefined, {
        fr: `Le Bundle porte ${selfIdx.length} liens "self" ; un seul est permis.`,
        en: `The Bundle carries ${selfIdx.length} "self" links; only one is allowed.`,
      });
    }
    for (const i of selfIdx) {
      const url = asStr(links[i]?.url);
      if (!url || url.trim() === '') {
        report(`Bundle.link[${i}].url`, undefined, {
          fr: 'Le lien "self" n\'a pas d\'url.',
          en: 'The "self" link has no url.',
        });
      }
    }
    if (strict) {
      links.forEach((l, i) => {
        if (l?.relation !== 'self') {
          report(`Bundle.link[${i}].relation`, undefined, {
            fr: `Le profil Bundle de ce cas d'usage n'admet que le lien "self" (link 1..1), reçu ${q(l?.relation ?? '(absent)')} : tous les résultats tiennent sur une page.`,
            en: `This use case's Bundle profile allows only the "self" link (link 1..1), got ${q(l?.relation ?? '(missing)')}: all results fit in one page.`,
          });
        }
      });
    }
  },
});

export const bundleUniqueFullUrl = defineRule({
  id: 'SAS-BDL-004',
  title: { fr: 'fullUrl et Type/id uniques dans le Bundle', en: 'Unique fullUrl and Type/id in the Bundle' },
  requirements: ['agg-psindiv@13', 'sas-cpts@14', 'sas-sos@3'],
  useCases: ALL,
  severity: 'error',
  check({ g, report }) {
    const seenUrl = new Map<string, number>();
    const seenId = new Map<string, number>();
    for (const n of g.entries) {
      const version = asStr(asObj(n.resource.meta)?.versionId) ?? '';
      if (n.fullUrl) {
        const key = `${n.fullUrl}|${version}`;
        const first = firstSeen(seenUrl, key, n.index);
        if (first !== undefined) {
          report(`Bundle.entry[${n.index}].fullUrl`, n, {
            fr: `fullUrl ${q(n.fullUrl)} déjà utilisé par Bundle.entry[${first}] : chaque entrée doit avoir son propre fullUrl.`,
            en: `fullUrl ${q(n.fullUrl)} is already used by Bundle.entry[${first}]: each entry needs its own fullUrl.`,
          });
        }
      }
      if (n.id) {
        const key = `${n.type}/${n.id}|${version}`;
        const first = firstSeen(seenId, key, n.index);
        if (first !== undefined) {
          report(`Bundle.entry[${n.index}].resource.id`, n, {
            fr: `${n.label} figure deux fois (Bundle.entry[${first}] et Bundle.entry[${n.index}]) : les références deviennent ambiguës.`,
            en: `${n.label} appears twice (Bundle.entry[${first}] and Bundle.entry[${n.index}]): references become ambiguous.`,
          });
        }
      }
    }
  },
});

const MODE_PRESENT = ['sas-gen@2'];
const MODE_TRUE = ['sas-gen@3'];

export const bundleSearchMode = defineRule({
  id: 'SAS-BDL-005',
  title: { fr: 'search.mode sur chaque entrée, et juste', en: 'search.mode on every entry, and right' },
  requirements: ['sas-gen@2', 'sas-gen@3', 'sas-sos@3'],
  useCases: ALL,
  severity: 'error',
  check({ ctx, g, report }) {
    const matchType = matchTypeOf(ctx);
    // SOS: the matches are the Schedules (sas-sos@3).
    const wrongMatch = ctx.useCase === 'sos' ? [...MODE_TRUE, 'sas-sos@3'] : MODE_TRUE;
    for (const n of g.entries) {
      const loc = `Bundle.entry[${n.index}].search.mode`;
      if (n.mode === undefined) {
        // SHOULD (FHIR R4; the official validator warns): a warning.
        report(
          loc,
          n,
          {
            fr: `${n.label} n'a pas de search.mode : indiquer "match" pour les ${matchType} trouvés et "include" pour les ressources incluses.`,
            en: `${n.label} has no search.mode: use "match" for the ${matchType} found and "include" for included resources.`,
          },
          'warning',
          MODE_PRESENT,
        );
      } else if (!['match', 'include', 'outcome'].includes(n.mode)) {
        report(
          loc,
          n,
          {
            fr: `search.mode ${q(n.mode)} inconnu sur ${n.label} (match, include ou outcome).`,
            en: `Unknown search.mode ${q(n.mode)} on ${n.label} (match, include or outcome).`,
          },
          'error',
          MODE_TRUE,
        );
      } else if (n.mode === 'match' && n.type !== matchType) {
        report(
          loc,
          n,
          {
            fr: `${n.label} est en search.mode=match alors que la recherche porte sur ${matchType} : il doit être "include".`,
            en: `${n.label} has search.mode=match while the search is on ${matchType}: it must be "include".`,
          },
          'error',
          wrongMatch,
        );
      }
    }
  },
});

export const bundleFullUrlPresent = defineRule({
  id: 'SAS-BDL-006',
  title: { fr: 'fullUrl sur chaque entrée', en: 'fullUrl on every entry' },
  requirements: ['sas-gen@5', 'sas-cpts@14', 'sas-sos@3'],
  useCases: ALL,
  severity: 'error',
  // CPTS and SOS Bundle profiles: entry.fullUrl 1..1; every use case: FHIR R4 "The fullUrl element
  // SHALL have a value" (outside a POST), even if the PS Bundle profile leaves it 0..1.
  each: (g) => g.entries,
  check(n, { report }) {
    if (n.fullUrl) return;
    report(`Bundle.entry[${n.index}].fullUrl`, n, {
      fr: `L'entrée de ${n.label} n'a pas de fullUrl (URL absolue de la ressource, FHIR R4 : « SHALL have a value »).`,
      en: `The entry of ${n.label} has no fullUrl (absolute URL of the resource, FHIR R4: "SHALL have a value").`,
    });
  },
});

/** `https://host/fhir/Slot/abc` agrees with Slot/abc; `urn:uuid:` is free; a `_history` URL is not version-independent. */
export function fullUrlDisagreement(fullUrl: string, type: string, id: string | undefined): 'history' | 'id' | undefined {
  if (/^urn:(uuid|oid):/i.test(fullUrl)) return undefined;
  const path = fullUrl.split(/[?#]/)[0];
  if (/\/_history\//.test(path)) return 'history';
  if (id === undefined) return undefined;
  return path.endsWith(`/${type}/${id}`) ? undefined : 'id';
}

export const bundleFullUrlAgreesWithId = defineRule({
  id: 'SAS-BDL-008',
  title: { fr: "fullUrl conforme à l'id de la ressource", en: 'fullUrl agrees with the resource id' },
  requirements: ['sas-gen@5'],
  useCases: ALL,
  severity: 'error',
  check({ g, report }) {
    for (const n of g.entries) {
      if (!n.fullUrl) continue;
      const why = fullUrlDisagreement(n.fullUrl, n.type, n.id);
      if (!why) continue;
      report(
        `Bundle.entry[${n.index}].fullUrl`,
        n,
        why === 'history'
          ? {
              fr: `fullUrl ${q(n.fullUrl)} de ${n.label} désigne une version (_history) ; FHIR R4 veut une URL indépendante de la version, se terminant par ${n.type}/${n.id ?? '<id>'}.`,
              en: `fullUrl ${q(n.fullUrl)} of ${n.label} names a version (_history); FHIR R4 wants a version-independent URL ending with ${n.type}/${n.id ?? '<id>'}.`,
            }
          : {
              fr: `fullUrl ${q(n.fullUrl)} contredit l'id de la ressource : attendu une URL se terminant par /${n.type}/${n.id} (FHIR R4 : « fullUrl SHALL NOT disagree with the id »).`,
              en: `fullUrl ${q(n.fullUrl)} disagrees with the resource id: expected a URL ending with /${n.type}/${n.id} (FHIR R4: "fullUrl SHALL NOT disagree with the id").`,
            },
      );
    }
  },
});

export const BUNDLE_RULES: Rule[] = [
  bundleType,
  bundleTotal,
  bundleSelfLink,
  bundleUniqueFullUrl,
  bundleSearchMode,
  bundleFullUrlPresent,
  selfLinkMatchesSearch,
  bundleFullUrlAgreesWithId,
];
