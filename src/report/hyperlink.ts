/**
 * Clickable file links in a terminal (OSC 8: `ESC ] 8 ; ; url ESC \ text ESC ] 8 ; ; ESC \`), and when
 * to use them. Hand-written rather than the supports-hyperlinks package: that package keeps a list of
 * known terminal programs, while terminals that do not know OSC 8 ignore it; what matters here is the
 * same switches users already know from it: FORCE_HYPERLINK decides when set (`0` off, anything else
 * on), otherwise links only on an interactive terminal with colour (so not with NO_COLOR or --no-color),
 * not a dumb one, and not under CI (logs keep the escape bytes).
 */
import { pathToFileURL } from 'node:url';
import { terminalSafe } from './terminal.js';

export interface LinkTerminal {
  /** The output is a terminal. */
  isTTY: boolean;
  /** The colour level decided for the output (0: none). */
  colorLevel: number;
}

const set = (v: string | undefined): v is string => v !== undefined && v !== '';

/** Whether file paths are printed as OSC 8 hyperlinks, in the way of the supports-hyperlinks convention. */
export function wantsHyperlinks(env: NodeJS.ProcessEnv, t: LinkTerminal): boolean {
  const forced = env.FORCE_HYPERLINK;
  if (forced !== undefined) return !(forced.length > 0 && Number.parseInt(forced, 10) === 0);
  if (set(env.NO_COLOR)) return false;
  if (!t.isTTY || t.colorLevel === 0) return false;
  if (env.TERM === 'dumb') return false;
  return !(set(env.CI) && env.CI !== 'false' && env.CI !== '0');
}

/**
 * An absolute file path as shown: the path (made safe for the terminal), wrapped in an OSC 8 link to its
 * `file://` URL when `links` is on. The URL is percent-encoded by `pathToFileURL` (control characters
 * included), so a path cannot end the escape sequence early.
 */
export function fileLink(absolutePath: string, links: boolean): string {
  const text = terminalSafe(absolutePath);
  if (!links) return text;
  const url = pathToFileURL(absolutePath).href;
  return `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;
}
