#!/usr/bin/env node
// Generates the TypeScript types of the tool's YAML file formats from their JSON Schemas, the one
// source of each format (editors point `yaml-language-server: $schema=` at them, the YAML loader
// validates with ajv against them). One module per schema in src/core/formats/, committed.
//   node scripts/generate-format-types.mjs           write the modules (npm run formats)
//   node scripts/generate-format-types.mjs --check   exit 1, naming them, when a module is out of date
// Formatting follows the project's Prettier configuration when there is one (and the modules are not
// in .prettierignore), so a Prettier run over the tree leaves the generated text unchanged. Exit 0 on success, 1 when --check finds a difference.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import * as prettier from 'prettier';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'src', 'core', 'formats');

/** Each schema, the module generated from it, the name of the file's root type and what the file is. */
export const FORMATS = [
  {
    schema: 'schemas/cahier.schema.json',
    module: 'cahier-file.ts',
    root: 'CahierFile',
    what: 'a cahier de recette file (testcases/*.yaml)',
  },
  { schema: 'schemas/jdd.schema.json', module: 'jdd-file.ts', root: 'JddFile', what: 'a JDD file (datasets/*.yaml)' },
  {
    schema: 'schemas/tls-profile.schema.json',
    module: 'tls-profile-file.ts',
    root: 'TlsProfileFile',
    what: 'a TLS profile (--tls-profile)',
  },
  { schema: 'schemas/pv-info.schema.json', module: 'pv-info-file.ts', root: 'PvInfoFile', what: 'a PV identification file (--pv-info)' },
  {
    schema: 'schemas/declarations.schema.json',
    module: 'declarations-file.ts',
    root: 'DeclarationsFile',
    what: 'an editor declarations file (--declarations)',
  },
  {
    schema: 'requirements/requirements.schema.json',
    module: 'requirements-file.ts',
    root: 'RequirementsFile',
    what: 'the requirements catalogue (requirements/requirements.yaml)',
  },
];

/** Used when the project has no Prettier configuration: the style of the hand-written code. */
const FALLBACK_STYLE = { singleQuote: true, printWidth: 140, trailingComma: 'all' };

function banner(format) {
  return [
    '/**',
    ` * The YAML shape of ${format.what}, as written, before the loader applies defaults.`,
    ` * Generated from ${format.schema} by scripts/generate-format-types.mjs: do not edit by hand;`,
    ' * change the schema, then run `npm run formats` (a test fails while this file is out of date).',
    ' */',
  ].join('\n');
}

/**
 * `{ $ref, description }` → `{ description, allOf: [{ $ref }] }`: the description then documents the
 * property, and the referenced definition stays one named type (json-schema-to-typescript otherwise
 * copies it, once per description). Annotations only: what the schema accepts does not change.
 */
function refsWithAnnotations(node) {
  if (Array.isArray(node)) return node.map(refsWithAnnotations);
  if (node === null || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, refsWithAnnotations(v)]));
  if (typeof out.$ref !== 'string' || Object.keys(out).length === 1) return out;
  const { $ref, ...annotations } = out;
  return { ...annotations, allOf: [{ $ref }] };
}

/** The text of one generated module. */
export async function generate(format) {
  const schemaFile = join(ROOT, format.schema);
  const schema = refsWithAnnotations(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const code = await compile(schema, format.root, {
    bannerComment: banner(format),
    cwd: dirname(schemaFile),
    format: false,
    // plain arrays: minItems / maxItems stay the schema's business (tuples would make every literal awkward)
    ignoreMinAndMaxItems: true,
    // the root is named by us, not by the schema's title (a sentence for editors)
    customName: (s) => (typeof s.$schema === 'string' ? format.root : undefined),
    $refOptions: { resolve: { http: false } },
  });
  const outFile = join(OUT_DIR, format.module);
  const { ignored } = await prettier.getFileInfo(outFile, { ignorePath: join(ROOT, '.prettierignore') });
  const style = (ignored ? null : await prettier.resolveConfig(outFile)) ?? FALLBACK_STYLE;
  return prettier.format(code, { ...style, parser: 'typescript', filepath: outFile });
}

async function main(check) {
  const stale = [];
  for (const format of FORMATS) {
    const outFile = join(OUT_DIR, format.module);
    const text = await generate(format);
    let current = '';
    try {
      current = readFileSync(outFile, 'utf8');
    } catch {
      // missing: stale
    }
    if (current === text) continue;
    if (check) stale.push(relative(ROOT, outFile));
    else writeFileSync(outFile, text);
  }
  if (stale.length > 0) {
    console.error(`out of date (run npm run formats): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.includes('--check'));
}
