/**
 * The fixed texts of the PV VSR in French (default) and English. The words it shares with the
 * acceptance PV (identification rows, signature block, footer) come from src/report/html/i18n.ts.
 */
import type { Lang } from '../../core/findings.js';
import type { TransportOutcome } from '../../core/model.js';

export interface VsrLabels {
  /** ' :' in French (no-break space before the colon), ':' in English. */
  colon: string;
  title: string;
  subtitle: string;
  noVerdict: string;
  period: string;
  history: string;
  historyValue: (lines: number, size: string) => string;
  probesRow: string;
  interval: string;
  toolsProbed: string;
  certValidTo: string;
  command: string;
  summary: string;
  summaryCaption: string;
  availabilityOverall: string;
  availabilityExplain: string;
  probesAvailable: (available: number, probes: number) => string;
  latencyOverall: string;
  latencyExplain: string;
  over1s: string;
  over7s: string;
  unanswered: string;
  incidentsCount: string;
  incidentsTime: string;
  rulesCount: string;
  daysWithoutProbe: string;
  readingNotes: string;
  readingNotesIntro: (skipped: number) => string;
  readingNotesMore: (n: number) => string;
  line: string;
  reason: string;
  gaps: string;
  gapsIntro: string;
  gapFrom: string;
  gapTo: string;
  availabilityTitle: string;
  availabilityChartTitle: string;
  availabilityChartDesc: (worstDay: string, worst: string, noProbe: number) => string;
  availabilityCaption: string;
  legendFull: string;
  legendPartial: string;
  legendNone: string;
  day: string;
  probes: string;
  available: string;
  availability: string;
  failedProbes: string;
  noProbe: string;
  latencyTitle: string;
  latencyChartTitle: string;
  latencyChartDesc: (p95: string, over7: number) => string;
  latencyCaption: string;
  requests: string;
  target: string;
  timeout: string;
  incidentsTitle: string;
  incidentsIntro: string;
  noIncident: string;
  incidentsCaption: string;
  start: string;
  end: string;
  duration: string;
  cause: string;
  ongoing: string;
  recoveredAt: string;
  unavailableProbes: (n: number, of: number) => string;
  outcome: Record<TransportOutcome, string>;
  httpStatus: string;
  failingRules: string;
  evidence: string;
  regressionsTitle: string;
  regressionsIntro: string;
  noRegression: string;
  regressionsCaption: string;
  rule: string;
  firstSeen: string;
  lastSeen: string;
  daysCount: string;
  byDayCaption: string;
  signaturesIntro: string;
  generatedBy: (tool: string, first: string, last: string) => string;
  /** Console summary line parts. */
  console: { period: string; availability: string; p95: string; incidents: string; wrote: string; notes: (n: number) => string };
}

const fr: VsrLabels = {
  colon: '\u00a0:',
  title: 'Procès-verbal de vérification de service régulier (PV VSR)',
  subtitle: 'Surveillance après la mise en service — API FHIR de l’éditeur, agrégation de créneaux SAS',
  noVerdict:
    'Ce PV consigne des mesures. Il ne porte pas d’avis automatique\u00a0: les signataires apprécient la disponibilité, les délais et les incidents au regard des engagements de la VSR.',
  period: 'Période observée (heure de Paris)',
  history: 'Historique de surveillance',
  historyValue: (lines, size) => `${lines} lignes, ${size}`,
  probesRow: 'Sondes dans la période',
  interval: 'Intervalle habituel entre deux sondes',
  toolsProbed: 'Versions de sas-recette qui ont sondé',
  certValidTo: 'Fin de validité du certificat serveur (dernière sonde)',
  command: 'Commande',
  summary: 'Synthèse',
  summaryCaption: 'Chiffres de la période',
  availabilityOverall: 'Disponibilité sur la période',
  availabilityExplain: 'une sonde est disponible quand chacune de ses requêtes a reçu une réponse HTTP 2xx dans le délai',
  probesAvailable: (a, p) => `${a} sondes disponibles sur ${p}`,
  latencyOverall: 'Temps de réponse (p50 / p95 / p99)',
  latencyExplain: 'sur les requêtes qui ont reçu une réponse HTTP\u00a0; objectif 1 s, time-out du SAS 7 s',
  over1s: 'Réponses au-delà de l’objectif de 1 s',
  over7s: 'Réponses au-delà du time-out SAS de 7 s',
  unanswered: 'Requêtes sans réponse HTTP',
  incidentsCount: 'Incidents',
  incidentsTime: 'Durée cumulée des incidents',
  rulesCount: 'Règles de conformité en échec au moins une fois',
  daysWithoutProbe: 'Jours sans aucune sonde',
  readingNotes: 'Lecture de l’historique',
  readingNotesIntro: (n) =>
    `${n} ligne(s) de l’historique n’ont pas été retenues\u00a0; les chiffres de ce PV portent sur les seules sondes lues\u00a0:`,
  readingNotesMore: (n) => `et ${n} autre(s) ligne(s) non retenue(s).`,
  line: 'Ligne',
  reason: 'Motif',
  gaps: 'Interruptions de la surveillance',
  gapsIntro: 'Pendant ces intervalles, aucune sonde n’a été faite\u00a0: le service n’y a pas été observé.',
  gapFrom: 'Dernière sonde avant',
  gapTo: 'Première sonde après',
  availabilityTitle: 'Disponibilité par jour',
  availabilityChartTitle: 'Disponibilité par jour, en pourcentage des sondes',
  availabilityChartDesc: (d, w, n) =>
    `Diagramme en barres, un jour par barre. Jour le moins disponible\u00a0: ${d} (${w}).${n ? ` ${n} jour(s) sans sonde, marqués d’une croix.` : ''} Les valeurs sont dans le tableau qui suit.`,
  availabilityCaption: 'Disponibilité par jour (heure de Paris)',
  legendFull: 'barre grise\u00a0: 100\u00a0%',
  legendPartial: 'barre hachurée, valeur au-dessus\u00a0: moins de 100\u00a0%',
  legendNone: '×\u00a0: aucune sonde',
  day: 'Jour',
  probes: 'Sondes',
  available: 'Disponibles',
  availability: 'Disponibilité',
  failedProbes: 'Sondes en échec',
  noProbe: 'aucune sonde',
  latencyTitle: 'Temps de réponse par jour',
  latencyChartTitle: 'Temps de réponse par jour\u00a0: p50, p95 et p99, en secondes',
  latencyChartDesc: (p95, n) =>
    `Courbes des percentiles 50 (trait plein), 95 (tirets) et 99 (pointillés) par jour, avec les lignes de l’objectif de 1 s et du time-out SAS de 7 s. p95 sur la période\u00a0: ${p95}\u00a0; ${n} réponse(s) au-delà de 7 s. Les valeurs sont dans le tableau qui suit.`,
  latencyCaption: 'Temps de réponse par jour (requêtes ayant reçu une réponse HTTP)',
  requests: 'Requêtes',
  target: 'objectif 1 s',
  timeout: 'time-out SAS 7 s',
  incidentsTitle: 'Incidents',
  incidentsIntro:
    'Un incident est une suite de sondes consécutives en échec (service indisponible, ou réponse non conforme). Il commence à la première sonde en échec et finit à la première sonde de nouveau réussie.',
  noIncident: 'Aucun incident sur la période.',
  incidentsCaption: 'Incidents de la période',
  start: 'Début',
  end: 'Fin',
  duration: 'Durée',
  cause: 'Cause observée',
  ongoing: 'en cours à la fin de la période (dernière sonde)',
  recoveredAt: 'rétabli',
  unavailableProbes: (n, of) => `${of} sonde(s) en échec, dont ${n} sans réponse`,
  outcome: {
    ok: 'réponse HTTP',
    timeout: 'délai dépassé',
    refused: 'connexion refusée',
    reset: 'connexion réinitialisée',
    closed: 'connexion fermée avant la réponse',
    'tls-error': 'erreur TLS',
    'too-large': 'réponse trop volumineuse',
    dns: 'nom introuvable (DNS)',
    'bad-response': 'réponse HTTP inutilisable',
    other: 'requête impossible',
  },
  httpStatus: 'statut HTTP',
  failingRules: 'règles en échec',
  evidence: 'preuve',
  regressionsTitle: 'Régressions de conformité',
  regressionsIntro: 'Chaque règle de conformité qui a échoué dans au moins une sonde\u00a0: première et dernière apparition.',
  noRegression: 'Aucune règle de conformité en échec sur la période.',
  regressionsCaption: 'Règles en échec sur la période',
  rule: 'Règle',
  firstSeen: 'Première apparition',
  lastSeen: 'Dernière apparition',
  daysCount: 'Jours',
  byDayCaption: 'Règles en échec par jour',
  signaturesIntro: 'Les signataires attestent avoir pris connaissance du présent procès-verbal et des mesures qu’il consigne.',
  generatedBy: (tool, first, last) => `Établi par ${tool} pour la période du ${first} au ${last}.`,
  console: {
    period: 'Période',
    availability: 'Disponibilité',
    p95: 'p95',
    incidents: 'Incidents',
    wrote: 'écrit',
    notes: (n) => `${n} ligne(s) de l’historique non retenue(s) (voir le PV)`,
  },
};

const en: VsrLabels = {
  colon: ':',
  title: 'SAS regular-service verification report (PV VSR)',
  subtitle: 'Watch after go-live — editor FHIR API, SAS slot aggregation',
  noVerdict:
    'This report records measurements. It gives no automatic verdict: the signatories judge the availability, response times and incidents against the VSR commitments.',
  period: 'Period observed (Paris time)',
  history: 'Watch history',
  historyValue: (lines, size) => `${lines} lines, ${size}`,
  probesRow: 'Probes in the period',
  interval: 'Usual interval between two probes',
  toolsProbed: 'sas-recette versions that probed',
  certValidTo: 'Server certificate valid until (last probe)',
  command: 'Command',
  summary: 'Summary',
  summaryCaption: 'Figures of the period',
  availabilityOverall: 'Availability over the period',
  availabilityExplain: 'a probe is available when every one of its requests got a 2xx HTTP answer in time',
  probesAvailable: (a, p) => `${a} probes available out of ${p}`,
  latencyOverall: 'Response time (p50 / p95 / p99)',
  latencyExplain: 'over the requests that got an HTTP answer; target 1 s, SAS time-out 7 s',
  over1s: 'Answers slower than the 1 s target',
  over7s: 'Answers slower than the SAS 7 s time-out',
  unanswered: 'Requests without an HTTP answer',
  incidentsCount: 'Incidents',
  incidentsTime: 'Total incident time',
  rulesCount: 'Conformance rules failed at least once',
  daysWithoutProbe: 'Days without any probe',
  readingNotes: 'Reading the history',
  readingNotesIntro: (n) => `${n} line(s) of the history were not kept; the figures of this report are drawn from the probes read:`,
  readingNotesMore: (n) => `and ${n} more line(s) not kept.`,
  line: 'Line',
  reason: 'Reason',
  gaps: 'Breaks in the watch',
  gapsIntro: 'No probe was made during these intervals: the service was not observed then.',
  gapFrom: 'Last probe before',
  gapTo: 'First probe after',
  availabilityTitle: 'Availability per day',
  availabilityChartTitle: 'Availability per day, as a percentage of probes',
  availabilityChartDesc: (d, w, n) =>
    `Bar chart, one bar per day. Least available day: ${d} (${w}).${n ? ` ${n} day(s) without probe, marked with a cross.` : ''} The values are in the table below.`,
  availabilityCaption: 'Availability per day (Paris time)',
  legendFull: 'grey bar: 100%',
  legendPartial: 'hatched bar, value above: under 100%',
  legendNone: '×: no probe',
  day: 'Day',
  probes: 'Probes',
  available: 'Available',
  availability: 'Availability',
  failedProbes: 'Failed probes',
  noProbe: 'no probe',
  latencyTitle: 'Response time per day',
  latencyChartTitle: 'Response time per day: p50, p95 and p99, in seconds',
  latencyChartDesc: (p95, n) =>
    `Lines of the 50th (solid), 95th (dashed) and 99th (dotted) percentiles per day, with the lines of the 1 s target and the SAS 7 s time-out. p95 over the period: ${p95}; ${n} answer(s) slower than 7 s. The values are in the table below.`,
  latencyCaption: 'Response time per day (requests that got an HTTP answer)',
  requests: 'Requests',
  target: '1 s target',
  timeout: 'SAS 7 s time-out',
  incidentsTitle: 'Incidents',
  incidentsIntro:
    'An incident is a run of consecutive failed probes (service unavailable, or a non-conformant answer). It starts at the first failed probe and ends at the first probe that passed again.',
  noIncident: 'No incident in the period.',
  incidentsCaption: 'Incidents of the period',
  start: 'Start',
  end: 'End',
  duration: 'Duration',
  cause: 'Cause observed',
  ongoing: 'ongoing at the end of the period (last probe)',
  recoveredAt: 'recovered',
  unavailableProbes: (n, of) => `${of} failed probe(s), ${n} of them without an answer`,
  outcome: {
    ok: 'HTTP answer',
    timeout: 'timed out',
    refused: 'connection refused',
    reset: 'connection reset',
    closed: 'connection closed before the answer',
    'tls-error': 'TLS error',
    'too-large': 'answer too large',
    dns: 'name not found (DNS)',
    'bad-response': 'unusable HTTP answer',
    other: 'request impossible',
  },
  httpStatus: 'HTTP status',
  failingRules: 'failing rules',
  evidence: 'evidence',
  regressionsTitle: 'Conformance regressions',
  regressionsIntro: 'Each conformance rule that failed in at least one probe: when it first and last appeared.',
  noRegression: 'No conformance rule failed in the period.',
  regressionsCaption: 'Rules failing in the period',
  rule: 'Rule',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  daysCount: 'Days',
  byDayCaption: 'Failing rules per day',
  signaturesIntro: 'The signatories have read this report and the measurements it records.',
  generatedBy: (tool, first, last) => `Produced by ${tool} for the period from ${first} to ${last}.`,
  console: {
    period: 'Period',
    availability: 'Availability',
    p95: 'p95',
    incidents: 'Incidents',
    wrote: 'wrote',
    notes: (n) => `${n} line(s) of the history not kept (see the report)`,
  },
};

export function vsrLabelsFor(lang: Lang): VsrLabels {
  return lang === 'en' ? en : fr;
}
