/**
 * The two charts of the PV VSR as inline SVG, no script: availability per day (bars) and latency
 * percentiles per day (lines, with the 1 s target and the SAS 7 s time-out). Made for paper in black
 * and white: greys, hatching, dash patterns, marker shapes and written values, never colour alone; each
 * is an `<svg role="img">` named by its `<title>` and `<desc>`, and the PV puts a table of its numbers
 * right after it.
 *
 * Written by hand rather than with Vega-Lite and Vega's headless SVG renderer: two fixed chart shapes
 * of a few dozen bars and points are some 150 lines here, while Vega brings several MB of dependencies,
 * an asynchronous view runtime to render them, and SVG with generated ids and styles that we would then
 * have to audit for the PV's no-script CSP and escaping rules.
 */
import type { Lang } from '../../core/findings.js';
import { html, trusted, type SafeHtml } from '../html/escape.js';
import { SAS_TIMEOUT_MS, TARGET_MS } from './percentile.js';
import type { DayStats } from './vsr-model.js';
import { dayShort, percentText, secondsText } from './vsr-format.js';
import type { VsrLabels } from './vsr-labels.js';

const W = 720;
const H = 250;
const LEFT = 48;
const RIGHT = 14;
const TOP = 26;
const BOTTOM = 34;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

/** A number for an SVG attribute (one decimal is finer than print resolution). */
const n1 = (v: number): string => (Math.round(v * 10) / 10).toString();

function frame(id: string, title: string, desc: string, body: SafeHtml): SafeHtml {
  return html`<svg class="vsr-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${desc}</desc>
${body}
</svg>`;
}

/** Day labels under the x axis, about ten of them. */
function dayAxis(days: readonly DayStats[], band: number, lang: Lang): SafeHtml {
  const every = Math.max(1, Math.ceil(days.length / 10));
  const parts = days.map((d, i) => {
    if (i % every !== 0) return '';
    const x = LEFT + band * (i + 0.5);
    return html`<line x1="${n1(x)}" y1="${TOP + PLOT_H}" x2="${n1(x)}" y2="${TOP + PLOT_H + 4}" stroke="#000"/><text x="${n1(x)}" y="${TOP + PLOT_H + 16}" font-size="10" text-anchor="middle">${dayShort(d.day, lang)}</text>`;
  });
  return html`<line x1="${LEFT}" y1="${TOP + PLOT_H}" x2="${LEFT + PLOT_W}" y2="${TOP + PLOT_H}" stroke="#000"/>${parts}`;
}

function yGrid(values: readonly number[], toY: (v: number) => number, label: (v: number) => string): SafeHtml {
  return html`${values.map(
    (v) =>
      html`<line x1="${LEFT}" y1="${n1(toY(v))}" x2="${LEFT + PLOT_W}" y2="${n1(toY(v))}" stroke="#c8c8c8" stroke-width="0.6"/><text x="${LEFT - 5}" y="${n1(toY(v) + 3.5)}" font-size="10" text-anchor="end">${label(v)}</text>`,
  )}`;
}

export function availabilityChart(days: readonly DayStats[], t: VsrLabels, lang: Lang): SafeHtml {
  const band = PLOT_W / Math.max(1, days.length);
  const toY = (ratio: number): number => TOP + PLOT_H * (1 - ratio);
  const bars = days.map((d, i) => {
    const x = LEFT + band * i + band * 0.15;
    const w = Math.max(1, band * 0.7);
    const cx = LEFT + band * (i + 0.5);
    if (d.availability === undefined)
      return html`<text x="${n1(cx)}" y="${TOP + PLOT_H - 3}" font-size="11" font-weight="bold" text-anchor="middle">×</text>`;
    const y = toY(d.availability);
    const h = TOP + PLOT_H - y;
    if (d.availability >= 1)
      return html`<rect x="${n1(x)}" y="${n1(y)}" width="${n1(w)}" height="${n1(h)}" fill="#c8c8c8" stroke="#333" stroke-width="0.5"/>`;
    const value = percentText(d.availability, lang).replace(/\s?%$/, '');
    return html`<rect x="${n1(x)}" y="${n1(y)}" width="${n1(w)}" height="${n1(h)}" fill="url(#vsr-hatch)" stroke="#000" stroke-width="0.8"/><text x="${n1(cx)}" y="${n1(Math.max(TOP - 4, y - 3))}" font-size="8" text-anchor="middle">${value}</text>`;
  });
  const defs = trusted(
    '<defs><pattern id="vsr-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/><line x1="0" y1="0" x2="0" y2="5" stroke="#000" stroke-width="2"/></pattern></defs>',
  );
  const withData = days.filter((d) => d.availability !== undefined);
  const worst = withData.reduce<DayStats | undefined>((w, d) => (!w || (d.availability ?? 1) < (w.availability ?? 1) ? d : w), undefined);
  const desc = t.availabilityChartDesc(
    worst ? dayShort(worst.day, lang) : '—',
    worst?.availability !== undefined ? percentText(worst.availability, lang) : '—',
    days.length - withData.length,
  );
  const grid = yGrid([0, 0.25, 0.5, 0.75, 1], toY, (v) => (lang === 'fr' ? `${v * 100}\u00a0%` : `${v * 100}%`));
  return frame('vsr-availability', t.availabilityChartTitle, desc, html`${defs}${grid}${bars}${dayAxis(days, band, lang)}`);
}

type Series = 'p50' | 'p95' | 'p99';
const SERIES: ReadonlyArray<{ key: Series; dash: string; width: number; marker: (x: number, y: number) => SafeHtml }> = [
  { key: 'p50', dash: '', width: 1.6, marker: (x, y) => html`<circle cx="${n1(x)}" cy="${n1(y)}" r="1.8" fill="#000"/>` },
  {
    key: 'p95',
    dash: '5 3',
    width: 1.4,
    marker: (x, y) =>
      html`<rect x="${n1(x - 1.8)}" y="${n1(y - 1.8)}" width="3.6" height="3.6" fill="#fff" stroke="#000" stroke-width="0.8"/>`,
  },
  {
    key: 'p99',
    dash: '1.2 2.4',
    width: 1.4,
    marker: (x, y) =>
      html`<path d="M${n1(x)} ${n1(y - 2.4)} L${n1(x + 2.2)} ${n1(y + 1.6)} L${n1(x - 2.2)} ${n1(y + 1.6)} Z" fill="#000"/>`,
  },
];

/** The line of one percentile, broken over the days without an answered request. */
function seriesPath(
  days: readonly DayStats[],
  key: Series,
  band: number,
  toY: (ms: number) => number,
): { d: string; points: Array<[number, number]> } {
  let d = '';
  let pen = false;
  const points: Array<[number, number]> = [];
  days.forEach((day, i) => {
    const v = day.latency[key];
    if (v === undefined) {
      pen = false;
      return;
    }
    const x = LEFT + band * (i + 0.5);
    const y = toY(v);
    d += `${pen ? 'L' : 'M'}${n1(x)} ${n1(y)} `;
    pen = true;
    points.push([x, y]);
  });
  return { d: d.trim(), points };
}

export function latencyChart(days: readonly DayStats[], p95: number | undefined, over7s: number, t: VsrLabels, lang: Lang): SafeHtml {
  const band = PLOT_W / Math.max(1, days.length);
  const highest = Math.max(0, ...days.map((d) => d.latency.p99 ?? 0));
  const yMax = Math.max(SAS_TIMEOUT_MS + 1000, Math.ceil(highest / 1000) * 1000);
  const step = yMax <= 10_000 ? 1000 : yMax <= 30_000 ? 5000 : 10_000;
  const toY = (ms: number): number => TOP + PLOT_H * (1 - Math.min(ms, yMax) / yMax);
  const ticks: number[] = [];
  for (let v = 0; v <= yMax; v += step) ticks.push(v);
  const grid = yGrid(ticks, toY, (v) => `${v / 1000}\u00a0s`);
  const ref = (ms: number, label: string, attrs: SafeHtml): SafeHtml =>
    html`<line x1="${LEFT}" y1="${n1(toY(ms))}" x2="${LEFT + PLOT_W}" y2="${n1(toY(ms))}" stroke="#000" ${attrs}/><text x="${LEFT + PLOT_W - 2}" y="${n1(toY(ms) - 3)}" font-size="10" text-anchor="end" font-style="italic" paint-order="stroke" stroke="#fff" stroke-width="3">${label}</text>`;
  const refs = html`${ref(TARGET_MS, t.target, trusted('stroke-width="1" stroke-dasharray="9 3 2 3"'))}${ref(SAS_TIMEOUT_MS, t.timeout, trusted('stroke-width="2"'))}`;
  const lines = SERIES.map((s) => {
    const { d, points } = seriesPath(days, s.key, band, toY);
    if (!d) return '';
    const dash = s.dash ? html` stroke-dasharray="${s.dash}"` : '';
    return html`<path d="${d}" fill="none" stroke="#000" stroke-width="${s.width}"${dash}/>${points.map(([x, y]) => s.marker(x, y))}`;
  });
  const legend = SERIES.map((s, i) => {
    const x = LEFT + 8 + i * 90;
    const dash = s.dash ? html` stroke-dasharray="${s.dash}"` : '';
    return html`<line x1="${x}" y1="10" x2="${x + 28}" y2="10" stroke="#000" stroke-width="${s.width}"${dash}/>${s.marker(x + 14, 10)}<text x="${x + 33}" y="13.5" font-size="10">${s.key}</text>`;
  });
  const desc = t.latencyChartDesc(secondsText(p95, lang), over7s);
  return frame('vsr-latency', t.latencyChartTitle, desc, html`${grid}${refs}${lines}${legend}${dayAxis(days, band, lang)}`);
}
