/** The HTML PV reporter (`pv.html`). */
import { join } from 'node:path';
import type { Reporter, ReporterOptions } from '../types.js';
import { writeOutput } from '../write-output.js';
import { renderPv } from './page.js';

export { CSP, PV_HASH_PLACEHOLDER, pvHashes, renderPv, type PvOptions } from './page.js';

export function htmlReporter(options: ReporterOptions): Reporter {
  return {
    name: 'html',
    async onRunEnd(run) {
      const file = options.paths?.html ?? join(options.outDir, 'pv.html');
      await writeOutput(file, renderPv(run, { lang: options.lang }));
      return [file];
    },
  };
}
