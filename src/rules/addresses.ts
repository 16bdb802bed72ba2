/**
 * Addresses of the places: the contained Location of each PractitionerRole (PS, CPTS) and the SOS
 * Locations carry line, city and a 5-digit postal code; SOS Locations also have a name.
 */
import { asArr, asObj, asStr, type BundleGraph, type Node } from './graph.js';
import { ALL, defineRule, q } from './kit.js';
import type { Rule, RuleContext } from './types.js';

export const POSTAL_CODE = /^\d{5}$/;

/** The Locations contained in a PractitionerRole (its place of practice, PS and CPTS). */
export function roleLocations(g: BundleGraph, role: Node): Node[] {
  return g.contained(role).filter((c) => c.type === 'Location');
}

/** The Locations that describe a place: contained in roles (PS, CPTS) or entries (SOS). */
export function placeLocations(g: BundleGraph, ctx: RuleContext): Node[] {
  if (ctx.useCase === 'sos') return g.ofType('Location');
  return g.ofType('PractitionerRole').flatMap((r) => roleLocations(g, r));
}

const nonEmpty = (x: unknown): boolean => typeof x === 'string' && x.trim() !== '';

export const locationAddress = defineRule({
  id: 'SAS-ADR-001',
  title: { fr: 'Adresse du lieu : ligne, ville, code postal à 5 chiffres', en: 'Place address: line, city, 5-digit postal code' },
  requirements: ['agg-psindiv@22', 'agg-psindiv@38', 'agg-psindiv@39', 'agg-psindiv@40', 'sas-sos@7'],
  useCases: ALL,
  severity: 'error',
  check({ ctx, g, report }) {
    for (const l of placeLocations(g, ctx)) {
      const addr = asObj(l.resource.address);
      const loc = `${l.path}.address`;
      if (!addr) {
        report(loc, l, {
          fr: `${l.label} n'a pas d'adresse (line, city, postalCode obligatoires).`,
          en: `${l.label} has no address (line, city, postalCode are required).`,
        });
        continue;
      }
      if (!asArr(addr.line).some(nonEmpty)) {
        report(`${loc}.line`, l, { fr: `${l.label} : address.line absent ou vide.`, en: `${l.label}: address.line missing or empty.` });
      }
      if (!nonEmpty(addr.city)) {
        report(`${loc}.city`, l, { fr: `${l.label} : address.city absent ou vide.`, en: `${l.label}: address.city missing or empty.` });
      }
      const pc = asStr(addr.postalCode);
      if (!pc || !POSTAL_CODE.test(pc)) {
        report(`${loc}.postalCode`, l, {
          fr: `${l.label} : code postal ${q(pc ?? '(absent)')} ; attendu 5 chiffres.`,
          en: `${l.label}: postal code ${q(pc ?? '(missing)')}; expected 5 digits.`,
        });
      }
    }
  },
});

export const sosLocationName = defineRule({
  id: 'SAS-ADR-002',
  title: { fr: 'Chaque lieu SOS a un nom', en: 'Every SOS place has a name' },
  requirements: ['sas-sos@7'],
  useCases: ['sos'],
  severity: 'error',
  each: 'Location',
  check(l, { report }) {
    if (nonEmpty(l.resource.name)) return;
    report(`${l.path}.name`, l, {
      fr: `${l.label} n'a pas de nom (name obligatoire pour un lieu de consultation SOS).`,
      en: `${l.label} has no name (name is required for an SOS consultation place).`,
    });
  },
});

export const ADDRESS_RULES: Rule[] = [locationAddress, sosLocationName];
