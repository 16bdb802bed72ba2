/**
 * Per-DefinitionIndex caches: compiled profiles, value-set expansions, native invariant versions and
 * compiled FHIRPath expressions. Kept in a WeakMap keyed by the index, so two IG versions can be
 * validated side by side and nothing outlives its index.
 *
 * The `fhirpath` library and its R4 model (≈ 180 ms to load) are required on the first expression the
 * library must evaluate, not at import: a usual SAS answer meets only invariants with a native version
 * (native-invariants.ts, native-expressions.ts) and never loads it. `createRequire` keeps `expression()`
 * synchronous (the package's CommonJS entry: exports["."].require = ./src/fhirpath.js).
 */
import { createRequire } from 'node:module';
import type Fhirpath from 'fhirpath';
import type { Model } from 'fhirpath';
import type { DefinitionIndex } from '../packages/types.js';
import { compileProfile } from './compile.js';
import type { CompiledProfile } from './model.js';
import { nativeExpression, type NativeExpression } from './native-expressions.js';
import { expandValueSet, type Expansion } from './valuesets.js';

export type CompiledExpression = (resource: unknown, env?: Record<string, unknown>) => unknown[];

export interface Engine {
  readonly index: DefinitionIndex;
  /** Compiled profile by canonical (`|version` accepted) or base type name; undefined when unknown. */
  profile(canonicalOrType: string): CompiledProfile | undefined;
  /** Value-set expansion; undefined when it cannot be expanded from the packages. */
  valueSet(url: string): Expansion | undefined;
  /** FHIRPath expression compiled once for a base type; an Error when the library rejects it. */
  expression(base: string, expression: string): CompiledExpression | Error;
  /** The native version of an invariant's expression on a base type, if there is one (cached). */
  native(base: string, expression: string): NativeExpression | undefined;
  /** True when `code` names a resource type (including Resource and DomainResource). */
  isResourceType(code: string): boolean;
}

const engines = new WeakMap<DefinitionIndex, Engine>();

const BASE_SD = 'http://hl7.org/fhir/StructureDefinition/';

const silentTrace = () => undefined;

interface Library {
  fhirpath: typeof Fhirpath;
  r4: Model;
}

let library: Library | undefined;

/** The fhirpath library with its R4 model, loaded once per process on first use. */
function fhirpathLibrary(): Library {
  if (!library) {
    const require = createRequire(import.meta.url);
    library = { fhirpath: require('fhirpath') as typeof Fhirpath, r4: require('fhirpath/fhir-context/r4') as Model };
  }
  return library;
}

function createEngine(index: DefinitionIndex): Engine {
  const profiles = new Map<string, CompiledProfile | undefined>();
  const valueSets = new Map<string, Expansion | undefined>();
  /** Same results keyed by the canonical exactly as bound (with its `|version`, if any). */
  const expansions = new Map<string, Expansion | undefined>();
  const expressions = new Map<string, CompiledExpression | Error>();
  const natives = new Map<string, NativeExpression | undefined>();
  const resourceTypes = new Map<string, boolean>();

  const profile = (canonicalOrType: string): CompiledProfile | undefined => {
    const hit = profiles.get(canonicalOrType);
    if (hit !== undefined || profiles.has(canonicalOrType)) return hit;
    const bare = canonicalOrType.split('|')[0];
    const key = /^[A-Za-z][A-Za-z0-9]*$/.test(bare) ? BASE_SD + bare : bare;
    let compiled: CompiledProfile | undefined;
    if (profiles.has(key)) compiled = profiles.get(key);
    else {
      const sd = index.structureDefinition(key);
      compiled = sd ? compileProfile(sd) : undefined;
      profiles.set(key, compiled);
    }
    profiles.set(canonicalOrType, compiled);
    return compiled;
  };

  const fieldOf = (type: string, name: string) => profile(type)?.root.byJsonName.get(name)?.node;

  return {
    index,
    profile,
    valueSet(url) {
      if (!expansions.has(url)) expansions.set(url, expandValueSet(index, url, valueSets));
      return expansions.get(url);
    },
    expression(base, expression) {
      const key = `${base}\u0000${expression}`;
      let compiled = expressions.get(key);
      if (!compiled) {
        const { fhirpath, r4 } = fhirpathLibrary(); // a missing package is a setup error, not an unsupported expression
        try {
          compiled = fhirpath.compile({ base, expression }, r4, { traceFn: silentTrace }) as CompiledExpression;
        } catch (e) {
          compiled = e instanceof Error ? e : new Error(String(e));
        }
        expressions.set(key, compiled);
      }
      return compiled;
    },
    native(base, expression) {
      const key = `${base}\u0000${expression}`;
      if (!natives.has(key)) natives.set(key, nativeExpression(base, expression, fieldOf));
      return natives.get(key);
    },
    isResourceType(code) {
      let known = resourceTypes.get(code);
      if (known === undefined) {
        const p = /^[A-Z][A-Za-z]*$/.test(code) ? profile(code) : undefined;
        known = code === 'Resource' || code === 'DomainResource' || p?.kind === 'resource';
        resourceTypes.set(code, known);
      }
      return known;
    },
  };
}

export function engineFor(index: DefinitionIndex): Engine {
  let engine = engines.get(index);
  if (!engine) {
    engine = createEngine(index);
    engines.set(index, engine);
  }
  return engine;
}
