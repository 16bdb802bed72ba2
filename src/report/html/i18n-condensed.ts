/**
 * Texts of the condensed parts of the PV (repeated findings summarised, compact passed cases, long
 * exchange series), in French and English. Kept apart from i18n.ts, which spreads them into its labels.
 */
import type { Severity } from '../../core/findings.js';

export interface CondensedLabels {
  repeatedCaption: (n: number) => string;
  occurrences: string;
  firstLocations: string;
  andMore: (n: number) => string;
  messageVaries: string;
  repeatedNote: (threshold: number) => string;
  /** `119 avertissements, 15 informations` (only the severities present); '' when there are none. */
  severityCounts: (counts: Record<Severity, number>) => string;
  /** One line for a passed case: its findings counted, with where to read them. */
  compactFindings: (counts: string) => string;
  compactFindingsScreen: (counts: string) => string;
  moreExchanges: (more: number, noResponse: number) => string;
  allExchanges: (n: number) => string;
}

const SEVERITY_ORDER: Severity[] = ['fatal', 'error', 'warning', 'information'];

function counted(words: Record<Severity, [string, string]>): (counts: Record<Severity, number>) => string {
  return (counts) =>
    SEVERITY_ORDER.filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${counts[s] > 1 ? words[s][1] : words[s][0]}`)
      .join(', ');
}

export const condensedFr: CondensedLabels = {
  repeatedCaption: (n) => `Constats répétés, regroupés par règle (${n})`,
  occurrences: 'Nombre',
  firstLocations: 'Premiers emplacements',
  andMore: (n) => `… et ${n} autre${n > 1 ? 's' : ''}`,
  messageVaries: 'message de la première occurrence ; il varie d’une occurrence à l’autre',
  repeatedNote: (k) =>
    `Un avertissement ou une information qui revient plus de ${k} fois pour la même règle tient en une ligne avec ses ${k} premiers emplacements ; la liste complète est dans run.json. Les erreurs sont toujours toutes listées.`,
  severityCounts: counted({
    fatal: ['fatale', 'fatales'],
    error: ['erreur', 'erreurs'],
    warning: ['avertissement', 'avertissements'],
    information: ['information', 'informations'],
  }),
  compactFindings: (c) => `Constats\u00a0: ${c} — détail dans la version écran de ce PV et dans run.json.`,
  compactFindingsScreen: (c) => `Constats\u00a0: ${c}`,
  moreExchanges: (more, none) =>
    `… et ${more} autre${more > 1 ? 's' : ''} échange${more > 1 ? 's' : ''}${none ? ` (dont ${none} sans réponse HTTP)` : ''} — tous dans la version écran de ce PV et dans run.json.`,
  allExchanges: (n) => `Les ${n} échanges`,
};

export const condensedEn: CondensedLabels = {
  repeatedCaption: (n) => `Repeated findings, grouped by rule (${n})`,
  occurrences: 'Count',
  firstLocations: 'First locations',
  andMore: (n) => `… and ${n} more`,
  messageVaries: 'message of the first occurrence; it varies between occurrences',
  repeatedNote: (k) =>
    `A warning or information that comes back more than ${k} times for the same rule takes one row with its first ${k} locations; the complete list is in run.json. Errors are always all listed.`,
  severityCounts: counted({
    fatal: ['fatal', 'fatal'],
    error: ['error', 'errors'],
    warning: ['warning', 'warnings'],
    information: ['information', 'information'],
  }),
  compactFindings: (c) => `Findings: ${c} — details in the on-screen version of this report and in run.json.`,
  compactFindingsScreen: (c) => `Findings: ${c}`,
  moreExchanges: (more, none) =>
    `… and ${more} more exchange${more > 1 ? 's' : ''}${none ? ` (${none} without an HTTP response)` : ''} — all in the on-screen version of this report and in run.json.`,
  allExchanges: (n) => `All ${n} exchanges`,
};
