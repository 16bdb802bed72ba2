/** Headless Chromium from the command line, as the report tests and scripts/screenshot-report.mjs use it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for a quiet, offline, throw-away Chromium (the user-data-dir is added per launch). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install chromium or set CHROMIUM_PATH`);
}

/** Runs Chromium with a fresh profile folder; throws with its stderr tail when it fails. */
export function runChromium(args: string[]): void {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'sas-chromium-'));
  try {
    const r = spawnSync(CHROMIUM, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, ...args], { encoding: 'utf8', timeout: 120_000 });
    if (r.error || r.status !== 0)
      throw new Error(`chromium failed (${r.status}): ${r.error?.message ?? r.stderr.split('\n').slice(-5).join('\n')}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A poppler tool's stdout (pdfinfo, pdftotext). */
export function poppler(tool: 'pdfinfo' | 'pdftotext', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${tool} is needed for this test (Debian: apt-get install poppler-utils): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  return r.stdout;
}
