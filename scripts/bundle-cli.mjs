/**
 * Second step of `npm run build`: bundles the compiled CLI (dist/cli/main.js and the modules it
 * reaches, dist/ from tsc) into a few files under dist/cli-bundle/ with esbuild: one entry with what
 * every start needs, and one chunk per lazily loaded part (each command's action, the validator, the
 * run…). A process then reads and compiles a handful of files instead of about a hundred small ES
 * modules, each resolved and read on its own (about a third of a short command's time on Node 20).
 * commander and chalk, which every start loads, are bundled too (seven CommonJS and five ES files fewer
 * to resolve and read); the other packages stay external (loaded by Node as they are, when a command
 * needs them: the dependencies of package.json but these two). bin/sas-recette.js runs the
 * bundle when it is there, else dist/cli/main.js. The modules of dist/ stay as they are for the tests,
 * the benchmark and programmatic use.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// the same depth below the tool's root as dist/core/ (src/core/version.ts finds the root from its own URL)
const OUT = join(ROOT, 'dist', 'cli-bundle');
const BUNDLED = new Set(['commander', 'chalk']);
const { dependencies, devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const external = Object.keys({ ...dependencies, ...devDependencies }).filter((name) => !BUNDLED.has(name));

/**
 * commander requires node:child_process when it loads, for executable subcommands (`git-style` commands
 * run as separate programs), which sas-recette never declares; child_process brings net, dgram and the
 * stream stack with it, about 4 ms of every start. In the bundle commander gets a stand-in that
 * requires child_process on first use instead.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (a) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(a.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let m; module.exports = new Proxy({}, { get: (_, name) => (m ??= require('node:child_process'))[name] });",
      loader: 'js',
    }));
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: [join(ROOT, 'dist', 'cli', 'main.js')],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  external,
  plugins: [lazyChildProcessForCommander],
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  // commander is CommonJS: its require() of Node's modules needs a require in the ES bundle
  banner: { js: "import { createRequire as __sasCreateRequire } from 'node:module'; const require = __sasCreateRequire(import.meta.url);" },
});
