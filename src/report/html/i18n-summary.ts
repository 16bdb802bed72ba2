/**
 * Texts of the first pages' reasons (blocking non-conformities grouped by root cause) and of the
 * table of contents, in French and English. Spread into the PV's labels by i18n.ts.
 */

export interface SummaryLabels {
  /** `13 cas obligatoires en échec ou en erreur, pour 3 causes :` */
  blockingIntro: (cases: number, causes: number) => string;
  /** Caption of the table of one cause. */
  causeCaption: (label: string, cases: number) => string;
  /** Before the reason all cases of a cause share. */
  commonReason: string;
  caseColumn: string;
  /** Cause of blocking cases listed by the run but absent from its cases. */
  causeNotInRun: string;
  toc: string;
  /** `3 cas` / `3 cases`, `1 case`. */
  caseCount: (n: number) => string;
}

export const summaryFr: SummaryLabels = {
  blockingIntro: (n, k) =>
    `${n} cas obligatoire${n > 1 ? 's' : ''} en échec ou en erreur${k > 1 ? `, pour ${k} causes` : k === 1 ? ', pour une seule cause' : ''}\u00a0:`,
  causeCaption: (label, n) => `Cause\u00a0: ${label} — ${n} cas`,
  commonReason: 'Motif commun',
  caseColumn: 'Cas',
  causeNotInRun: 'cas absents de l’exécution',
  toc: 'Sommaire',
  caseCount: (n) => `${n} cas`,
};

export const summaryEn: SummaryLabels = {
  blockingIntro: (n, k) =>
    `${n} mandatory case${n > 1 ? 's' : ''} failed or in error${k > 1 ? `, from ${k} causes` : k === 1 ? ', from a single cause' : ''}:`,
  causeCaption: (label, n) => `Cause: ${label} — ${n} case${n > 1 ? 's' : ''}`,
  commonReason: 'Common reason',
  caseColumn: 'Case',
  causeNotInRun: 'cases not in this run',
  toc: 'Contents',
  caseCount: (n) => `${n} case${n > 1 ? 's' : ''}`,
};
