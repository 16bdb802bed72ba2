/**
 * Finds a Chromium to print the PV with, in this order: `CHROMIUM_PATH`; a Chromium or Chrome on the
 * PATH (`chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable`) or at the usual macOS
 * and Windows places; else the npm package `@sparticuz/chromium` when it is installed (a headless
 * Chromium shipped inside the package, unpacked to the temporary folder on first use; Linux only).
 * Nothing found is an answer (undefined), never an exception: `--pdf` then says how to get one.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'npm';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
}

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const KNOWN_PLACES = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];
/** The npm package that ships a browser binary (an optional dependency the user may add). */
export const BROWSER_PACKAGE = '@sparticuz/chromium';

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A Chromium or Chrome installed on the machine (PATH, then the usual places). */
export function systemBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of NAMES) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const file = join(dir, name + ext);
        if (isExecutable(file)) return file;
      }
    }
  }
  return KNOWN_PLACES.find(isExecutable);
}

/** The browser of `@sparticuz/chromium`, unpacked on first use; undefined when the package is absent or fails. */
export async function npmBrowser(): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const { default: chromium } = (await import(BROWSER_PACKAGE)) as { default: { executablePath(): Promise<string> } };
    const file = await chromium.executablePath();
    return isExecutable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Chromium arguments for a browser found here: the npm one is built for sandbox-less containers (no zygote process). */
export function launchArgs(browser: FoundBrowser): string[] {
  return browser.source === 'npm' ? ['--no-zygote'] : [];
}

export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser | undefined> {
  const given = env.CHROMIUM_PATH;
  if (given) return isExecutable(given) ? { executablePath: given, source: 'CHROMIUM_PATH' } : undefined;
  const system = systemBrowser(env);
  if (system) return { executablePath: system, source: 'system' };
  const npm = await npmBrowser();
  return npm ? { executablePath: npm, source: 'npm' } : undefined;
}
