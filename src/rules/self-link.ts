/**
 * The Bundle's self link describes the search that was sent (ANS kit 4.3.07; FHIR R4 search: the
 * server returns the parameters it used in the self link): same parameters and same values,
 * whatever their order and their encoding. Comma-separated lists compare as sets; dates compare by
 * prefix and instant. `_count` and `_format` a server adds are tolerated. Unlike the kit, a raw
 * string difference alone is no finding, and every parameter is named in the message.
 */
import { parseSearch } from '../sas/search.js';
import { parseFhirDateTime } from '../sas/time.js';
import { asArr, asObj, asStr } from './graph.js';
import { ALL, defineRule, q } from './kit.js';

/** Parameters a server may add to its self link without changing the search. */
const SERVER_ADDED = new Set(['_count', '_format']);

/** `&amp;` and friends, as the kit unescapes them before parsing. */
function htmlUnescape(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&#38;/g, '&');
}

/** One value, normalised: trimmed; a dated value (`ge…`) → prefix + instant when it parses. */
function normaliseItem(item: string): string {
  const t = item.trim();
  const m = /^(ge|gt|le|lt|eq|ne|sa|eb|ap)(\d{4}-.*)$/.exec(t);
  if (m) {
    const d = parseFhirDateTime(m[2]);
    if (d) return `${m[1]}@${d.epochMs}${d.hasOffset ? '' : '~'}`;
  }
  return t;
}

/** name → sorted list of normalised values (comma lists split). */
export function queryShape(params: readonly [string, string][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of params) {
    const items = value
      .split(',')
      .map(normaliseItem)
      .filter((v) => v !== '');
    out.set(name, [...(out.get(name) ?? []), ...items].sort());
  }
  return out;
}

/** Differences between the sent search and the self link (pure). */
export function compareQueries(
  sent: readonly [string, string][],
  self: readonly [string, string][],
): { missing: string[]; differing: string[]; extra: string[] } {
  const a = queryShape(sent);
  const b = queryShape(self);
  const missing: string[] = [];
  const differing: string[] = [];
  const extra: string[] = [];
  for (const [name, values] of a) {
    const other = b.get(name);
    if (!other) missing.push(name);
    else if (other.join('\u0000') !== values.join('\u0000')) differing.push(name);
  }
  for (const name of b.keys()) if (!a.has(name) && !SERVER_ADDED.has(name)) extra.push(name);
  return { missing, differing, extra };
}

function raw(params: readonly [string, string][], name: string): string {
  return params
    .filter(([n]) => n === name)
    .map(([, v]) => v)
    .join(' & ');
}

export const selfLinkMatchesSearch = defineRule({
  id: 'SAS-BDL-007',
  title: { fr: 'Le lien self décrit la recherche envoyée', en: 'The self link describes the search sent' },
  requirements: ['sas-gen@4'],
  useCases: ALL,
  severity: 'error',
  needsSearch: true,
  check({ bundle, ctx, report }) {
    const sent = ctx.search?.params ?? [];
    const links = asArr(bundle.link).map((l) => asObj(l));
    const i = links.findIndex((l) => l?.relation === 'self');
    const url = i >= 0 ? asStr(links[i]?.url) : undefined;
    if (!url || url.trim() === '') return; // SAS-BDL-003 reports a missing self link
    const loc = `Bundle.link[${i}].url`;
    let self: [string, string][];
    try {
      self = parseSearch(htmlUnescape(url)).params;
    } catch (err) {
      return report(loc, undefined, {
        fr: `Le lien self ${q(url)} ne décrit pas une recherche sur Slot ou Schedule (${(err as Error).message}).`,
        en: `The self link ${q(url)} does not describe a search on Slot or Schedule (${(err as Error).message}).`,
      });
    }
    const { missing, differing, extra } = compareQueries(sent, self);
    for (const name of missing) {
      report(loc, undefined, {
        fr: `Le lien self n'a pas le paramètre ${name} de la recherche envoyée (${q(raw(sent, name))}) : il doit décrire la recherche exécutée.`,
        en: `The self link lacks the parameter ${name} of the search sent (${q(raw(sent, name))}): it must describe the search executed.`,
      });
    }
    for (const name of differing) {
      report(loc, undefined, {
        fr: `Le lien self donne ${name} = ${q(raw(self, name))} alors que la recherche envoyée donnait ${q(raw(sent, name))}.`,
        en: `The self link gives ${name} = ${q(raw(self, name))} while the search sent gave ${q(raw(sent, name))}.`,
      });
    }
    for (const name of extra) {
      report(loc, undefined, {
        fr: `Le lien self porte le paramètre ${name} = ${q(raw(self, name))}, absent de la recherche envoyée.`,
        en: `The self link carries the parameter ${name} = ${q(raw(self, name))}, which the search sent did not have.`,
      });
    }
  },
});
