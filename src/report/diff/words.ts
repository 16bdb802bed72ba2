/**
 * The words of the diff in each language, kept apart from the layouts (text.ts, html.ts) so both
 * languages read side by side. Verdict and overall words are the run console's and the PV's own
 * (console-words.ts, html/i18n.ts), so a case is named the same way in its run and in the diff.
 */
import type { Lang, Severity } from '../../core/findings.js';
import { NBSP } from '../../core/typography.js';
import { count } from '../console-words.js';
import type { CaseChange } from './types.js';

export interface DiffWords {
  title: string;
  oldRun: string;
  newRun: string;
  caveats: string;
  overall: string;
  /** Section heads, by change (the `same` head is only used in counts). */
  section: Record<CaseChange, string>;
  /** `2 régressions, 1 corrigé…`: the count of one change. */
  counted: (change: CaseChange, n: number) => string;
  result: string;
  noChange: string;
  /** A case only in the new run that fails: said, though not a regression. */
  addedFailing: string;
  latency: string;
  /** The console's latency head: the sample count is in brackets after the figures. */
  latencyConsole: string;
  latencyHead: { series: string; old: string; new: string; samples: string };
  allRequests: string;
  none: string;
  severity: Record<Severity, string>;
  finding: { added: string; removed: string; severity: string };
  /** Finding lines of a case beyond those printed. */
  moreFindings: (n: number) => string;
  exit: (regressions: number) => string;
}

const FR: DiffWords = {
  title: 'Comparaison de deux exécutions',
  oldRun: 'Ancienne',
  newRun: 'Nouvelle',
  caveats: 'À savoir avant de lire (exécutions pas strictement comparables)',
  overall: 'Avis global',
  section: {
    regression: 'Régressions',
    fixed: 'Corrigés',
    changed: 'Modifiés',
    same: 'Inchangés',
    added: 'Cas ajoutés',
    removed: 'Cas retirés',
  },
  counted: (change, n) =>
    ({
      regression: count(n, 'fr', 'régression', 'régressions'),
      fixed: count(n, 'fr', 'corrigé', 'corrigés'),
      changed: count(n, 'fr', 'modifié', 'modifiés'),
      same: count(n, 'fr', 'inchangé', 'inchangés'),
      added: count(n, 'fr', 'ajouté', 'ajoutés'),
      removed: count(n, 'fr', 'retiré', 'retirés'),
    })[change],
  result: 'Résultat',
  noChange: 'aucun changement de verdict ni de constat',
  addedFailing: 'nouveau cas, en échec (pas une régression)',
  latency: 'Latence (ms)',
  latencyConsole: 'Latence (ms\u00a0; échantillons entre parenthèses)',
  latencyHead: { series: 'série', old: 'ancienne p50 / p95 / p99 / max', new: 'nouvelle p50 / p95 / p99 / max', samples: 'échantillons' },
  allRequests: 'toutes les requêtes',
  none: '—',
  severity: { fatal: 'fatal', error: 'erreur', warning: 'avertissement', information: 'info' },
  finding: { added: 'nouveau', removed: 'disparu', severity: 'gravité changée' },
  moreFindings: (n) => `… et ${count(n, 'fr', 'autre constat', 'autres constats')} (tout est dans --format json)`,
  exit: (n) => (n > 0 ? `code de sortie 1${NBSP}: ${count(n, 'fr', 'régression', 'régressions')}` : 'code de sortie 0'),
};

const EN: DiffWords = {
  title: 'Comparison of two runs',
  oldRun: 'Old',
  newRun: 'New',
  caveats: 'Read first (the runs are not strictly comparable)',
  overall: 'Overall verdict',
  section: {
    regression: 'Regressions',
    fixed: 'Fixed',
    changed: 'Changed',
    same: 'Unchanged',
    added: 'Cases added',
    removed: 'Cases removed',
  },
  counted: (change, n) =>
    ({
      regression: count(n, 'en', 'regression', 'regressions'),
      fixed: `${n} fixed`,
      changed: `${n} changed`,
      same: `${n} unchanged`,
      added: `${n} added`,
      removed: `${n} removed`,
    })[change],
  result: 'Result',
  noChange: 'no verdict or finding changed',
  addedFailing: 'new case, failing (not a regression)',
  latency: 'Latency (ms)',
  latencyConsole: 'Latency (ms; samples in brackets)',
  latencyHead: { series: 'series', old: 'old p50 / p95 / p99 / max', new: 'new p50 / p95 / p99 / max', samples: 'samples' },
  allRequests: 'all requests',
  none: '—',
  severity: { fatal: 'fatal', error: 'error', warning: 'warning', information: 'info' },
  finding: { added: 'new', removed: 'gone', severity: 'severity changed' },
  moreFindings: (n) => `… and ${count(n, 'en', 'other finding', 'other findings')} (all in --format json)`,
  exit: (n) => (n > 0 ? `exit code 1: ${count(n, 'en', 'regression', 'regressions')}` : 'exit code 0'),
};

export function diffWords(lang: Lang): DiffWords {
  return lang === 'en' ? EN : FR;
}
