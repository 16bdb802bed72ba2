/**
 * Texts of the evidence excerpts (the lines around a failing element, the head of an unreadable
 * answer, the full answer behind a disclosure) and of the request URL shown in two forms, in French
 * and English. Spread into the PV's labels by i18n.ts.
 */

export interface EvidenceLabels {
  /** Caption of an excerpt: where in the answer it comes from. */
  excerptOf: (where: string, resource: string | undefined) => string;
  /** Before the rule ids whose elements are marked. */
  excerptRules: string;
  /** Note for locations whose element is absent from the answer. */
  excerptAbsent: string;
  /** A run of hidden lines inside an excerpt. */
  excerptGap: (lines: number) => string;
  /** How marked lines look, for readers of a black-and-white print. */
  excerptLegend: string;
  moreResources: (n: number) => string;
  /** Caption of the first lines of an answer that could not be read as FHIR JSON. */
  bodyHead: (lines: number) => string;
  /** Summary of the disclosure holding the full recorded answer. */
  fullBody: string;
  /** Before the request URL exactly as it was sent. */
  wireForm: string;
  /** Summary of the disclosure holding the body of a POST / PUT (a payload sent, or received by the SAS side). */
  requestBody: string;
}

export const evidenceFr: EvidenceLabels = {
  excerptOf: (where, resource) => `Extrait de la réponse — ${where}${resource ? ` (${resource})` : ''}`,
  excerptRules: 'règles en cause',
  excerptAbsent: 'élément absent de la réponse, son parent est marqué',
  excerptGap: (n) => `⋮ ${n} ligne${n > 1 ? 's' : ''}`,
  excerptLegend: 'lignes en cause marquées ▶',
  moreResources: (n) =>
    `… et ${n} autre${n > 1 ? 's' : ''} ressource${n > 1 ? 's' : ''} en cause — voir la réponse complète (version écran) et run.json.`,
  bodyHead: (n) => `Début de la réponse (${n} premières lignes)`,
  fullBody: 'Réponse complète',
  wireForm: 'forme exacte envoyée',
  requestBody: 'Corps de la requête',
};

export const evidenceEn: EvidenceLabels = {
  excerptOf: (where, resource) => `Response excerpt — ${where}${resource ? ` (${resource})` : ''}`,
  excerptRules: 'rules at fault',
  excerptAbsent: 'element absent from the response, its parent is marked',
  excerptGap: (n) => `⋮ ${n} line${n > 1 ? 's' : ''}`,
  excerptLegend: 'lines at fault marked ▶',
  moreResources: (n) => `… and ${n} more resource${n > 1 ? 's' : ''} at fault — see the full response (on screen) and run.json.`,
  bodyHead: (n) => `Start of the response (first ${n} lines)`,
  fullBody: 'Full response',
  wireForm: 'exact form sent',
  requestBody: 'Request body',
};
