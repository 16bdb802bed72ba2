/**
 * The words of the `run` console in each language, with the French typography a reader expects: a
 * non-breaking space before ":" (`Réserves :`), plurals that agree (`0 réussi`, `14 réussis`: in French
 * 0 and 1 take the singular). Kept apart from the layout (console.ts) so both languages read side by side.
 */
import type { Lang } from '../core/findings.js';
import type { ReserveKind } from '../core/model.js';
import type { CaseState } from './case-view.js';
import { NBSP } from '../core/typography.js';

/** The singular or the plural for `n` (French: singular for 0 and 1; English: singular for 1 only). */
export function plural(n: number, lang: Lang, one: string, many: string): string {
  return (lang === 'fr' ? n <= 1 : n === 1) ? one : many;
}

/** `n word` with the word agreeing with n. */
export function count(n: number, lang: Lang, one: string, many: string): string {
  return `${n} ${plural(n, lang, one, many)}`;
}

/** A counted noun: its singular and plural. */
type Noun = readonly [one: string, many: string];

interface Words {
  /** The state of one case, on its line (`✗ échec  PS-…`). */
  state: Record<CaseState, string>;
  /** A number of cases in a state (`14 réussis`, `3 en échec`). */
  counted: Record<Exclude<CaseState, 'passed-with-reserves'>, Noun>;
  kind: Record<ReserveKind, string>;
  favorable: string;
  'favorable-with-reserves': string;
  unfavorable: string;
  notes: string;
  summary: string;
  verdict: string;
  reserves: string;
  cases: Noun;
  blockingCount: Noun;
  blocking: string;
  minor: string;
  reason: string;
  reserve: string;
  all: string;
  /** `(dont 3 avec réserves)` / `(3 with reserves)`. */
  withReserves: (n: number) => string;
  mode: { standard: string; strict: string };
  notValid: string;
  blockingCases: string;
  seenIn: string;
  official: string;
  officialUnavailable: string;
  disagreements: (n: number) => string;
  gates: string;
  noGates: string;
  /** Findings of a case beyond those printed. */
  moreFindings: (n: number) => string;
  /** Lines of a list beyond those printed. */
  more: (n: number) => string;
  /** Blocking cases beyond those listed, all named in the table of causes. */
  moreBlocking: (n: number) => string;
  /** Minor failed cases among the reserves: already in the table of causes. */
  inCauses: string;
  causes: string;
  causeHead: { cases: string; blocking: string; cause: string };
  firstCase: string;
  otherCauses: (n: number) => string;
  /** The live line: time since the first case, time left. */
  elapsed: string;
  left: (t: string) => string;
  reports: string;
  latest: string;
}

export const CONSOLE_WORDS: Record<Lang, Words> = {
  fr: {
    state: {
      passed: 'réussi',
      'passed-with-reserves': 'réussi avec réserves',
      failed: 'échec',
      error: 'erreur',
      skipped: 'non exécuté',
      'not-applicable': 'non applicable',
    },
    counted: {
      passed: ['réussi', 'réussis'],
      failed: ['en échec', 'en échec'],
      error: ['erreur', 'erreurs'],
      skipped: ['non exécuté', 'non exécutés'],
      'not-applicable': ['non applicable', 'non applicables'],
    },
    kind: {
      insecure: 'vérification TLS désactivée',
      'nothing-judged': 'aucun cas jugé',
      'failed-minor': 'cas mineurs en échec ou en erreur',
      skipped: 'cas obligatoires non exécutés',
      'not-applicable': 'cas obligatoires non applicables',
      'not-checked': 'éléments non vérifiés',
      'untested-requirement': 'exigences non testées',
    },
    favorable: 'FAVORABLE',
    'favorable-with-reserves': 'FAVORABLE AVEC RÉSERVES',
    unfavorable: 'DÉFAVORABLE',
    notes: 'Notes',
    summary: 'Bilan',
    verdict: 'Avis',
    reserves: 'Réserves',
    cases: ['cas', 'cas'],
    blockingCount: ['bloquant', 'bloquants'],
    blocking: 'bloquant',
    minor: 'mineur',
    reason: 'motif',
    reserve: 'réserve',
    all: 'ensemble',
    withReserves: (n) => `dont ${n} avec réserves`,
    mode: { standard: 'mode standard', strict: 'mode strict (toute réserve fait échouer)' },
    notValid: 'NON VALABLE POUR UNE RECETTE',
    blockingCases: 'Non-conformités bloquantes',
    seenIn: 'vu dans',
    official: 'Validateur officiel HL7',
    officialUnavailable: 'indisponible (voir les notes), recette faite avec le moteur sas-recette seul',
    disagreements: (n) => `${count(n, 'fr', 'désaccord', 'désaccords')} avec sas-recette sur les erreurs de structure`,
    gates: 'ses erreurs font aussi échouer les cas',
    noGates: 'pour information, ne décide pas des verdicts',
    moreFindings: (n) => `… et ${count(n, 'fr', 'autre constat', 'autres constats')}`,
    more: (n) => `… et ${n} de plus`,
    moreBlocking: (n) => `… et ${n} de plus, tous dans les échecs par cause ci-dessus`,
    inCauses: 'détail dans les échecs par cause ci-dessus',
    causes: 'Échecs par cause',
    causeHead: { cases: 'cas', blocking: 'bloq.', cause: 'cause et cas touchés' },
    firstCase: 'Premier cas de chaque cause',
    otherCauses: (n) => `… ${count(n, 'fr', 'autre cause', 'autres causes')}${NBSP}: le détail de chaque cas est dans le PV`,
    elapsed: 'écoulé',
    left: (t) => `encore ≈ ${t}`,
    reports: 'Rapports',
    latest: 'dernière exécution',
  },
  en: {
    state: {
      passed: 'passed',
      'passed-with-reserves': 'passed with reserves',
      failed: 'failed',
      error: 'error',
      skipped: 'skipped',
      'not-applicable': 'not applicable',
    },
    counted: {
      passed: ['passed', 'passed'],
      failed: ['failed', 'failed'],
      error: ['error', 'errors'],
      skipped: ['skipped', 'skipped'],
      'not-applicable': ['not applicable', 'not applicable'],
    },
    kind: {
      insecure: 'TLS verification off',
      'nothing-judged': 'no case judged',
      'failed-minor': 'minor cases failed or in error',
      skipped: 'mandatory cases skipped',
      'not-applicable': 'mandatory cases not applicable',
      'not-checked': 'elements not checked',
      'untested-requirement': 'untested requirements',
    },
    favorable: 'FAVOURABLE',
    'favorable-with-reserves': 'FAVOURABLE WITH RESERVES',
    unfavorable: 'UNFAVOURABLE',
    notes: 'Notes',
    summary: 'Summary',
    verdict: 'Verdict',
    reserves: 'Reserves',
    cases: ['case', 'cases'],
    blockingCount: ['blocking', 'blocking'],
    blocking: 'blocking',
    minor: 'minor',
    reason: 'reason',
    reserve: 'reserve',
    all: 'all',
    withReserves: (n) => `${n} with reserves`,
    mode: { standard: 'standard mode', strict: 'strict mode (any reserve fails the run)' },
    notValid: 'NOT VALID FOR ACCEPTANCE',
    blockingCases: 'Blocking non-conformities',
    seenIn: 'seen in',
    official: 'Official HL7 validator',
    officialUnavailable: 'unavailable (see the notes), run made with the sas-recette engine alone',
    disagreements: (n) => `${count(n, 'en', 'disagreement', 'disagreements')} with sas-recette on structural errors`,
    gates: 'its errors also fail the cases',
    noGates: 'for information, does not decide the verdicts',
    moreFindings: (n) => `… and ${count(n, 'en', 'more finding', 'more findings')}`,
    more: (n) => `… and ${n} more`,
    moreBlocking: (n) => `… and ${n} more, all in the failures by cause above`,
    inCauses: 'detail in the failures by cause above',
    causes: 'Failures by cause',
    causeHead: { cases: 'cases', blocking: 'block.', cause: 'cause and cases hit' },
    firstCase: 'First case of each cause',
    otherCauses: (n) => `… ${count(n, 'en', 'other cause', 'other causes')}: every case in detail is in the PV`,
    elapsed: 'elapsed',
    left: (t) => `≈ ${t} left`,
    reports: 'Reports',
    latest: 'latest run',
  },
};
