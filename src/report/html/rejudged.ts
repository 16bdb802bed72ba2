/**
 * The PV of a re-judged run (`sas-recette rejudge`): a banner a signer cannot miss — judged again offline
 * from which run (id, file, SHA-256), when, with which clock, how many cases re-judged and carried over —
 * and, on each carried-over case card, the line saying it was not judged again and why. Kept apart from
 * the case cards (cases.ts): the mark is inserted after the card's heading, found by the card's anchor.
 */
import type { Lang } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { colon } from '../../core/typography.js';
import { humanInZone, PARIS } from '../format.js';
import { html, SafeHtml } from './escape.js';

const STYLE = `<style>
.rejudged-banner { border: 2px solid #1f4e79; background: #eef4fb; padding: .5rem .75rem; margin: .5rem 0; }
.carried-over { border-left: 4px solid #8a6d00; background: #fff8e1; padding: .2rem .5rem; margin: .25rem 0; }
@media print { .rejudged-banner, .carried-over { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
</style>`;

/** The banner under the PV's title; '' for a run that was not re-judged. */
export function rejudgedBanner(run: RunResult, lang: Lang): SafeHtml | '' {
  const j = run.rejudged;
  if (!j) return '';
  const c = colon(lang);
  const when = humanInZone(j.at, PARIS, lang);
  const clock = humanInZone(run.now, PARIS, lang);
  const body =
    lang === 'fr'
      ? html`<strong>Recette re-jugée hors ligne</strong>${c} les réponses enregistrées par la recette <code>${j.fromRunId}</code> (<code>${j.fromFile}</code>, SHA-256 <code>${j.fromSha256}</code>) ont été jugées à nouveau le ${when}, avec les règles, le cahier et l’IG de ce jour et l’horloge de la recette d’origine (${clock}), sans aucun appel au point d’accès. <strong>${j.rejudgedCases}</strong> cas re-jugé(s), <strong>${j.carriedOver}</strong> cas reporté(s) tels quels (faits de transport non re-mesurables hors ligne, ou réponse non rejouable), marqués dans la liste des cas.`
      : html`<strong>Run re-judged offline</strong>${c} the answers recorded by run <code>${j.fromRunId}</code> (<code>${j.fromFile}</code>, SHA-256 <code>${j.fromSha256}</code>) were judged again on ${when}, with that day's rules, cahier and IG and the original run's clock (${clock}), without any call to the endpoint. <strong>${j.rejudgedCases}</strong> case(s) re-judged, <strong>${j.carriedOver}</strong> carried over as they were (transport facts not re-measurable offline, or an answer that could not be replayed), marked in the case list.`;
  return html`${new SafeHtml(STYLE)}<p class="rejudged-banner" role="note"><span aria-hidden="true">↻</span> ${body}</p>`;
}

/** The mark of one carried-over case. */
function carriedMark(c: CaseResult, lang: Lang): SafeHtml {
  const why = c.carriedOver?.[lang] ?? '';
  return lang === 'fr'
    ? html`<p class="carried-over"><strong>Reporté de la recette d’origine, non re-jugé</strong>${colon(lang)} ${why}</p>`
    : html`<p class="carried-over"><strong>Carried over from the original run, not re-judged</strong>${colon(lang)} ${why}</p>`;
}

/**
 * The case cards with the carried-over ones marked. `anchors` are the cards' ids (anchorId: letters,
 * digits, `-`); each card's heading is `<h4 id="<anchor>-h">…</h4>` and holds only escaped text, so its
 * first `</h4>` closes it.
 */
export function markCarriedOver(section: SafeHtml, run: RunResult, anchors: Map<CaseResult, string>, lang: Lang): SafeHtml {
  if (!run.rejudged) return section;
  let out = section.value;
  for (const c of run.cases) {
    const anchor = anchors.get(c);
    if (!c.carriedOver || !anchor) continue;
    const start = out.indexOf(`id="${anchor}-h"`);
    const end = start < 0 ? -1 : out.indexOf('</h4>', start);
    if (end < 0) continue;
    const at = end + '</h4>'.length;
    out = `${out.slice(0, at)}\n${carriedMark(c, lang).value}${out.slice(at)}`;
  }
  return new SafeHtml(out);
}
