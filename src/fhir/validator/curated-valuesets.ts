/**
 * Value sets the SAS profiles bind as `required` but that no available package carries. Kept small
 * and sourced; everything else that cannot be expanded is reported as "not checked".
 */
import { SYSTEM } from '../../sas/canonicals.js';

export interface CuratedValueSet {
  url: string;
  /** Where the content comes from. */
  source: string;
  concepts: { system: string; code: string }[];
}

const TRE_R314 = SYSTEM.slotType;

export const CURATED_VALUE_SETS: readonly CuratedValueSet[] = [
  {
    // Bound (required) to FrSlotAgregateur Slot.meta.security. NOS JDV_J165-TypeCreneau-SAS,
    // OID 1.2.250.1.213.3.4.10, version 20240726, as published by ANS in
    // ansforge/IG-terminologie-de-sante (rendered ValueSet page): TRE_R314 PUBLIC, PRO, SNP, CPTS.
    url: 'https://mos.esante.gouv.fr/NOS/JDV_J165-TypeCreneau-SAS/FHIR/JDV-J165-TypeCreneau-SAS',
    source: 'NOS JDV_J165-TypeCreneau-SAS 20240726 (ansforge/IG-terminologie-de-sante)',
    concepts: ['PUBLIC', 'PRO', 'SNP', 'CPTS'].map((code) => ({ system: TRE_R314, code })),
  },
];
