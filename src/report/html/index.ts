/** The HTML PV reporter (`pv.html`); the evidence files of cut cases go next to run.json (evidence-files.ts). */
import { join } from 'node:path';
import { evidenceDirOf, reportView, writeEvidenceFiles } from '../evidence-files.js';
import type { Reporter, ReporterOptions } from '../types.js';
import { writeOutput } from '../write-output.js';
import { renderPv } from './page.js';

export { CSP, PV_HASH_PLACEHOLDER, pvHashes, renderPv, type PvOptions } from './page.js';

/** Where the html reporter writes the PV: `--html FILE`, else pv.html in the output folder. */
export function pvPathOf(options: ReporterOptions): string {
  return options.paths?.html ?? join(options.outDir, 'pv.html');
}

export function htmlReporter(options: ReporterOptions): Reporter {
  return {
    name: 'html',
    async onRunEnd(run) {
      const file = pvPathOf(options);
      const evidence = await writeEvidenceFiles(evidenceDirOf(options), reportView(run).files);
      await writeOutput(file, renderPv(run, { lang: options.lang }));
      return [file, ...evidence];
    },
  };
}
