/**
 * Where the PV VSR goes and how it is written: `--html FILE`, else `<--out or the history's folder>/pv-vsr.html`,
 * the PDF beside it with `--pdf`. A PV VSR already there is never replaced silently: without `force`
 * the command stops before reading the history (exit 2). The HTML is written through a temporary file
 * (write-output.ts); the PDF is printed by the acceptance PV's printer and never fails the command.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import { pdfPathFor } from '../pdf/pdf-reporter.js';
import { checkOutDir } from '../run-folder.js';
import { writeOutput } from '../write-output.js';

export const VSR_FILE = 'pv-vsr.html';

export interface VsrTargets {
  html: string;
  pdf?: string;
}

/** The files to write, checked: both `--out` and `--html` is a usage error, an existing file without `force` a setup error. */
export function vsrTargets(o: {
  cwd: string;
  historyFile: string;
  out?: string;
  html?: string;
  pdf?: boolean;
  force?: boolean;
}): VsrTargets {
  if (o.out && o.html)
    throw new SetupError(
      { fr: '--out et --html ne vont pas ensemble', en: '--out and --html cannot be used together' },
      { fr: 'choisir un dossier (--out) ou un fichier (--html)', en: 'choose a folder (--out) or a file (--html)' },
    );
  let html: string;
  if (o.html) {
    html = resolve(o.cwd, o.html);
  } else {
    const dir = o.out ? resolve(o.cwd, o.out) : dirname(o.historyFile);
    checkOutDir(dir, '--out'); // the history's folder by default: --out is the way to choose another
    html = join(dir, VSR_FILE);
  }
  const targets: VsrTargets = { html, ...(o.pdf ? { pdf: pdfPathFor(html) } : {}) };
  if (!o.force) {
    const there = [targets.html, targets.pdf].filter((f): f is string => Boolean(f) && existsSync(f as string));
    if (there.length)
      throw new SetupError(
        {
          fr: `un PV VSR existe déjà, il n’est pas remplacé\u00a0: ${there.join(', ')}`,
          en: `a PV VSR is already there and is not replaced: ${there.join(', ')}`,
        },
        {
          fr: 'choisir un autre --out ou --html, ou ajouter --force pour le remplacer',
          en: 'choose another --out or --html, or add --force to replace it',
        },
      );
  }
  return targets;
}

/** Writes the HTML, then prints the PDF when asked; returns the files written and why no PDF was printed, if so. */
export async function writeVsr(
  targets: VsrTargets,
  pvHtml: string,
  env: NodeJS.ProcessEnv,
): Promise<{ files: string[]; notice?: Message }> {
  await writeOutput(targets.html, pvHtml);
  const files = [targets.html];
  if (!targets.pdf) return { files };
  const { printPdf } = await import('../pdf/print-pdf.js');
  const printed = await printPdf(targets.html, targets.pdf, { env });
  if (printed.ok) return { files: [...files, printed.file] };
  return { files, notice: printed.reason };
}
