/**
 * Loads the cahier de recette: every `*.yaml` of a folder (or the files given), validated against
 * schemas/cahier.schema.json through the located YAML loader, file defaults applied, then checked
 * as a whole (unique ids, kinds, use-case coherence, known requirement ids). Any problem stops the
 * load with a SetupError listing every error as `file:line:col field "x": message` (in both languages).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { SetupError, type SourceRef } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { TOOL_ROOT } from '../core/version.js';
import { loadYamlFile, yamlErrorsText, type LocatedYamlError } from '../yaml/load-located-yaml.js';
import { formatDataPath } from '../yaml/yaml-tree.js';
import { parseRoleNeed, roleSpec, rolesOfUseCase } from './roles.js';
import type { CahierFile, RawCase, TestCase } from './types.js';
import { guillemets, NBSP } from '../core/typography.js';

export const SEARCH_KIND = 'search';

export interface LoadCahierOptions {
  /**
   * Case kinds other than `search` that may appear, with the JSON Schema of their `params`. When
   * given, any other kind is an error; when absent, unknown kinds are accepted as they are.
   */
  kinds?: { kind: string; paramsSchema?: object }[];
  /** Known requirement ids; when given, a case citing another id is an error. */
  requirementIds?: ReadonlySet<string>;
}

export function defaultCahierDir(): string {
  return join(TOOL_ROOT, 'testcases');
}

/** Every `.yaml`/`.yml` file of the folders, and the files, given (folders are not searched recursively). */
export function cahierFiles(paths: string | string[]): string[] {
  const out: string[] = [];
  for (const p of Array.isArray(paths) ? paths : [paths]) {
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new SetupError(
        { fr: `cahier de recette introuvable\u00a0: ${p}`, en: `cahier de recette not found: ${p}` },
        {
          fr: 'indiquer un dossier de cas de test *.yaml ou les fichiers eux-mêmes (--cahier)',
          en: 'give a folder of *.yaml test cases or the files themselves (--cahier)',
        },
      );
    }
    if (!isDir) {
      out.push(abs);
      continue;
    }
    const found = readdirSync(abs)
      .filter((f) => ['.yaml', '.yml'].includes(extname(f)))
      .sort()
      .map((f) => join(abs, f));
    if (found.length === 0)
      throw new SetupError({ fr: `aucun fichier de cas de test *.yaml dans ${p}`, en: `no *.yaml test case file in ${p}` });
    out.push(...found);
  }
  return [...new Set(out)];
}

/** The cahier schema, with the registered kinds' parameter schemas woven in so ajv locates their errors. */
export function cahierSchema(kinds?: LoadCahierOptions['kinds']): object {
  const schema = JSON.parse(readFileSync(join(TOOL_ROOT, 'schemas', 'cahier.schema.json'), 'utf8')) as {
    definitions: { case: { properties: Record<string, object>; allOf?: object[] } };
  };
  if (kinds) {
    const caseDef = schema.definitions.case;
    caseDef.properties.kind = { enum: [SEARCH_KIND, ...kinds.map((k) => k.kind)] };
    caseDef.allOf = kinds
      .filter((k) => k.paramsSchema)
      .map((k) => ({
        if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
        then: { properties: { params: k.paramsSchema } },
      }));
  }
  return schema;
}

export function loadCahier(paths: string | string[], options: LoadCahierOptions = {}): TestCase[] {
  const files = cahierFiles(paths);
  const schema = cahierSchema(options.kinds);
  const errors: LocatedYamlError[] = [];
  const cases: TestCase[] = [];
  for (const file of files) {
    const loaded = loadYamlFile<CahierFile>(file, schema, {
      label: { fr: 'fichier du cahier de recette', en: 'cahier de recette file' },
    });
    if (!loaded.ok) {
      errors.push(...loaded.errors);
      continue;
    }
    loaded.value.cases.forEach((raw, i) => {
      const locate = (path: (string | number)[]) => loaded.locate(['cases', i, ...path]);
      const built = buildCase(raw, loaded.value, file, i, locate);
      if ('error' in built) errors.push(built.error);
      else cases.push(built.testCase);
    });
  }
  errors.push(...checkCases(cases, options));
  if (errors.length > 0) throw cahierError(errors);
  return cases;
}

export function cahierError(errors: LocatedYamlError[]): SetupError {
  const n = errors.length;
  const list = yamlErrorsText(errors);
  return new SetupError(
    {
      fr: `le cahier de recette contient ${n} erreur${n > 1 ? 's' : ''}\u00a0:\n${list.fr}`,
      en: `the cahier de recette has ${n} error${n > 1 ? 's' : ''}:\n${list.en}`,
    },
    {
      fr: 'corriger le ou les fichiers ci-dessus\u00a0; schemas/cahier.schema.json en décrit le format (docs/run.md)',
      en: 'fix the file(s) above; schemas/cahier.schema.json describes the format (docs/run.md)',
    },
  );
}

/** An error at `path` inside a case, named like the schema errors (`cases[3].practitioners[1]`). */
export function caseError(tc: TestCase, path: (string | number)[], message: Message): LocatedYamlError {
  const ref = tc.locate(path);
  return { file: ref.file, line: ref.line, col: ref.col, field: formatDataPath(['cases', tc.caseIndex, ...path]), message };
}

function buildCase(
  raw: RawCase,
  file: CahierFile,
  path: string,
  caseIndex: number,
  locate: (p: (string | number)[]) => SourceRef,
): { testCase: TestCase } | { error: LocatedYamlError } {
  const useCase = raw.useCase ?? file.useCase;
  if (!useCase) {
    const ref = locate([]);
    return {
      error: {
        ...ref,
        field: `cases[${caseIndex}].useCase`,
        message: {
          fr: `cas d'usage manquant${NBSP}: renseigner ${guillemets('useCase')} sur le cas ou en tête du fichier`,
          en: 'missing use case: set "useCase" on the case or at the top of the file',
        },
      },
    };
  }
  const tags = [...new Set([...(file.tags ?? []), ...(raw.tags ?? [])])];
  const { role, ...rest } = raw;
  if (role !== undefined && raw.roles !== undefined) {
    return {
      error: {
        ...locate(['role']),
        field: `cases[${caseIndex}].role`,
        message: {
          fr: `donner ${guillemets('role')} (un rôle) ou ${guillemets('roles')} (une liste), pas les deux`,
          en: 'give "role" (one role) or "roles" (a list), not both',
        },
      },
    };
  }
  // `role: x` is read as `roles: [x]`; errors about roles[0] point at the `role` line
  const at = role === undefined ? locate : (p: (string | number)[]) => locate(p[0] === 'roles' ? ['role'] : p);
  if (useCase === 'all' && (raw.kind ?? SEARCH_KIND) === SEARCH_KIND) {
    return {
      error: {
        ...locate(raw.useCase !== undefined ? ['useCase'] : []),
        field: `cases[${caseIndex}].useCase`,
        message: {
          fr: `une recherche de créneaux vise un cas d'usage${NBSP}: ${guillemets('all')} ne vaut que pour un contrôle de l'interface (kind)`,
          en: 'a slot search targets one use case: "all" is only for a check of the interface (kind)',
        },
      },
    };
  }
  const testCase: TestCase = {
    ...rest,
    ...(role !== undefined ? { roles: [role] } : {}),
    group: raw.group ?? file.group ?? basename(path, extname(path)),
    // `all` is bound to the run's first use case when the run is planned
    ...(useCase === 'all' ? { useCase: 'psindiv', anyUseCase: true } : { useCase }),
    kind: raw.kind ?? SEARCH_KIND,
    tags,
    severity: raw.severity ?? file.severity ?? 'blocking',
    request: raw.request ?? {},
    expect: raw.expect ?? {},
    source: locate([]),
    caseIndex,
    locate: at,
  };
  return { testCase };
}

/** Checks that need more than one field or more than one case. */
export function checkCases(cases: TestCase[], options: LoadCahierOptions = {}): LocatedYamlError[] {
  const errors: LocatedYamlError[] = [];
  const seen = new Map<string, SourceRef>();
  for (const tc of cases) {
    const first = seen.get(tc.id);
    if (first) {
      errors.push(
        caseError(tc, ['id'], {
          fr: `identifiant de cas de test ${guillemets(tc.id)} en double (défini d'abord en ${first.file}:${first.line})`,
          en: `duplicate test case id "${tc.id}" (first defined at ${first.file}:${first.line})`,
        }),
      );
    } else seen.set(tc.id, tc.source);

    if (tc.kind === SEARCH_KIND) {
      if (tc.params !== undefined)
        errors.push(
          caseError(tc, ['params'], {
            fr: `${guillemets('params')} sert aux autres types de cas${NBSP}; un cas de recherche utilise ${guillemets('request')} et ${guillemets('expect')}`,
            en: '"params" is for other kinds; a search case uses "request" and "expect"',
          }),
        );
    } else {
      for (const key of ['request', 'expect'] as const) {
        if (Object.keys(tc[key]).length > 0)
          errors.push(
            caseError(tc, [key], {
              fr: `${guillemets(key)} sert aux cas de recherche${NBSP}; le type ${guillemets(tc.kind)} prend ${guillemets('params')}`,
              en: `"${key}" is for search cases; kind "${tc.kind}" takes "params"`,
            }),
          );
      }
    }
    if (tc.useCase === 'sos' && tc.practitioners !== undefined) {
      errors.push(
        caseError(tc, ['practitioners'], {
          fr: `un cas SOS désigne des structures SOS (${guillemets('sos')}), pas des PS`,
          en: 'an SOS case names SOS structures ("sos"), not practitioners',
        }),
      );
    }
    if (tc.useCase !== 'sos' && tc.sos !== undefined) {
      errors.push(
        caseError(tc, ['sos'], {
          fr: `un cas ${tc.useCase} désigne des PS, pas des structures SOS`,
          en: `a ${tc.useCase} case names practitioners, not SOS structures`,
        }),
      );
    }
    errors.push(...checkRoles(tc));
    if (options.requirementIds) {
      tc.requirements.forEach((id, i) => {
        if (!options.requirementIds?.has(id)) {
          errors.push(
            caseError(tc, ['requirements', i], {
              fr: `identifiant d'exigence ${guillemets(id)} inconnu (voir requirements/requirements.yaml)`,
              en: `unknown requirement id "${id}" (see requirements/requirements.yaml)`,
            }),
          );
        }
      });
    }
  }
  return errors;
}

/** Roles must be in the vocabulary of the case's use case; a case names roles or keys, not both. */
function checkRoles(tc: TestCase): LocatedYamlError[] {
  if (tc.roles === undefined) return [];
  const errors: LocatedYamlError[] = [];
  const explicit = (['practitioners', 'sos', 'cpts'] as const).filter((k) => tc[k] !== undefined);
  if (explicit.length > 0) {
    errors.push(
      caseError(tc, [explicit[0]], {
        fr: `un cas désigne des rôles ou des clés du JDD, pas les deux${NBSP}: retirer ${guillemets(explicit[0])} ou les rôles`,
        en: `a case names roles or JDD keys, not both: remove "${explicit[0]}" or the roles`,
      }),
    );
  }
  const known = rolesOfUseCase(tc.useCase).map((r) => r.name);
  tc.roles.forEach((need, i) => {
    const { role } = parseRoleNeed(need);
    const spec = roleSpec(role);
    if (spec && spec.useCase === tc.useCase) return;
    const other = spec ? { fr: ` (rôle du cas d'usage ${spec.useCase})`, en: ` (a role of use case ${spec.useCase})` } : { fr: '', en: '' };
    errors.push(
      caseError(tc, ['roles', i], {
        fr: `rôle ${guillemets(role)} inconnu pour le cas d'usage ${tc.useCase}${other.fr}${NBSP}; rôles de ${tc.useCase}${NBSP}: ${known.join(', ')} (datasets/README.md)`,
        en: `unknown role "${role}" for use case ${tc.useCase}${other.en}; roles of ${tc.useCase}: ${known.join(', ')} (datasets/README.md)`,
      }),
    );
  });
  return errors;
}
