/**
 * Everything a run reads before the first request (I/O at the edge): the JDDs, the cahier de recette
 * (checked against the requirement catalogue; its roles are matched to JDD entries case by case, when
 * each runs), the selection, and the FHIR packages for structural validation. Unusable input is a SetupError (exit 2) naming the file, line and field;
 * missing FHIR packages only mean "structure not checked".
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SetupError } from '../core/errors.js';
import type { Finding, Message } from '../core/findings.js';
import { cahierFiles, defaultCahierDir, loadCahier } from '../cahier/load-cahier.js';
import type { TestCase } from '../cahier/types.js';
import { defaultPackageSources, definitionsCacheDir, loadDefinitions } from '../fhir/packages/index.js';
import type { DefinitionIndex } from '../fhir/packages/types.js';
import { loadJdd } from '../jdd/load-jdd.js';
import type { Jdd } from '../jdd/types.js';
import { loadCatalogue } from '../requirements/load-requirements.js';
import type { CaseKind } from '../cahier/kinds.js';
import { planRun, type Plan, type Selection } from './plan.js';
import { USE_CASES, type UseCase } from '../core/model.js';
import type { RequirementText, WaiverText } from './summary.js';

export interface PrepareOptions {
  jddFiles: string[];
  /** Folders or files; default: the shipped testcases/. */
  cahier?: string[];
  /** --use-case; default: every use case a JDD was given for. */
  useCases?: UseCase[];
  selection: Omit<Selection, 'useCases'>;
  kinds: readonly CaseKind[];
  /** Requirement catalogue file (default: the shipped requirements/requirements.yaml). */
  requirementsFile?: string;
}

export interface PreparedRun {
  jdds: Jdd[];
  jddFor(useCase: UseCase): Jdd | undefined;
  /** The whole cahier (for --list of what was not selected) and the plan. */
  cases: TestCase[];
  plan: Plan;
  useCases: UseCase[];
  cahierFiles: string[];
  jddFiles: string[];
  /** sha256 over the files' names and contents, for the PV. */
  cahierSha256: string;
  jddSha256: string;
  /** The catalogue's requirements that concern the run's use cases (the PV's coverage rows). */
  requirements: RequirementText[];
  /** The catalogue's severity waivers that concern the run's use cases. */
  waivers: WaiverText[];
}

export function sha256OfFiles(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort()) {
    h.update(`${f}\n`);
    h.update(readFileSync(f));
  }
  return h.digest('hex');
}

export function prepareRun(o: PrepareOptions): PreparedRun {
  if (o.jddFiles.length === 0)
    throw new SetupError(
      { fr: 'aucun JDD indiqué', en: 'no JDD given' },
      {
        fr: 'passer --jdd FILE (un par cas d’usage\u00a0: datasets/recette-psindiv.yaml…)',
        en: 'pass --jdd FILE (one per use case: datasets/recette-psindiv.yaml…)',
      },
    );
  const jdds = o.jddFiles.map((f) => loadJdd(f));
  const byUseCase = new Map<UseCase, Jdd>();
  for (const jdd of jdds) {
    const previous = byUseCase.get(jdd.useCase);
    if (previous)
      throw new SetupError(
        {
          fr: `deux JDD pour le cas d’usage ${jdd.useCase}\u00a0: ${previous.file} et ${jdd.file}`,
          en: `two JDDs for use case ${jdd.useCase}: ${previous.file} and ${jdd.file}`,
        },
        { fr: 'donner un seul JDD par cas d’usage', en: 'give one JDD per use case' },
      );
    byUseCase.set(jdd.useCase, jdd);
  }
  const jddFor = (u: UseCase) => byUseCase.get(u);
  const missing = (o.useCases ?? []).filter((u) => !byUseCase.has(u));
  if (missing.length > 0) {
    const covered = [...byUseCase.keys()].join(', ');
    throw new SetupError(
      { fr: `aucun JDD pour le cas d’usage ${missing.join(', ')}`, en: `no JDD for use case ${missing.join(', ')}` },
      {
        fr: `passer un JDD de ce cas d’usage avec --jdd (les JDD donnés couvrent\u00a0: ${covered})`,
        en: `pass a JDD of that use case with --jdd (the JDDs given cover: ${covered})`,
      },
    );
  }
  const useCases = USE_CASES.filter((u) => byUseCase.has(u) && (!o.useCases || o.useCases.length === 0 || o.useCases.includes(u)));

  const paths = o.cahier && o.cahier.length > 0 ? o.cahier : [defaultCahierDir()];
  const files = cahierFiles(paths);
  const { requirements: catalogue, waivers } = loadCatalogue(o.requirementsFile);
  const requirementIds = new Set(catalogue.map((r) => r.id));
  const cases = loadCahier(files, { kinds: o.kinds.map((k) => ({ kind: k.kind, paramsSchema: k.paramsSchema })), requirementIds });
  // JDD entries are resolved per case when it runs: a role the JDD cannot fill, or an unknown JDD key,
  // makes that case not-applicable with its reason (src/cahier/jdd-refs.ts), never a load error.

  const plan = planRun(cases, { ...o.selection, useCases });
  if (plan.unknownIds.length > 0) {
    const ids = plan.unknownIds.join(', ');
    throw new SetupError(
      { fr: `aucun cas de test d’identifiant ${ids}`, en: `no test case with id ${ids}` },
      { fr: 'lister les cas de test avec --list', en: 'list the test cases with --list' },
    );
  }
  if (plan.selected.length === 0) {
    const n = cases.length;
    throw new SetupError(
      {
        fr: `aucun cas de test sélectionné (cas d’usage\u00a0: ${useCases.join(', ')}\u00a0; ${n} cas dans le cahier)`,
        en: `no test case selected (use cases: ${useCases.join(', ')}; ${n} case(s) in the cahier)`,
      },
      {
        fr: 'vérifier --use-case, --grep, --tag et --only, ou lister les cas avec --list',
        en: 'check --use-case, --grep, --tag and --only, or list the cases with --list',
      },
    );
  }
  return {
    jdds,
    jddFor,
    cases,
    plan,
    useCases,
    cahierFiles: files,
    jddFiles: jdds.map((j) => j.file ?? ''),
    cahierSha256: sha256OfFiles(files),
    jddSha256: sha256OfFiles(jdds.map((j) => j.file ?? '').filter(Boolean)),
    requirements: catalogue
      .filter((r) => r.useCases.some((u) => useCases.includes(u)))
      .map((r) => ({ id: r.id, text: r.text, testability: r.testability })),
    waivers: waivers.filter((w) => !w.useCases || w.useCases.some((u) => useCases.includes(u))),
  };
}

export interface StructureSetup {
  index?: DefinitionIndex;
  packages: string[];
  ig: { id: string; version: string } | null;
  notes: Message[];
}

/**
 * Loads the IG for structural validation. Explicit --packages that do not hold it → SetupError; the
 * default places (SAS_RECETTE_PACKAGES, the FHIR cache) not holding it → a note, and the run goes on.
 */
export async function loadStructure(o: { ig: string; packages?: string[]; env: NodeJS.ProcessEnv }): Promise<StructureSetup> {
  const explicit = o.packages && o.packages.length > 0;
  const sources = explicit ? (o.packages as string[]) : defaultPackageSources(o.env);
  try {
    const { index, warnings } = await loadDefinitions({ sources, ig: o.ig, cache: definitionsCacheDir(o.env) ?? false });
    return {
      index,
      packages: index.packages.map((p) => `${p.id}#${p.version}`),
      ig: index.ig ? { id: index.ig.id, version: index.ig.version } : null,
      notes: warnings,
    };
  } catch (err) {
    if (explicit || !(err instanceof SetupError)) throw err;
    return { packages: [], ig: null, notes: [packagesMissingNote(o.ig, sources)] };
  }
}

export function packagesMissingNote(ig: string, sources: string[]): Message {
  const where = sources.join(', ');
  return {
    fr:
      `Validation structurelle NON FAITE : paquet FHIR ${ig} introuvable (cherché dans : ${where}). ` +
      `Les règles SAS sont contrôlées. Pour l'obtenir : sas-recette ig install ${ig} --from FICHIER.tgz, ` +
      'ou SAS_RECETTE_PACKAGES=DOSSIER (dossier de fichiers <id>#<version>.tgz), ou --packages DOSSIER.',
    en:
      `Structural validation NOT DONE: FHIR package ${ig} not found (looked in: ${where}). ` +
      `The SAS rules are checked. To get it: sas-recette ig install ${ig} --from FILE.tgz, ` +
      'or SAS_RECETTE_PACKAGES=DIR (a folder of <id>#<version>.tgz files), or --packages DIR.',
  };
}

/** The structural findings of a resource, through the validator. */
export type StructureValidator = (resource: unknown, useCase: UseCase) => Finding[];
