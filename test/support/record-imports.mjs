/**
 * Preload (`node --import ./test/support/record-imports.mjs …`) that writes to RECORD_IMPORTS_FILE the URL
 * of every module the process loads: ES modules through a loader hook (in the hooks thread), CommonJS
 * modules (require, createRequire) from the module cache at exit. Tests use it to prove that a command
 * loads only what it needs.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.RECORD_IMPORTS_FILE;
if (file) {
  writeFileSync(file, '');
  register('./record-imports-hooks.mjs', { parentURL: import.meta.url, data: { file } });
  const Module = createRequire(import.meta.url)('node:module');
  process.on('exit', () => {
    const cjs = Object.keys(Module._cache).map((p) => pathToFileURL(p).href);
    appendFileSync(file, cjs.map((u) => `${u}\n`).join(''));
  });
}
