/**
 * Multi-place / multi-PS coherence (FAQ items 7–8): one Schedule and one PractitionerRole (with its
 * own contained Location) per place of practice; a Schedule joins one PS and one of that PS's roles,
 * so the slots of PS A never hang off PS B's agenda. SOS: one Schedule per Location.
 */
import { actorsOf, asArr, type Node } from './graph.js';
import { uniqueByPath } from './iterate.js';
import { defineRule, PS_CPTS } from './kit.js';
import type { Rule } from './types.js';

export const scheduleCoherence = defineRule({
  id: 'SAS-COH-001',
  title: {
    fr: 'Chaque Schedule relie un PS et un de ses PractitionerRole',
    en: 'Each Schedule joins one PS and one of its PractitionerRoles',
  },
  requirements: ['agg-psindiv@15', 'agg-psindiv@19', 'agg-psindiv@42', 'agg-psindiv@43', 'agg-psindiv@44'],
  useCases: PS_CPTS,
  severity: 'error',
  each: 'Schedule',
  check(s, { g, report }) {
    const actors = actorsOf(g, s);
    const pracs = actors.filter((a) => a.type === 'Practitioner');
    const roles = actors.filter((a) => a.type === 'PractitionerRole');
    if (pracs.length !== 1 || roles.length !== 1) {
      report(`${s.path}.actor`, s, {
        fr: `${s.label} a ${pracs.length} Practitioner et ${roles.length} PractitionerRole parmi ses actor résolus ; attendu exactement un de chaque (un agenda par PS et par lieu).`,
        en: `${s.label} has ${pracs.length} Practitioner and ${roles.length} PractitionerRole among its resolved actors; expected exactly one of each (one agenda per PS and place).`,
      });
      return;
    }
    const rolePrac = g.resolve(roles[0].resource.practitioner, roles[0]).target;
    if (rolePrac && rolePrac.path !== pracs[0].path) {
      report(`${s.path}.actor`, s, {
        fr: `${s.label} relie ${pracs[0].label} à ${roles[0].label}, qui appartient à ${rolePrac.label} : les créneaux d'un PS ne doivent pas pendre à l'agenda d'un autre PS.`,
        en: `${s.label} joins ${pracs[0].label} with ${roles[0].label}, which belongs to ${rolePrac.label}: one PS's slots must not hang off another PS's agenda.`,
      });
    }
  },
});

export const onePlacePerRole = defineRule({
  id: 'SAS-COH-002',
  title: { fr: 'Un Schedule et un lieu par PractitionerRole', en: 'One Schedule and one place per PractitionerRole' },
  requirements: ['agg-psindiv@42', 'agg-psindiv@43'],
  useCases: PS_CPTS,
  severity: 'error',
  check({ g, report }) {
    const schedulesOfRole = new Map<string, Node[]>();
    for (const s of g.ofType('Schedule')) {
      for (const a of actorsOf(g, s).filter((x) => x.type === 'PractitionerRole')) {
        schedulesOfRole.set(a.path, [...(schedulesOfRole.get(a.path) ?? []), s]);
      }
    }
    for (const r of g.ofType('PractitionerRole')) {
      const scheds = schedulesOfRole.get(r.path) ?? [];
      if (scheds.length > 1) {
        report(r.path, r, {
          fr: `${r.label} est l'actor de ${scheds.length} Schedule (${scheds.map((x) => x.label).join(', ')}) ; un seul agenda par lieu d'exercice.`,
          en: `${r.label} is the actor of ${scheds.length} Schedules (${scheds.map((x) => x.label).join(', ')}); one agenda per place of practice.`,
        });
      }
      const locs = asArr(r.resource.location);
      if (locs.length > 1) {
        report(`${r.path}.location`, r, {
          fr: `${r.label} a ${locs.length} location ; un PractitionerRole par lieu, chacun avec son Location contenu.`,
          en: `${r.label} has ${locs.length} locations; one PractitionerRole per place, each with its own contained Location.`,
        });
      }
      if (scheds.length === 0) {
        report(
          r.path,
          r,
          { fr: `${r.label} n'est l'actor d'aucun Schedule.`, en: `${r.label} is not the actor of any Schedule.` },
          'warning',
        );
      }
    }
  },
});

export const sosOneSchedulePerLocation = defineRule({
  id: 'SAS-COH-003',
  title: { fr: 'SOS : un Schedule par lieu', en: 'SOS: one Schedule per place' },
  requirements: ['sas-sos@4'],
  useCases: ['sos'],
  severity: 'error',
  check({ g, report }) {
    const byLocation = new Map<string, { loc: Node; scheds: Node[] }>();
    for (const s of g.ofType('Schedule')) {
      const locs = uniqueByPath(actorsOf(g, s).filter((a) => a.type === 'Location'));
      if (locs.length > 1) {
        report(
          `${s.path}.actor`,
          s,
          {
            fr: `${s.label} a ${locs.length} Location pour actor ; un Schedule par lieu de consultation.`,
            en: `${s.label} has ${locs.length} Location actors; one Schedule per consultation place.`,
          },
          'warning',
        );
      }
      for (const l of locs) byLocation.set(l.path, { loc: l, scheds: [...(byLocation.get(l.path)?.scheds ?? []), s] });
    }
    for (const { loc, scheds } of byLocation.values()) {
      if (scheds.length < 2) continue;
      report(`${scheds[1].path}.actor`, scheds[1], {
        fr: `${scheds.map((x) => x.label).join(' et ')} ont le même lieu ${loc.label} ; un seul Schedule par lieu de consultation.`,
        en: `${scheds.map((x) => x.label).join(' and ')} share the same place ${loc.label}; one Schedule per consultation place.`,
      });
    }
  },
});

export const COHERENCE_RULES: Rule[] = [scheduleCoherence, onePlacePerRole, sosOneSchedulePerLocation];
