/**
 * Second step of `npm run build`: bundles the compiled CLI (dist/cli/main.js and the modules it
 * reaches, dist/ from tsc) into a few files under dist/cli-bundle/ with esbuild: one entry with what
 * every start needs, and one chunk per lazily loaded part (each command's action, the validator, the
 * run…). A process then reads and compiles a handful of files instead of about a hundred small ES
 * modules, each resolved and read on its own (about a third of a short command's time on Node 20).
 * Packages from node_modules stay external (loaded by Node as they are). bin/sas-recette.js runs the
 * bundle when it is there, else dist/cli/main.js. The modules of dist/ stay as they are for the tests,
 * the benchmark and programmatic use.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// the same depth below the tool's root as dist/core/ (src/core/version.ts finds the root from its own URL)
const OUT = join(ROOT, 'dist', 'cli-bundle');

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: [join(ROOT, 'dist', 'cli', 'main.js')],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
});
