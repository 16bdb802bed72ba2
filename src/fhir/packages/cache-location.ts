/**
 * Where the definitions cache lives (docs/validate.md, "Definitions cache"): `SAS_RECETTE_CACHE` (a
 * folder, or `off` for no cache), else `$XDG_CACHE_HOME/sas-recette`, else `~/.cache/sas-recette`; on
 * Windows `%LOCALAPPDATA%\sas-recette`. Not the FHIR package cache (~/.fhir/packages), which holds the
 * packages themselves and is shared with other tools.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const CACHE_ENV = 'SAS_RECETTE_CACHE';

/** The definitions cache folder an environment selects, or null when it turns the cache off. */
export function definitionsCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const explicit = env[CACHE_ENV]?.trim();
  if (explicit && explicit.toLowerCase() === 'off') return null;
  if (explicit) return resolve(explicit);
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'sas-recette');
  // the XDG spec: a relative XDG_CACHE_HOME is invalid and ignored
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'sas-recette');
  return join(env.HOME || homedir(), '.cache', 'sas-recette');
}
