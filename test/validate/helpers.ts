/** Shared helpers of the validate / ig integration tests: run the CLI in-process, temp folders, packages. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/context.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared FHIR packages (never copied into the repository). */
export const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(REPO_ROOT, '../shared/fhir-packages');

export const NOW = '2026-03-02T08:00:00+01:00';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: Buffer | string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  isTTY?: boolean;
  stdinIsTTY?: boolean;
}

export async function runCli(args: string[], o: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readStdin: async () => (typeof o.stdin === 'string' ? Buffer.from(o.stdin) : (o.stdin ?? Buffer.alloc(0))),
    env: o.env ?? { SAS_RECETTE_PACKAGES: PACKAGES },
    cwd: o.cwd ?? process.cwd(),
    isTTY: o.isTTY ?? false,
    stdinIsTTY: o.stdinIsTTY ?? false,
  };
  const code = await main(['node', 'sas-recette', ...args], io);
  return { code, stdout, stderr };
}

export interface TempDir {
  path: string;
  file: (name: string, content: string | Buffer) => string;
  remove: () => void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'sas-recette-validate-'));
  return {
    path,
    file: (name, content) => {
      const full = join(path, name);
      writeFileSync(full, content);
      return full;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** A V8 stack frame line: must never reach the user. */
export const STACK_FRAME = /^\s+at .+\(?.+:\d+:\d+\)?$/m;
