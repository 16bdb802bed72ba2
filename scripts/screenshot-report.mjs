#!/usr/bin/env node
// Takes a PNG screenshot of a PV (pv.html) with headless Chromium, for the documentation.
//   node scripts/screenshot-report.mjs reports/pv.html docs/pv.png [--width 1280] [--height 1800]
// Chromium: $CHROMIUM_PATH, else /usr/bin/chromium. A fresh profile folder is used and removed; network
// features are switched off (the PV needs none). Exit 0 on success, 2 on usage or Chromium failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
];

function fail(message) {
  process.stderr.write(`screenshot-report: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  const opts = { width: 1280, height: 1800 };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--width' || a === '--height') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 200 || n > 16000) fail(`${a} expects a whole number of pixels (200–16000)`);
      opts[a.slice(2)] = n;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node scripts/screenshot-report.mjs <pv.html> <out.png> [--width N] [--height N]\n');
      process.exit(0);
    } else positional.push(a);
  }
  if (positional.length !== 2) fail('usage: node scripts/screenshot-report.mjs <pv.html> <out.png> [--width N] [--height N]');
  return { input: resolve(positional[0]), output: resolve(positional[1]), ...opts };
}

const { input, output, width, height } = parseArgs(process.argv.slice(2));
if (!existsSync(input)) fail(`${input}: not found`);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) fail(`Chromium not found at ${chromium} (install chromium or set CHROMIUM_PATH)`);

const profile = mkdtempSync(join(tmpdir(), 'sas-recette-chromium-'));
try {
  const r = spawnSync(
    chromium,
    [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      `--window-size=${width},${height}`,
      `--screenshot=${output}`,
      pathToFileURL(input).href,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.error) fail(`could not run Chromium: ${r.error.message}`);
  if (r.status !== 0 || !existsSync(output) || statSync(output).size === 0) {
    fail(`Chromium exited with ${r.status}; no screenshot written\n${(r.stderr || '').split('\n').slice(-5).join('\n')}`);
  }
  process.stdout.write(`wrote ${output}\n`);
} finally {
  rmSync(profile, { recursive: true, force: true });
}
