/**
 * The folders of src/ follow the pipeline (load cahier / JDD → request → validate → judge → report), with
 * the shared model at the bottom and the commands at the top. A module imports from its own folder or
 * from a lower layer only: never from a folder above it, so run/ and cli/ stay consumers that nothing
 * below reaches into. Type-only imports count too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Bottom first. Folders of one layer do not import each other. */
export const LAYERS: readonly (readonly string[])[] = [
  ['core'], // the domain model, findings, errors, version
  ['yaml', 'sas', 'http'], // located YAML, the SAS search and Paris time, the HTTP client
  ['jdd', 'requirements', 'fhir'], // JDD and requirement catalogue loading, FHIR packages and validator
  ['cahier'], // the cahier de recette: cases, roles, case kinds, a case's request
  ['rules', 'official', 'transport', 'mock'], // SAS rules, official validator, transport kinds, reference editor
  ['flows'], // appointment-side kinds: regulator accounts (V1), booking URL and SSO (V2), appointments received (V3)
  ['validate'], // the offline validation pipeline of `sas-recette validate`
  ['report'], // console, run.json, JUnit, PV, and validate's text / JSON output
  ['run', 'doctor'], // plan → execute → judge → summary, the run's flow to written reports, re-judging; pre-run checks (doctor)
  ['watch'], // VSR probes: a light subset of the cahier played at an interval, appended to a history file
  ['cli'], // argv → exit code
];

const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function folderOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0];
}

/** Every relative import of src/ as [importing file, imported folder]. */
function imports(): { from: string; folder: string; to: string }[] {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => {
      const target = normalize(join(dirname(file), m[1] ?? m[2]));
      return { from: relative(SRC, file), folder: folderOf(file), to: folderOf(target) };
    }),
  );
}

describe('import direction', () => {
  const all = imports();

  it('knows every folder of src/ (a new folder takes its place in LAYERS)', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !layerOf.has(f))).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });

  it('imports only from its own folder or a lower layer', () => {
    const upward = all
      .filter((i) => i.to !== i.folder)
      .filter((i) => (layerOf.get(i.to) ?? Infinity) >= (layerOf.get(i.folder) ?? -1))
      .map((i) => `${i.from} → ${i.to}/`);
    expect(upward).toEqual([]);
  });

  it('reads every kind of import the check relies on', () => {
    const sample = "import type { A } from '../run/x.js';\nexport { b } from './y.js';\nconst c = await import('../cli/z.js');";
    expect([...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2])).toEqual(['../run/x.js', './y.js', '../cli/z.js']);
  });
});
