/**
 * A command's options declared once, in a typed table: flag, kind of value, default, environment
 * variable, help and choices. `addOptions` makes commander's `Option`s from it and `OptionsOf` the
 * TypeScript type of what commander parses, so no command types its options by hand.
 *
 * The environment fallback reads the command's environment (`CliIo.env`, the process's outside tests),
 * not `process.env` behind its back: an option given on the command line wins over its variable,
 * which wins over the default.
 */
import { Option, type Command } from 'commander';
import { SetupError } from '../core/errors.js';
import type { Lang } from '../core/findings.js';
import { checkPathValue, isPathFlag } from './option-checks.js';

/** commander accumulator of a repeatable option. */
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
/** Accumulator of a repeatable option whose values may also be comma-separated. */
const collectSplit = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

/**
 * Checks a table against its flags (each key must be commander's attribute name) and adds its options.
 * `lang`: the run's language (src/cli/run-lang.ts), of the refusals of a value.
 */
export function addOptions<T extends OptionTable>(cmd: Command, table: T, env: NodeJS.ProcessEnv, lang: Lang = 'fr'): Command {
  for (const [key, spec] of Object.entries(table)) {
    const option = toOption(spec, lang);
    if (option.attributeName() !== key)
      throw new Error(`option table: key "${key}" does not match ${spec.flags} (${option.attributeName()})`);
    cmd.addOption(option);
  }
  const withEnv = Object.entries(table).filter(([, spec]) => spec.env !== undefined);
  const lists = Object.entries(table)
    .filter(([, spec]) => spec.kind === 'list')
    .map(([key]) => key);
  cmd.hook('preAction', () => {
    // a repeatable option not given is an empty list (kept out of commander's default: no "(default: [])" in --help)
    for (const key of lists) if (cmd.getOptionValue(key) === undefined) cmd.setOptionValueWithSource(key, [], 'default');
    applyEnv(cmd, withEnv, env);
  });
  return cmd;
}

/**
 * The check of each value typed for an option: the spec's own (`check`), and for a path option
 * (`<file>`, `<dir>`, `<path>`, `<jar>`) the refusal of an empty value (src/cli/option-checks.ts).
 */
function valueCheck(spec: OptionSpec, lang: Lang): ((value: string) => string) | undefined {
  const checks = [...(isPathFlag(spec.flags) ? [checkPathValue] : []), ...(spec.check ? [spec.check] : [])];
  if (checks.length === 0) return undefined;
  return (value) => checks.reduce((v, check) => check(v, lang), value);
}

/** commander's Option of one table entry; `lang`: the language of the refusals of a value. */
export function toOption(spec: OptionSpec, lang: Lang = 'fr'): Option {
  const option = new Option(spec.flags, spec.help);
  const check = valueCheck(spec, lang);
  if (spec.kind === 'list') {
    const accumulate = spec.split ? collectSplit : collect;
    // a split list checks the whole typed value first: `--jdd ''` or `--jdd ,` is refused, not ignored
    option.argParser(
      check ? (value: string, previous: string[] | undefined) => accumulate(check(value.replace(/^[\s,]+$/, '')), previous) : accumulate,
    );
  } else if (spec.kind === 'value' && check) option.argParser(check);
  if (spec.kind === 'list' && spec.defaultHelp !== undefined) option.default([], spec.defaultHelp);
  else if (spec.default !== undefined) option.default(spec.default, spec.defaultHelp);
  if (spec.choices) option.choices(spec.choices);
  if (spec.env) option.env(spec.env);
  return option;
}

/** The environment fallback, from the command's environment (see the file comment). */
function applyEnv(cmd: Command, entries: Array<[string, OptionSpec]>, env: NodeJS.ProcessEnv): void {
  for (const [key, spec] of entries) {
    const source = cmd.getOptionValueSource(key);
    if (source !== undefined && source !== 'default' && source !== 'env') continue; // given on the command line
    const text = env[spec.env as string];
    if (text === undefined || text === '') {
      // commander read process.env; the command's environment does not have it
      if (source === 'env') cmd.setOptionValueWithSource(key, spec.kind === 'list' ? [] : spec.default, 'default');
      continue;
    }
    if (spec.choices && !spec.choices.includes(text)) {
      const flag = spec.flags.split(/[ ,]/)[0];
      const choices = spec.choices.join(', ');
      throw new SetupError(
        { fr: `${spec.env}="${text}" n'est pas une valeur possible de ${flag}`, en: `${spec.env}="${text}" is not a valid ${flag}` },
        { fr: `choisir parmi ${choices}`, en: `choose among ${choices}` },
      );
    }
    const value =
      spec.kind === 'flag'
        ? text !== '0' && text !== 'false'
        : spec.kind === 'list'
          ? spec.split
            ? collectSplit(text, [])
            : [text]
          : text;
    cmd.setOptionValueWithSource(key, value, 'env');
  }
}

/** One option: `flags` as commander writes them (`--timeout <duration>`), its help and value. */
export interface OptionSpec {
  flags: string;
  help: string;
  /** `flag`: no value (boolean); `value`: one value; `list`: repeatable, collected in order. */
  kind: 'flag' | 'value' | 'list';
  default?: string;
  /** What the help says the default is, when it is not a plain value (with `default`, or a list's). */
  defaultHelp?: string;
  choices?: readonly string[];
  /** Environment variable read when the option is not given. */
  env?: string;
  /** `list` only: a value may also hold several, comma-separated. */
  split?: boolean;
  /**
   * Checks one value typed on the command line (not the default): returns it, or throws commander's
   * `InvalidArgumentError` (a usage error, exit 2) saying why in `lang`, the run's language. Path
   * options also refuse an empty value.
   */
  check?: (value: string, lang: Lang) => string;
}

/** A command's options, keyed by commander's attribute name (`--base-url` → `baseUrl`). */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['kind'] extends 'flag'
  ? boolean
  : S['kind'] extends 'list'
    ? string[]
    : S extends { choices: readonly (infer C)[] }
      ? C
      : string;

type AlwaysSet<S extends OptionSpec> = S['kind'] extends 'list' ? true : S extends { default: string } ? true : false;

/** What commander parses from a table: options with a default or repeatable are always there. */
export type OptionsOf<T extends OptionTable> = {
  -readonly [K in keyof T as AlwaysSet<T[K]> extends true ? K : never]: ValueOf<T[K]>;
} & {
  -readonly [K in keyof T as AlwaysSet<T[K]> extends true ? never : K]?: ValueOf<T[K]>;
};

/** Declares a table, keeping its literal types (choices, defaults) for `OptionsOf`. */
export function optionTable<const T extends OptionTable>(table: T): T {
  return table;
}

/** Declares one option, keeping its literal types. */
export function option<const S extends OptionSpec>(spec: S): S {
  return spec;
}
