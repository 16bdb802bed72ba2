/**
 * Finds an executable the way a shell would (PATH, and PATHEXT on Windows), so that a missing `java`
 * becomes a clear message before anything is spawned. Hand-written (a dozen lines) because the only
 * package doing this in node_modules (`which`) is not one of our dependencies.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Absolute path of `command`, or undefined. A command with a directory part (`/opt/jdk/bin/java`,
 * `./java`) is checked as given; a bare name is looked up on `env.PATH`.
 */
export function findExecutable(command: string, env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  const candidates = (base: string): string[] => exts.map((e) => base + e);
  if (command.includes('/') || command.includes(path.sep)) {
    return candidates(path.resolve(cwd, command)).find(isExecutableFile);
  }
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const hit = candidates(path.resolve(cwd, dir, command)).find(isExecutableFile);
    if (hit) return hit;
  }
  return undefined;
}
