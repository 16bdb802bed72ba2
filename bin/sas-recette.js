#!/usr/bin/env node
// Entry point for `npx sas-recette`: runs the compiled CLI, built by `npm run build` (which `npm install`
// runs through the `prepare` script): the bundle of dist/cli-bundle/ (a few files, faster to start), or
// the modules of dist/ when there is no bundle or SAS_RECETTE_UNBUNDLED=1 (tests that record which
// modules a command loads).
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node >= 22.1 keeps compiled code of the modules in a cache folder between runs (start-up time); a no-op on Node 20.
module.enableCompileCache?.();

const bundle = new URL('../dist/cli-bundle/main.js', import.meta.url);
const useBundle = process.env.SAS_RECETTE_UNBUNDLED !== '1' && existsSync(bundle);
const { main } = await import(useBundle ? bundle.href : '../dist/cli/main.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`sas-recette: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
