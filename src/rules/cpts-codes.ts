/** The TRE_R66 code 604 (CPTS) and the three spellings of its system found in the IG and FAQ. */
import { codings } from './graph.js';
import { SYSTEM } from '../sas/canonicals.js';

export const TRE_R66 = SYSTEM.categorieEtablissement;
/** CPTS narrative and FAQ item 6 spellings: accepted with a warning. */
export const TRE_R66_VARIANTS = [
  'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/TRE_R66-CategorieEtablissement',
  'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement',
];

export function isTreR66(system: string | undefined): boolean {
  return system === TRE_R66 || (system !== undefined && TRE_R66_VARIANTS.includes(system));
}

/** A serviceType entry coded 604 (any system spelling: the system itself is judged by SAS-CPTS-006). */
export function is604(serviceType: unknown): boolean {
  return codings(serviceType).some((c) => c.code === '604');
}
