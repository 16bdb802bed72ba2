/**
 * Checks made before anything is spawned, each turning into a clear OfficialUnavailable: jar present,
 * IG packages present, java found, port free.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { findExecutable } from './find-executable.js';
import { igPackageMissing, jarMissing, javaNotFound, noIgPackage, portInUse } from './messages.js';
import type { OfficialUnavailable, OfficialValidatorOptions } from './types.js';

export interface Checked {
  java: string;
  jar: string;
  igPackages: string[];
}

function unavailable(reason: OfficialUnavailable['reason']): OfficialUnavailable {
  return { unavailable: true, reason };
}

function checkJar(jar: string): OfficialUnavailable | undefined {
  if (!existsSync(jar)) return unavailable(jarMissing(jar, 'missing'));
  if (!statSync(jar).isFile()) return unavailable(jarMissing(jar, 'not-a-file'));
  try {
    accessSync(jar, constants.R_OK);
  } catch {
    return unavailable(jarMissing(jar, 'unreadable'));
  }
  return undefined;
}

/** `id#version` of a package the validator finds in its own cache (`~/.fhir/packages`). */
const PACKAGE_ID = /^[A-Za-z0-9][\w.-]*#[\w.+-]+$/;

export function checkOptions(o: OfficialValidatorOptions, env: NodeJS.ProcessEnv, cwd: string): Checked | OfficialUnavailable {
  const jar = path.resolve(cwd, o.jar);
  const jarProblem = checkJar(jar);
  if (jarProblem) return jarProblem;
  if (o.igPackages.length === 0) return unavailable(noIgPackage());
  const igPackages: string[] = [];
  for (const ig of o.igPackages) {
    const onDisk = path.resolve(cwd, ig);
    if (existsSync(onDisk)) igPackages.push(onDisk);
    else if (PACKAGE_ID.test(ig) && !ig.endsWith('.tgz')) igPackages.push(ig);
    else return unavailable(igPackageMissing(ig));
  }
  const command = o.javaCommand ?? 'java';
  const java = findExecutable(command, env, cwd);
  if (!java) return unavailable(javaNotFound(command, !command.includes('/') && !command.includes(path.sep)));
  return { java, jar, igPackages };
}

function listen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const got = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(got));
    });
  });
}

/** The requested port when free, a free loopback port when none is requested. */
export async function choosePort(requested: number | undefined): Promise<number | OfficialUnavailable> {
  const got = await listen(requested ?? 0);
  if (got === undefined) return unavailable(portInUse(requested ?? 0));
  return got;
}
