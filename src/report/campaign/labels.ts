/**
 * The words of the campaign tracker in both languages: sheet names, column headers, statuses, verdicts.
 * The workbook is read back in either language (a French workbook regenerated with --lang en keeps its
 * annotations), so a column is recognised by any of its headers, never by its position alone.
 */
import type { Lang, Message } from '../../core/findings.js';
import type { RunSummary } from '../../core/model.js';
import type { ActionStatus, HashSource } from './types.js';

export const SHEETS = {
  overview: { fr: 'Synthèse', en: 'Overview' },
  actions: { fr: 'Actions', en: 'Actions' },
  notes: { fr: 'Notes', en: 'Notes' },
} satisfies Record<string, Message>;

export const OVERVIEW_HEADERS = {
  editor: { fr: 'Éditeur', en: 'Editor' },
  software: { fr: 'Logiciel', en: 'Software' },
  version: { fr: 'Version', en: 'Version' },
  useCases: { fr: "Cas d'usage", en: 'Use cases' },
  runs: { fr: 'Exécutions', en: 'Runs' },
  lastRun: { fr: 'Dernière exécution', en: 'Last run' },
  verdict: { fr: 'Avis', en: 'Verdict' },
  blocking: { fr: 'Bloquants', en: 'Blocking' },
  reserves: { fr: 'Réserves', en: 'Reserves' },
  openActions: { fr: 'Actions ouvertes', en: 'Open actions' },
  pv: { fr: 'N° de PV', en: 'PV id' },
  hash: { fr: 'Empreinte SHA-256', en: 'SHA-256 hash' },
  hashOf: { fr: 'Empreinte de', en: 'Hash of' },
  tool: { fr: 'sas-recette', en: 'sas-recette' },
  ig: { fr: 'IG', en: 'IG' },
  flags: { fr: 'Versions (signalement)', en: 'Versions (flag)' },
  runFile: { fr: 'Fichier de l’exécution', en: 'Run file' },
  comment: { fr: 'Commentaire', en: 'Comment' },
  key: { fr: 'Clé (ne pas modifier)', en: 'Key (do not edit)' },
} satisfies Record<string, Message>;

export const ACTION_HEADERS = {
  status: { fr: 'Statut', en: 'Status' },
  editor: { fr: 'Éditeur', en: 'Editor' },
  software: { fr: 'Logiciel', en: 'Software' },
  caseId: { fr: 'Cas', en: 'Case' },
  caseTitle: { fr: 'Intitulé du cas', en: 'Case title' },
  requirements: { fr: 'Exigence(s)', en: 'Requirement(s)' },
  ruleId: { fr: 'Règle', en: 'Rule id' },
  message: { fr: 'Constat', en: 'Finding' },
  firstSeen: { fr: 'Vu la première fois', en: 'First seen' },
  lastSeen: { fr: 'Vu la dernière fois', en: 'Last seen' },
  seenIn: { fr: 'Vu dans (exécutions)', en: 'Seen in (runs)' },
  owner: { fr: 'Responsable', en: 'Owner' },
  due: { fr: 'Échéance', en: 'Due date' },
  comment: { fr: 'Commentaire', en: 'Comment' },
  key: { fr: 'Clé (ne pas modifier)', en: 'Key (do not edit)' },
} satisfies Record<string, Message>;

export const NOTES_HEADER: Message = { fr: 'Note', en: 'Note' };

export const STATUS_WORDS: Record<ActionStatus, Message> = {
  open: { fr: 'ouverte', en: 'open' },
  unverified: { fr: 'non revérifiée', en: 'not re-checked' },
  fixed: { fr: 'corrigée', en: 'fixed' },
  absent: { fr: 'absente des exécutions lues', en: 'not in the runs read' },
};

export const VERDICT_WORDS: Record<RunSummary['overall'], Message> = {
  favorable: { fr: 'Favorable', en: 'Favourable' },
  'favorable-with-reserves': { fr: 'Favorable avec réserves', en: 'Favourable with reserves' },
  unfavorable: { fr: 'Défavorable', en: 'Unfavourable' },
};

export const HASH_WORDS: Record<HashSource, Message> = {
  'manifest.json': { fr: 'manifest.json (celle du PV)', en: 'manifest.json (the PV’s)' },
  'run.json': { fr: 'run.json (pas de manifeste)', en: 'run.json (no manifest)' },
};

export const NO_PV_INFO: Message = { fr: '(sans identification --pv-info)', en: '(no --pv-info identification)' };

/** The overview row kept from the previous workbook, in none of the runs read. */
export const ABSENT_OVERVIEW: Message = {
  fr: 'absent des exécutions lues (ligne annotée gardée)',
  en: 'not in the runs read (annotated row kept)',
};

export function word(m: Message, lang: Lang): string {
  return lang === 'en' ? m.en : m.fr;
}
