/**
 * Selecting the test cases of a run (pure): the use cases the run covers, `--grep`, `--tag`
 * (repeatable, `!tag` excludes) and `--only`.
 */
import type { TestCase } from '../cahier/types.js';
import type { UseCase } from '../core/model.js';

export interface Selection {
  /** Use cases the run covers (those with a JDD, narrowed by --use-case). */
  useCases: readonly UseCase[];
  /** Matched against `id` and both titles. */
  grep?: RegExp;
  /** Tags to include (any of them) and, prefixed with `!`, to exclude; comma lists accepted. */
  tags?: readonly string[];
  /** Case ids; comma lists accepted. */
  only?: readonly string[];
}

export interface Plan {
  selected: TestCase[];
  /** `--only` ids that name no case of the cahier. */
  unknownIds: string[];
  /** How many cases of the cahier fall outside the run's use cases. */
  otherUseCases: number;
}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function parseTagFilter(tags: readonly string[] | undefined): { include: string[]; exclude: string[] } {
  const all = splitList(tags);
  return {
    include: all.filter((t) => !t.startsWith('!')),
    exclude: all.filter((t) => t.startsWith('!')).map((t) => t.slice(1)),
  };
}

export function planRun(cases: readonly TestCase[], selection: Selection): Plan {
  const only = splitList(selection.only);
  const { include, exclude } = parseTagFilter(selection.tags);
  const known = new Set(cases.map((c) => c.id));
  const first = selection.useCases[0];
  const inScope = cases.flatMap((c) => {
    if (c.anyUseCase) return first === undefined ? [] : [{ ...c, useCase: first }];
    return selection.useCases.includes(c.useCase) ? [c] : [];
  });
  const selected = inScope.filter((c) => {
    if (only.length > 0 && !only.includes(c.id)) return false;
    if (include.length > 0 && !c.tags.some((t) => include.includes(t))) return false;
    if (c.tags.some((t) => exclude.includes(t))) return false;
    if (selection.grep && ![c.id, c.title.fr, c.title.en].some((s) => selection.grep?.test(s))) return false;
    return true;
  });
  return {
    selected,
    unknownIds: only.filter((id) => !known.has(id)),
    otherUseCases: cases.length - inScope.length,
  };
}
