/**
 * The JDDs a run would play, through the linter of `sas-recette jdd check` (src/cahier/jdd-lint.ts):
 * an error (schema, loader, identifier) blocks the run, a warning (a role the cahier needs left
 * unfilled, a check digit) leaves cases not applicable. The cahier is read first: a broken cahier
 * blocks too.
 */
import { statSync } from 'node:fs';
import { hasErrors, lintJdd } from '../cahier/jdd-lint.js';
import { defaultCahierDir, loadCahier } from '../cahier/load-cahier.js';
import type { TestCase } from '../cahier/types.js';
import { SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { NBSP } from '../core/typography.js';
import { formatLocated } from '../yaml/load-located-yaml.js';
import { blocking, notChecked, ok, warning, type DoctorCheck } from './checklist.js';
import type { DoctorInputs } from './inputs.js';

const G = 'jdd' as const;

export function checkJdds(inputs: DoctorInputs): DoctorCheck[] {
  let cases: TestCase[];
  try {
    cases = loadCahier(inputs.cahier.length > 0 ? inputs.cahier : defaultCahierDir());
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    return [blocking('jdd.cahier', G, err.problem, err.hint)];
  }
  if (inputs.jddFiles.length === 0)
    return [
      notChecked(
        'jdd.lint',
        G,
        { fr: `aucun JDD donné (cahier${NBSP}: ${cases.length} cas)`, en: `no JDD given (cahier: ${cases.length} cases)` },
        { fr: 'donner les JDD du run avec --jdd', en: "give the run's JDDs with --jdd" },
      ),
    ];
  return inputs.jddFiles.map((file) => checkJdd(file, cases));
}

function checkJdd(file: string, cases: readonly TestCase[]): DoctorCheck {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    // said below
  }
  if (!isFile)
    return blocking(
      'jdd.lint',
      G,
      { fr: `JDD introuvable ou pas un fichier${NBSP}: ${file}`, en: `JDD not found or not a file: ${file}` },
      {
        fr: "donner le chemin d'un fichier JDD (datasets/recette-psindiv.yaml…)",
        en: 'give the path of a JDD file (datasets/recette-psindiv.yaml…)',
      },
    );
  const lint = lintJdd(file, cases);
  const details: Message[] = lint.problems.map((p) => ({
    fr: `${p.severity === 'error' ? 'erreur' : 'avertissement'}${NBSP}: ${formatLocated(p, 'fr')}`,
    en: `${p.severity}: ${formatLocated(p, 'en')}`,
  }));
  for (const na of lint.notApplicable)
    details.push({ fr: `${na.caseId} non applicable — ${na.reason.fr}`, en: `${na.caseId} not applicable — ${na.reason.en}` });
  const errors = lint.problems.filter((p) => p.severity === 'error').length;
  const warnings = lint.problems.length - errors;
  const what = lint.jdd ? `${file} (${lint.jdd.id}, ${lint.jdd.useCase})` : file;
  const counts = {
    fr: `JDD ${what}${NBSP}: ${errors} erreur(s), ${warnings} avertissement(s)${NBSP}; ${lint.cases - lint.notApplicable.length} cas sur ${lint.cases} applicables`,
    en: `JDD ${what}: ${errors} error(s), ${warnings} warning(s); ${lint.cases - lint.notApplicable.length} of ${lint.cases} cases applicable`,
  };
  const fix = { fr: `détail et rôles${NBSP}: sas-recette jdd check ${file}`, en: `details and roles: sas-recette jdd check ${file}` };
  if (hasErrors(lint)) return blocking('jdd.lint', G, counts, fix, { details });
  if (warnings > 0 || lint.notApplicable.length > 0) return warning('jdd.lint', G, counts, fix, { details });
  return ok('jdd.lint', G, counts, { details });
}
