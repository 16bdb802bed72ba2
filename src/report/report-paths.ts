/**
 * The report files of a run as the console says them at the end: absolute paths (a reader can open
 * them from any folder, a terminal can make them clickable), as OSC 8 hyperlinks where the terminal takes
 * them (hyperlink.ts), in the run's language only.
 */
import { resolve } from 'node:path';
import type { Lang } from '../core/findings.js';
import { CONSOLE_WORDS } from './console-words.js';
import { fileLink } from './hyperlink.js';
import { colon } from '../core/typography.js';

export interface ReportPaths {
  files: readonly string[];
  /** The `latest` pointer to the run's folder, when one was made. */
  latest?: string;
  /** Folder relative paths are taken from. */
  cwd: string;
  lang: Lang;
  links: boolean;
}

/** `Rapports :` then one absolute path a line, then the `latest` pointer; empty when no file was written. */
export function reportPathsText(p: ReportPaths): string {
  if (p.files.length === 0) return '';
  const w = CONSOLE_WORDS[p.lang];
  const show = (f: string): string => fileLink(resolve(p.cwd, f), p.links);
  const latest = p.latest ? `  (${w.latest}${colon(p.lang)} ${show(p.latest)})\n` : '';
  return `\n${w.reports}${colon(p.lang)}\n${p.files.map((f) => `  ${show(f)}\n`).join('')}${latest}`;
}
