/** Every fixed text of the PV in French (default) and English. */
import type { Lang, Severity } from '../../core/findings.js';
import type { CaseSeverity, Declaration, RequirementCoverage, ReserveKind, RunSummary, Verdict } from '../../core/model.js';
import type { CaseState, InvalidCause } from '../case-view.js';
import { condensedEn, condensedFr, type CondensedLabels } from './i18n-condensed.js';
import { evidenceEn, evidenceFr, type EvidenceLabels } from './i18n-evidence.js';
import { summaryEn, summaryFr, type SummaryLabels } from './i18n-summary.js';

export interface Labels extends CondensedLabels, EvidenceLabels, SummaryLabels {
  /** ' :' in French (no-break space before the colon), ':' in English. */
  colon: string;
  title: string;
  subtitle: string;
  draft: string;
  pvNumber: string;
  runId: string;
  identification: string;
  identificationCaption: string;
  sut: string;
  editor: string;
  software: string;
  softwareVersion: string;
  deployment: string;
  endpoint: string;
  useCases: string;
  igVersion: string;
  igNone: string;
  packages: string;
  toolVersion: string;
  startedParis: string;
  startedUtc: string;
  finishedParis: string;
  clock: string;
  operator: string;
  reviewer: string;
  runtime: string;
  cahier: string;
  jdd: string;
  command: string;
  notProvided: string;
  summary: string;
  overallLabel: string;
  overall: Record<RunSummary['overall'], string>;
  /** Counts in words; `withReserves` = passed cases that passed with reserves. */
  overallExplain: (s: RunSummary, withReserves: number) => string;
  modeLabel: string;
  mode: Record<RunSummary['mode'], string>;
  modeExplain: Record<RunSummary['mode'], string>;
  /** "Non valable pour une recette (vérification TLS désactivée)". */
  notValid: (causes: InvalidCause[]) => string;
  notValidExplain: string;
  blocking: string;
  noBlocking: string;
  reserveKind: Record<ReserveKind, string>;
  seenIn: string;
  caseReserves: string;
  /** "cas" / "cases", after a count. */
  casesWord: string;
  byGroupCaption: string;
  group: string;
  total: string;
  passRate: string;
  passRateNote: string;
  allGroups: string;
  reserves: string;
  noReserves: string;
  waivers: string;
  waiversIntro: string;
  waiverCases: string;
  setupNotes: string;
  matrix: string;
  matrixCaption: string;
  requirement: string;
  requirementText: string;
  testCases: string;
  status: string;
  coverage: Record<RequirementCoverage['status'], string>;
  noRequirements: string;
  caseNotInRun: string;
  cases: string;
  verdict: Record<Verdict, string>;
  /** Verdict words with "passed with reserves" apart (badges). */
  state: Record<CaseState, string>;
  severity: Record<Severity, string>;
  severityLabel: string;
  caseSeverity: Record<CaseSeverity, string>;
  requirementsShort: string;
  duration: string;
  declaredAt: string;
  reason: string;
  findings: string;
  noFindings: string;
  findingsOf: (resource: string) => string;
  wholeResponse: string;
  rule: string;
  location: string;
  message: string;
  notChecked: string;
  evidence: string;
  exchangeDetails: string;
  request: string;
  response: string;
  body: string;
  bodyInfo: (bytes: number, truncatedAtSource: boolean, cutHere: boolean) => string;
  noResponse: string;
  tls: string;
  latency: string;
  latencyCaption: string;
  measure: string;
  identifiers: string;
  concurrency: string;
  samples: string;
  budget: (ms: number) => string;
  target: (ms: number) => string;
  within: string;
  over: string;
  reached: string;
  missed: string;
  official: string;
  officialNote: string;
  officialNoteGates: string;
  declarations: string;
  declarationsNote: string;
  declarationsCaption: string;
  question: string;
  answer: Record<Declaration['answer'], string>;
  answerLabel: string;
  comment: string;
  declaredBy: string;
  date: string;
  noDeclarations: string;
  attestations: string;
  attestationsNote: string;
  attestationsCaption: string;
  attestationCheck: string;
  attestationHow: string;
  attestationFinding: string;
  attestationChoices: string;
  attestationVisa: string;
  signatures: string;
  signaturesIntro: string;
  forAns: string;
  forEditor: (editor: string | undefined) => string;
  name: string;
  role: string;
  signature: string;
  readApproved: string;
  footerHash: string;
  footerHashHow: string;
  generatedBy: (tool: string, when: string) => string;
  useCaseName: (u: string) => string;
  groupName: (g: string) => string;
}

const USE_CASES_FR: Record<string, string> = { psindiv: 'PS individuel', cpts: 'CPTS', sos: 'SOS Médecins', all: 'tous' };
const USE_CASES_EN: Record<string, string> = { psindiv: 'individual practitioner', cpts: 'CPTS', sos: 'SOS Médecins', all: 'all' };
const GROUPS_FR: Record<string, string> = {
  psindiv: 'PS individuel (psindiv)',
  cpts: 'CPTS (cpts)',
  sos: 'SOS Médecins (sos)',
  transport: 'Transport — TLS et mTLS (transport)',
  capability: 'CapabilityStatement (capability)',
  errors: 'Requêtes invalides — refus 4xx/5xx + OperationOutcome (errors)',
};
const GROUPS_EN: Record<string, string> = {
  psindiv: 'Individual practitioner (psindiv)',
  cpts: 'CPTS (cpts)',
  sos: 'SOS Médecins (sos)',
  transport: 'Transport — TLS and mTLS (transport)',
  capability: 'CapabilityStatement (capability)',
  errors: 'Invalid requests — refused with 4xx/5xx + OperationOutcome (errors)',
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

const fr: Labels = {
  ...condensedFr,
  ...evidenceFr,
  ...summaryFr,
  colon: '\u00a0:',
  title: 'Procès-verbal de recette SAS',
  subtitle: 'Agrégation de créneaux — API FHIR de l’éditeur',
  draft: 'Projet — à signer',
  pvNumber: 'N° de PV',
  runId: 'Identifiant d’exécution',
  identification: 'Identification',
  identificationCaption: 'Système testé, référentiels et conditions d’exécution',
  sut: 'Système testé',
  editor: 'Éditeur',
  software: 'Logiciel',
  softwareVersion: 'Version du logiciel',
  deployment: 'Environnement de l’éditeur',
  endpoint: 'Point d’accès (URL de base)',
  useCases: 'Cas d’usage',
  igVersion: 'Guide d’implémentation (IG)',
  igNone: 'aucun IG chargé',
  packages: 'Paquets FHIR chargés',
  toolVersion: 'Version de sas-recette',
  startedParis: 'Début (heure de Paris)',
  startedUtc: 'Début (UTC)',
  finishedParis: 'Fin (heure de Paris)',
  clock: 'Horloge de référence des contrôles',
  operator: 'Exécuté par',
  reviewer: 'Relu par',
  runtime: 'Environnement d’exécution',
  cahier: 'Cahier de recette',
  jdd: 'Jeu de données (JDD)',
  command: 'Commande',
  notProvided: 'non renseigné',
  summary: 'Synthèse',
  overallLabel: 'Avis',
  overall: { favorable: 'Favorable', 'favorable-with-reserves': 'Favorable avec réserves', unfavorable: 'Défavorable' },
  overallExplain: (s, wr) =>
    `${plural(s.total, 'cas', 'cas')}\u00a0: ${plural(s.passed, 'réussi', 'réussis')}${wr ? ` (dont ${wr} avec réserves)` : ''}, ${plural(s.failed, 'en échec', 'en échec')}, ` +
    `${plural(s.error, 'en erreur', 'en erreur')}, ${plural(s.skipped, 'non exécuté', 'non exécutés')}, ${plural(s['not-applicable'] ?? 0, 'non applicable', 'non applicables')}\u00a0; ` +
    `${plural(s.reserves.length, 'réserve', 'réserves')}.`,
  modeLabel: 'Mode de l’exécution',
  mode: { standard: 'standard', strict: 'strict (--strict)' },
  modeExplain: {
    standard: 'les réserves sont portées au PV sans faire échouer l’exécution.',
    strict: 'mode de la recette officielle : toute réserve fait échouer l’exécution (code de sortie 1).',
  },
  notValid: (causes) =>
    `Non valable pour une recette${causes.length ? ` (${causes.map((k) => ({ insecure: 'vérification TLS désactivée', 'nothing-judged': 'aucun cas jugé' })[k]).join(', ')})` : ''}`,
  notValidExplain: 'Cette exécution ne peut pas fonder un avis de recette, quel que soit le résultat des cas.',
  blocking: 'Non-conformités bloquantes',
  noBlocking: 'Aucune non-conformité bloquante.',
  reserveKind: {
    insecure: 'Vérification TLS désactivée (--insecure)',
    'nothing-judged': 'Aucun cas jugé',
    'failed-minor': 'Cas mineurs en échec ou en erreur',
    skipped: 'Cas obligatoires non exécutés',
    'not-applicable': 'Cas obligatoires non applicables',
    'not-checked': 'Éléments non vérifiés',
    'untested-requirement': 'Exigences non testées',
  },
  seenIn: 'Rencontré dans',
  casesWord: 'cas',
  caseReserves: 'Réserves — parties non vérifiées',
  byGroupCaption: 'Résultats par cas d’usage et groupe',
  group: 'Groupe',
  total: 'Total',
  passRate: 'Taux de réussite',
  passRateNote: 'Taux de réussite = réussis / cas jugés (total − non exécutés − non applicables).',
  allGroups: 'Ensemble',
  reserves: 'Réserves',
  noReserves: 'Aucune réserve.',
  waivers: 'Dérogations de sévérité appliquées',
  waiversIntro:
    "La sévérité d'un constat suit la force de son exigence (DOIT → erreur, DEVRAIT → avertissement). Ces écarts, consignés dans le catalogue des exigences avec leur raison et leur source, ont décidé des constats de cette recette :",
  waiverCases: 'cas concernés',
  setupNotes: 'Remarques sur l’exécution',
  matrix: 'Matrice des exigences',
  matrixCaption: 'Exigences, cas de test qui les vérifient et statut',
  requirement: 'Exigence',
  requirementText: 'Libellé',
  testCases: 'Cas de test',
  status: 'Statut',
  coverage: { passed: 'Satisfaite', failed: 'Non satisfaite', 'not-tested': 'Non testée', declared: 'Déclarée (déclaratif)' },
  noRequirements: 'Aucune exigence référencée par ce cahier.',
  caseNotInRun: 'absent de l’exécution',
  cases: 'Détail des cas de test',
  verdict: { passed: 'Réussi', failed: 'Échec', skipped: 'Non exécuté', 'not-applicable': 'Non applicable', error: 'Erreur' },
  state: {
    passed: 'Réussi',
    'passed-with-reserves': 'Réussi avec réserves',
    failed: 'Échec',
    skipped: 'Non exécuté',
    'not-applicable': 'Non applicable',
    error: 'Erreur',
  },
  severity: { fatal: 'Fatal', error: 'Erreur', warning: 'Avertissement', information: 'Information' },
  severityLabel: 'Gravité',
  caseSeverity: { blocking: 'bloquant', minor: 'mineur' },
  requirementsShort: 'Exigences',
  duration: 'Durée',
  declaredAt: 'Défini dans',
  reason: 'Motif',
  findings: 'Constats',
  noFindings: 'Aucun constat.',
  findingsOf: (r) => `Constats sur ${r}`,
  wholeResponse: 'la réponse',
  rule: 'Règle',
  location: 'Emplacement',
  message: 'Message',
  notChecked: 'non vérifié',
  evidence: 'Preuves',
  exchangeDetails: 'Détail de l’échange',
  request: 'Requête',
  response: 'Réponse',
  body: 'Corps de la réponse (extrait)',
  bodyInfo: (bytes, atSource, cut) =>
    `${bytes} octets reçus${atSource ? ', tronqué à l’enregistrement' : ''}${cut ? ', extrait affiché ici' : ''}`,
  noResponse: 'Pas de réponse HTTP',
  tls: 'TLS',
  latency: 'Latence',
  latencyCaption: 'Temps de réponse mesurés (budget SAS et cible)',
  measure: 'Mesure',
  identifiers: 'Identifiants',
  concurrency: 'Concurrence',
  samples: 'Échantillons',
  budget: (ms) => `Budget ${ms / 1000} s (max)`,
  target: (ms) => `Cible ${ms / 1000} s (p50)`,
  within: 'respecté',
  over: 'dépassé',
  reached: 'atteinte',
  missed: 'non atteinte',
  official: 'Constats du validateur officiel HL7',
  officialNote:
    'Constats produits par le validateur officiel HL7, présentés séparément à titre de comparaison : ils ne décident pas du verdict des cas.',
  officialNoteGates:
    'Constats produits par le validateur officiel HL7, présentés séparément. Cette exécution a été lancée avec --official-validator-gates : ses erreurs font aussi échouer les cas.',
  declarations: 'Déclarations de l’éditeur',
  declarationsNote: 'Éléments déclaratifs : ils engagent l’éditeur qui les a fournis et ne sont pas des tests exécutés par l’outil.',
  declarationsCaption: 'Déclarations (déclaratif, non testé)',
  question: 'Question',
  answer: { yes: 'Oui', no: 'Non', partial: 'Partiellement', 'n/a': 'Sans objet' },
  answerLabel: 'Réponse déclarée',
  comment: 'Commentaire',
  declaredBy: 'Déclaré par',
  date: 'Date',
  noDeclarations: 'Aucune déclaration fournie.',
  attestations: 'Vérifications manuelles du relecteur',
  attestationsNote:
    'L’outil ne peut pas faire ces vérifications (elles demandent une session ouverte sur le SAS)\u00a0: le relecteur les fait pendant la séance et consigne ici ce qu’il a constaté. Tant qu’elles ne sont pas attestées, les cas restent « ignorés » et comptent parmi les réserves.',
  attestationsCaption: 'À faire pendant la séance, à la main',
  attestationCheck: 'Vérification',
  attestationHow: 'Quoi ouvrir, quoi constater',
  attestationFinding: 'Constat',
  attestationChoices: '☐ conforme ☐ non conforme',
  attestationVisa: 'Visa du relecteur',
  signatures: 'Approbation',
  signaturesIntro: 'Les signataires attestent avoir pris connaissance du présent procès-verbal, de son avis et de ses réserves.',
  forAns: 'Pour l’ANS',
  forEditor: (e) => (e ? `Pour l’éditeur (${e})` : 'Pour l’éditeur'),
  name: 'Nom',
  role: 'Fonction',
  signature: 'Signature',
  readApproved: 'Mention manuscrite « Lu et approuvé »',
  footerHash: 'Empreinte SHA-256 du PV',
  footerHashHow: 'calculée sur ce fichier HTML, cette empreinte remplacée par 64 zéros',
  generatedBy: (tool, when) => `Établi par ${tool} pour l’exécution terminée le ${when}.`,
  useCaseName: (u) => USE_CASES_FR[u] ?? u,
  groupName: (g) => GROUPS_FR[g] ?? g,
};

const en: Labels = {
  ...condensedEn,
  ...evidenceEn,
  ...summaryEn,
  colon: ':',
  title: 'SAS acceptance report (procès-verbal de recette)',
  subtitle: 'Slot aggregation — editor FHIR API',
  draft: 'Draft — to be signed',
  pvNumber: 'Report number',
  runId: 'Run id',
  identification: 'Identification',
  identificationCaption: 'System under test, test basis and run conditions',
  sut: 'System under test',
  editor: 'Editor',
  software: 'Software',
  softwareVersion: 'Software version',
  deployment: 'Editor environment',
  endpoint: 'Endpoint (base URL)',
  useCases: 'Use cases',
  igVersion: 'Implementation guide (IG)',
  igNone: 'no IG loaded',
  packages: 'FHIR packages loaded',
  toolVersion: 'sas-recette version',
  startedParis: 'Started (Paris time)',
  startedUtc: 'Started (UTC)',
  finishedParis: 'Finished (Paris time)',
  clock: 'Reference clock of the checks',
  operator: 'Run by',
  reviewer: 'Reviewed by',
  runtime: 'Runtime environment',
  cahier: 'Test plan (cahier de recette)',
  jdd: 'Dataset (JDD)',
  command: 'Command',
  notProvided: 'not provided',
  summary: 'Summary',
  overallLabel: 'Verdict',
  overall: { favorable: 'Favourable', 'favorable-with-reserves': 'Favourable with reserves', unfavorable: 'Unfavourable' },
  overallExplain: (s, wr) =>
    `${plural(s.total, 'case', 'cases')}: ${s.passed} passed${wr ? ` (${wr} with reserves)` : ''}, ${s.failed} failed, ${s.error} in error, ${s.skipped} skipped, ` +
    `${s['not-applicable'] ?? 0} not applicable; ${plural(s.reserves.length, 'reserve', 'reserves')}.`,
  modeLabel: 'Run mode',
  mode: { standard: 'standard', strict: 'strict (--strict)' },
  modeExplain: {
    standard: 'reserves are recorded in the report without failing the run.',
    strict: 'the official acceptance mode: any reserve fails the run (exit code 1).',
  },
  notValid: (causes) =>
    `Not valid for acceptance${causes.length ? ` (${causes.map((k) => ({ insecure: 'TLS verification off', 'nothing-judged': 'no case judged' })[k]).join(', ')})` : ''}`,
  notValidExplain: 'This run cannot support an acceptance verdict, whatever the results of its cases.',
  blocking: 'Blocking non-conformities',
  noBlocking: 'No blocking non-conformity.',
  reserveKind: {
    insecure: 'TLS verification off (--insecure)',
    'nothing-judged': 'No case judged',
    'failed-minor': 'Minor cases failed or in error',
    skipped: 'Mandatory cases skipped',
    'not-applicable': 'Mandatory cases not applicable',
    'not-checked': 'Elements not checked',
    'untested-requirement': 'Untested requirements',
  },
  seenIn: 'Met in',
  casesWord: 'cases',
  caseReserves: 'Reserves — parts not checked',
  byGroupCaption: 'Results per use case and group',
  group: 'Group',
  total: 'Total',
  passRate: 'Pass rate',
  passRateNote: 'Pass rate = passed / judged cases (total − skipped − not applicable).',
  allGroups: 'All',
  reserves: 'Reserves',
  noReserves: 'No reserves.',
  waivers: 'Severity waivers applied',
  waiversIntro:
    "A finding's severity follows the strength of its requirement (SHALL → error, SHOULD → warning). These departures, recorded in the requirements catalogue with their reason and source, decided findings of this run:",
  waiverCases: 'cases concerned',
  setupNotes: 'Notes about the run',
  matrix: 'Requirements matrix',
  matrixCaption: 'Requirements, the test cases verifying them and status',
  requirement: 'Requirement',
  requirementText: 'Text',
  testCases: 'Test cases',
  status: 'Status',
  coverage: { passed: 'Met', failed: 'Not met', 'not-tested': 'Not tested', declared: 'Declared (attestation)' },
  noRequirements: 'No requirement referenced by this test plan.',
  caseNotInRun: 'not in this run',
  cases: 'Test cases in detail',
  verdict: { passed: 'Passed', failed: 'Failed', skipped: 'Skipped', 'not-applicable': 'Not applicable', error: 'Error' },
  state: {
    passed: 'Passed',
    'passed-with-reserves': 'Passed with reserves',
    failed: 'Failed',
    skipped: 'Skipped',
    'not-applicable': 'Not applicable',
    error: 'Error',
  },
  severity: { fatal: 'Fatal', error: 'Error', warning: 'Warning', information: 'Information' },
  severityLabel: 'Severity',
  caseSeverity: { blocking: 'blocking', minor: 'minor' },
  requirementsShort: 'Requirements',
  duration: 'Duration',
  declaredAt: 'Defined in',
  reason: 'Reason',
  findings: 'Findings',
  noFindings: 'No findings.',
  findingsOf: (r) => `Findings on ${r}`,
  wholeResponse: 'the response',
  rule: 'Rule',
  location: 'Location',
  message: 'Message',
  notChecked: 'not checked',
  evidence: 'Evidence',
  exchangeDetails: 'Exchange details',
  request: 'Request',
  response: 'Response',
  body: 'Response body (excerpt)',
  bodyInfo: (bytes, atSource, cut) =>
    `${bytes} bytes received${atSource ? ', truncated when recorded' : ''}${cut ? ', excerpt shown here' : ''}`,
  noResponse: 'No HTTP response',
  tls: 'TLS',
  latency: 'Latency',
  latencyCaption: 'Measured response times (SAS budget and target)',
  measure: 'Measure',
  identifiers: 'Identifiers',
  concurrency: 'Concurrency',
  samples: 'Samples',
  budget: (ms) => `Budget ${ms / 1000} s (max)`,
  target: (ms) => `Target ${ms / 1000} s (p50)`,
  within: 'within',
  over: 'exceeded',
  reached: 'met',
  missed: 'missed',
  official: 'Official HL7 validator findings',
  officialNote: 'Findings of the official HL7 validator, shown apart for comparison: they do not decide the verdict of the cases.',
  officialNoteGates:
    'Findings of the official HL7 validator, shown apart. This run used --official-validator-gates: its errors also fail the cases.',
  declarations: 'Editor declarations',
  declarationsNote: 'Attestations: they bind the editor who gave them and are not tests run by the tool.',
  declarationsCaption: 'Declarations (attested, not tested)',
  question: 'Question',
  answer: { yes: 'Yes', no: 'No', partial: 'Partly', 'n/a': 'Not applicable' },
  answerLabel: 'Declared answer',
  comment: 'Comment',
  declaredBy: 'Declared by',
  date: 'Date',
  noDeclarations: 'No declarations provided.',
  attestations: 'Manual checks by the reviewer',
  attestationsNote:
    'The tool cannot make these checks (they need a session open on SAS): the reviewer makes them during the session and records here what was seen. Until they are attested, the cases stay skipped and count among the reserves.',
  attestationsCaption: 'To do by hand during the session',
  attestationCheck: 'Check',
  attestationHow: 'What to open, what to see',
  attestationFinding: 'Finding',
  attestationChoices: '☐ conform ☐ not conform',
  attestationVisa: 'Reviewer’s initials',
  signatures: 'Approval',
  signaturesIntro: 'The signatories have read this acceptance report, its verdict and its reserves.',
  forAns: 'For ANS',
  forEditor: (e) => (e ? `For the editor (${e})` : 'For the editor'),
  name: 'Name',
  role: 'Role',
  signature: 'Signature',
  readApproved: 'Handwritten “Lu et approuvé” (read and approved)',
  footerHash: 'SHA-256 of this report',
  footerHashHow: 'computed over this HTML file with this hash replaced by 64 zeros',
  generatedBy: (tool, when) => `Produced by ${tool} for the run finished on ${when}.`,
  useCaseName: (u) => USE_CASES_EN[u] ?? u,
  groupName: (g) => GROUPS_EN[g] ?? g,
};

export function labelsFor(lang: Lang): Labels {
  return lang === 'en' ? en : fr;
}
