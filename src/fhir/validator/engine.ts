/**
 * Per-DefinitionIndex caches: compiled profiles, value-set expansions and compiled FHIRPath
 * expressions. Kept in a WeakMap keyed by the index, so two IG versions can be validated side by side
 * and nothing outlives its index.
 */
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import type { DefinitionIndex } from '../packages/types.js';
import { compileProfile } from './compile.js';
import type { CompiledProfile } from './model.js';
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
  /** True when `code` names a resource type (including Resource and DomainResource). */
  isResourceType(code: string): boolean;
}

const engines = new WeakMap<DefinitionIndex, Engine>();

const BASE_SD = 'http://hl7.org/fhir/StructureDefinition/';

const silentTrace = () => undefined;

function createEngine(index: DefinitionIndex): Engine {
  const profiles = new Map<string, CompiledProfile | undefined>();
  const valueSets = new Map<string, Expansion | undefined>();
  /** Same results keyed by the canonical exactly as bound (with its `|version`, if any). */
  const expansions = new Map<string, Expansion | undefined>();
  const expressions = new Map<string, CompiledExpression | Error>();
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
        try {
          compiled = fhirpath.compile({ base, expression }, r4Model, { traceFn: silentTrace }) as CompiledExpression;
        } catch (e) {
          compiled = e instanceof Error ? e : new Error(String(e));
        }
        expressions.set(key, compiled);
      }
      return compiled;
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
