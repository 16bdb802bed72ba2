import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** Root folder of the installed tool (holds package.json, testcases/, datasets/, requirements/). */
export const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const TOOL_VERSION: string = (JSON.parse(readFileSync(resolve(TOOL_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
