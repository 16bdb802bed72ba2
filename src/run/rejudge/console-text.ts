/**
 * What `rejudge` says on the console besides the run's own lines: from which run, with which clock,
 * how many cases were judged again and which were carried over, grouped by reason (a TLS case and its
 * thirteen siblings make one line, not fourteen). Everything read from the run file is made
 * terminal-safe (ids and reasons may hold URLs or text of the original endpoint).
 */
import { textOf, type Lang } from '../../core/findings.js';
import { colon } from '../../core/typography.js';
import { oneLine } from '../../report/format.js';
import { terminalSafe } from '../../report/terminal.js';
import type { RejudgeResult } from './rejudge-run.js';

/** Case ids listed per reason; the others are counted. */
const IDS_SHOWN = 8;

type Paint = (s: string) => string;

export function rejudgeText(r: RejudgeResult, lang: Lang, paint: { bold: Paint; dim: Paint } = { bold: (s) => s, dim: (s) => s }): string {
  const j = r.run.rejudged;
  if (!j) return '';
  const fr = lang === 'fr';
  const c = colon(lang);
  const safe = (s: string, max = 300) => terminalSafe(oneLine(s, max));
  let out = `\n${paint.bold(fr ? 'Re-jugement hors ligne' : 'Offline re-judging')}${c} ${safe(j.fromFile)} (${fr ? 'recette' : 'run'} ${safe(j.fromRunId, 80)})\n`;
  out += `  ${fr ? 'horloge de la recette d’origine' : "the original run's clock"}${c} ${safe(r.run.now, 80)}\n`;
  out += `  ${fr ? `${r.rejudged.length} cas re-jugé(s), ${r.carried.length} reporté(s) tels quels` : `${r.rejudged.length} case(s) re-judged, ${r.carried.length} carried over as they were`}\n`;
  const byReason = new Map<string, string[]>();
  for (const k of r.carried) {
    const why = textOf(k.reason, lang);
    byReason.set(why, [...(byReason.get(why) ?? []), k.id]);
  }
  for (const [why, ids] of byReason) {
    const shown = ids.slice(0, IDS_SHOWN).map((id) => safe(id, 80));
    const more = ids.length > IDS_SHOWN ? (fr ? ` … et ${ids.length - IDS_SHOWN} autre(s)` : ` … and ${ids.length - IDS_SHOWN} more`) : '';
    out += `  ${paint.dim('↷')} ${safe(why, 400)} (${ids.length})${c} ${shown.join(', ')}${more}\n`;
  }
  return out;
}
