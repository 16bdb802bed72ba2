/**
 * Once before the suite: when the machine has no Chromium, unpacks the one of the npm package
 * @sparticuz/chromium (a devDependency) to the temporary folder, so the test workers that print or open
 * a PV in parallel never race to unpack it.
 */
import { findBrowser } from '../../src/report/pdf/find-browser.js';

export default async function setup(): Promise<void> {
  await findBrowser();
}
