/**
 * axe-core over an HTML file opened from disk in the test browser (the PV, the PV VSR): the serious and
 * critical violations, named by rule and the first elements they hit, and the ids of the rules that passed.
 */
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';

export async function axeCheck(browser: Browser, file: string): Promise<{ bad: string[]; passes: string[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 5)
            .join(' | ')}`,
      );
    return { bad, passes: result.passes.map((p) => p.id) };
  } finally {
    await context.close();
  }
}
