/**
 * Evidence of a case: each exchange (request line, redacted headers, status, timing, response excerpt)
 * inside a native <details>; on paper, for failed and error cases, the first lines of each response
 * instead; long series (latency) condensed; latency tables.
 */
import type { Lang } from '../../core/findings.js';
import type { Exchange, LatencySample } from '../../core/model.js';
import { describeTransport } from '../case-view.js';
import { headLines, humanMs, prettyBody, truncateUtf8 } from '../format.js';
import { html, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

/** Largest response excerpt written into the PV per exchange (the full recorded body is in run.json). */
export const HTML_BODY_MAX_BYTES = 8 * 1024;
/** Lines of each response body printed for failed and error cases (the details are not printed). */
export const PRINT_EXCERPT_LINES = 12;

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function timing(x: Exchange, lang: Lang): string {
  const ttfb = x.timings.ttfbMs !== undefined ? ` (TTFB ${humanMs(x.timings.ttfbMs, lang)})` : '';
  return `${humanMs(x.timings.totalMs, lang)}${ttfb}`;
}

function statusText(x: Exchange, t: Labels): string {
  return x.response ? `HTTP ${x.response.status}` : `${t.noResponse} — ${describeTransport(x)}`;
}

function tlsText(x: Exchange): string | undefined {
  const f = x.tls;
  if (!f) return undefined;
  const parts = [
    f.protocol && `protocol: ${f.protocol}`,
    f.cipher && `cipher: ${f.cipher}`,
    f.peerSubject && `server subject: ${f.peerSubject}`,
    f.peerIssuer && `server issuer: ${f.peerIssuer}`,
    f.peerValidTo && `server valid to: ${f.peerValidTo}`,
    f.clientCertSubject && `client certificate: ${f.clientCertSubject}`,
    f.clientCertFingerprint256 && `client certificate SHA-256: ${f.clientCertFingerprint256}`,
  ].filter(Boolean);
  return parts.length ? parts.join('\n') : undefined;
}

function exchangeLine(x: Exchange, t: Labels, lang: Lang): SafeHtml {
  return html`<p class="exchange-line">${x.label ? html`[${x.label}] ` : ''}<code>${x.request.method} ${x.request.url}</code> → ${statusText(x, t)} · ${timing(x, lang)}</p>`;
}

function responseExcerpt(x: Exchange): { text: string; cut: boolean } | undefined {
  return x.response ? truncateUtf8(prettyBody(x.response.body), HTML_BODY_MAX_BYTES) : undefined;
}

/** The first lines of the response body, shown on paper only (request line and status are above). */
function printExcerpt(x: Exchange): SafeHtml | '' {
  const body = responseExcerpt(x);
  const excerpt = body ? headLines(body.text, PRINT_EXCERPT_LINES) : undefined;
  return excerpt ? html`<pre class="print-excerpt">${excerpt.text}${excerpt.cut ? '\n…' : ''}</pre>` : '';
}

function exchangeDetails(x: Exchange, open: boolean, t: Labels, lang: Lang): SafeHtml {
  const requestLine = `${x.request.method} ${x.request.url}`;
  const status = statusText(x, t);
  const body = responseExcerpt(x);
  const tls = tlsText(x);
  return html`<details${open ? html` open` : ''}><summary>${t.exchangeDetails}${x.label ? ` — ${x.label}` : ''}</summary>
<p><strong>${t.request}</strong> <span class="note">${x.startedAt}</span></p>
<pre>${requestLine}${Object.keys(x.request.headers).length ? `\n${headerLines(x.request.headers)}` : ''}</pre>
<p><strong>${t.response}</strong></p>
<pre>${status} · ${timing(x, lang)}${x.response && Object.keys(x.response.headers).length ? `\n${headerLines(x.response.headers)}` : ''}</pre>
${
  x.response && body
    ? html`<p><strong>${t.body}</strong> <span class="note">${t.bodyInfo(x.response.bodyBytes, x.response.truncated, body.cut)} · SHA-256 <code>${x.response.sha256}</code></span></p>
<pre>${body.text}${body.cut ? '\n…' : ''}</pre>`
    : ''
}
${tls ? html`<p><strong>${t.tls}</strong></p><pre>${tls}</pre>` : ''}
</details>`;
}

export interface ExchangeView {
  /** Open the details on screen (failed and error cases). */
  open: boolean;
  /** Print the first lines of the body on paper (failed and error cases). */
  excerpt: boolean;
}

/** One exchange: its line, the printed excerpt when asked, and the details (screen only). */
export function exchangeBlock(x: Exchange, view: ExchangeView, t: Labels, lang: Lang): SafeHtml {
  return html`<div class="exchange">
${exchangeLine(x, t, lang)}
${view.excerpt ? printExcerpt(x) : ''}
${exchangeDetails(x, view.open, t, lang)}
</div>\n`;
}

/** An exchange as printed inside a long series: its line and, when asked, the excerpt; no details. */
function printedExchange(x: Exchange, excerpt: boolean, t: Labels, lang: Lang): SafeHtml {
  return html`<div class="exchange">
${exchangeLine(x, t, lang)}
${excerpt ? printExcerpt(x) : ''}
</div>\n`;
}

/** A case with more exchanges than this (a latency series) prints only PRINTED_EXCHANGES of them. */
export const MANY_EXCHANGES = 5;
export const PRINTED_EXCHANGES = 3;

/**
 * The evidence of a case. Up to MANY_EXCHANGES exchanges are shown one by one. A longer series prints
 * its first PRINTED_EXCHANGES and a count on paper; on screen, all of them sit in one closed <details>.
 */
export function evidenceBlock(exchanges: Exchange[], view: ExchangeView, t: Labels, lang: Lang): SafeHtml | '' {
  if (exchanges.length === 0) return '';
  const heading = html`<h5>${t.evidence} (${exchanges.length})</h5>`;
  if (exchanges.length <= MANY_EXCHANGES) return html`${heading}${exchanges.map((x) => exchangeBlock(x, view, t, lang))}`;
  const rest = exchanges.slice(PRINTED_EXCHANGES);
  const noResponse = rest.filter((x) => !x.response).length;
  return html`${heading}<div class="print-only exchange-series">
${exchanges.slice(0, PRINTED_EXCHANGES).map((x) => printedExchange(x, view.excerpt, t, lang))}<p class="note more-exchanges">${t.moreExchanges(rest.length, noResponse)}</p>
</div>
<details class="screen-only exchange-series"><summary>${t.allExchanges(exchanges.length)}</summary>
${exchanges.map((x) => exchangeBlock(x, { open: false, excerpt: false }, t, lang))}</details>\n`;
}

function ms(v: number, lang: Lang): string {
  return humanMs(v, lang);
}

export function latencyTable(samples: LatencySample[], t: Labels, lang: Lang): SafeHtml {
  const budgetMs = samples[0]?.budgetMs ?? 7000;
  const targetMs = samples[0]?.targetMs ?? 1000;
  return html`<table class="latency">
<caption>${t.latencyCaption}</caption>
<thead><tr><th scope="col">${t.measure}</th><th scope="col" class="num">${t.identifiers}</th><th scope="col" class="num">${t.concurrency}</th><th scope="col" class="num">${t.samples}</th><th scope="col" class="num">p50</th><th scope="col" class="num">p95</th><th scope="col" class="num">max</th><th scope="col">${t.budget(budgetMs)}</th><th scope="col">${t.target(targetMs)}</th></tr></thead>
<tbody>
${samples.map(
  (s) =>
    html`<tr><th scope="row">${s.label}</th><td class="num">${s.identifiers}</td><td class="num">${s.concurrency}</td><td class="num">${s.samplesMs.length}</td><td class="num">${ms(s.p50, lang)}</td><td class="num">${ms(s.p95, lang)}</td><td class="num">${ms(s.max, lang)}</td><td>${
      s.max <= s.budgetMs
        ? html`<span class="verdict verdict-passed"><span aria-hidden="true">✔</span> ${t.within}</span>`
        : html`<span class="verdict verdict-failed"><span aria-hidden="true">✘</span> ${t.over}</span>`
    }</td><td>${
      s.p50 <= s.targetMs
        ? html`<span class="verdict verdict-passed"><span aria-hidden="true">✔</span> ${t.reached}</span>`
        : html`<span class="verdict verdict-skipped"><span aria-hidden="true">–</span> ${t.missed}</span>`
    }</td></tr>\n`,
)}</tbody>
</table>`;
}
