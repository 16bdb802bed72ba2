#!/usr/bin/env node
// Takes a PNG screenshot of a PV (pv.html) with headless Chromium, for the documentation.
//   node scripts/screenshot-report.mjs reports/pv.html docs/pv.png [--width 1280] [--height 1800]
// Chromium: the one `--pdf` uses (CHROMIUM_PATH, a system Chromium, else the npm package
// @sparticuz/chromium), driven by playwright-core, with JavaScript off and offline (the PV needs
// neither). Needs the compiled tool (dist/, built by `npm ci`). Exit 0 on success, 2 on usage or
// Chromium failure.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findBrowser, launchArgs } from '../dist/report/pdf/find-browser.js';

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
const found = await findBrowser();
if (!found) fail('no Chromium found: install chromium, set CHROMIUM_PATH, or npm install @sparticuz/chromium');

let browser;
try {
  browser = await chromium.launch({ executablePath: found.executablePath, args: launchArgs(found) });
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(input).href, { waitUntil: 'load' });
  await page.screenshot({ path: output });
} catch (e) {
  fail(`Chromium (${found.executablePath}) could not take the screenshot: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
} finally {
  await browser?.close();
}
if (!existsSync(output) || statSync(output).size === 0) fail('no screenshot written');
process.stdout.write(`wrote ${output}\n`);
