/**
 * Several JDDs served by one reference editor: the identifiers decide which entry answers, so they
 * must not collide, and neither may the keys the resource ids are made from.
 */
import { SetupError } from '../core/errors.js';
import type { Jdd } from '../jdd/types.js';

export function checkJddSet(jdds: Jdd[]): void {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (what: string, value: string, jdd: Jdd) => {
    const here = jdd.file ?? jdd.id;
    const previous = seen.get(`${what}:${value}`);
    if (previous !== undefined) problems.push(`${what} "${value}" appears in ${previous} and ${here}`);
    else seen.set(`${what}:${value}`, here);
  };
  const finessByCpts = new Map<string, { finess: string; where: string }>();
  for (const jdd of jdds) {
    for (const p of jdd.practitioners) {
      claim('IDNPS', p.idnps, jdd);
      claim('practitioner key', p.key, jdd);
    }
    for (const s of jdd.sos) {
      claim('SIRET', s.siret, jdd);
      claim('SOS key', s.key, jdd);
    }
    // The same CPTS may be described in two JDDs, but then with the same FINESS.
    for (const c of jdd.cpts) {
      const where = jdd.file ?? jdd.id;
      const previous = finessByCpts.get(c.key);
      if (previous && previous.finess !== c.finess)
        problems.push(`CPTS key "${c.key}" has FINESS ${previous.finess} in ${previous.where} and ${c.finess} in ${where}`);
      else finessByCpts.set(c.key, { finess: c.finess, where });
    }
  }
  if (problems.length > 0)
    throw new SetupError(
      {
        fr: `ces JDD ne peuvent pas être servis ensemble\u00a0:\n${problems.join('\n')}`,
        en: `the JDDs cannot be served together:\n${problems.join('\n')}`,
      },
      { fr: 'donner à chaque JDD ses propres identifiants et clés', en: 'use distinct identifiers and keys in each JDD' },
    );
}
