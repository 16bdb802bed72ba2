/**
 * Evidence of a case: each exchange's line (the request URL decoded for reading, its exact wire form
 * beside it), for failed and error cases the part of each answer that shows the fault (fault-excerpt.ts,
 * else the first lines of the answer), then the details (redacted headers, status, timing, TLS, the full
 * answer behind its own disclosure) in a native <details> that is not printed; long series (latency)
 * condensed; latency tables.
 */
import type { Finding, Lang } from '../../core/findings.js';
import type { Exchange, LatencySample } from '../../core/model.js';
import { describeTransport } from '../case-view.js';
import { headLines, humanMs, prettyBody, truncateUtf8 } from '../format.js';
import { html, type SafeHtml } from './escape.js';
import { faultExcerpts, type ExcerptLine, type FaultExcerpt } from './fault-excerpt.js';
import type { Labels } from './i18n.js';
import { idList } from './ids.js';
import { readableUrl } from './url-text.js';

/** Largest response excerpt written into the PV per exchange (the full recorded body is in run.json). */
export const HTML_BODY_MAX_BYTES = 8 * 1024;
/** Lines of a response shown for a failed or error case when no failing element can be located in it. */
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

/** Request lines longer than this print shortened in passed cases (the full line stays on screen and in run.json). */
const SHORT_REQUEST_LINE = 100;

/** The request, decoded for reading; with a shortened form that passed cases print when it is long. */
function requestText(method: string, readable: string): SafeHtml {
  const full = `${method} ${readable}`;
  const chars = [...full]; // by code point: never half of a surrogate pair
  if (chars.length <= SHORT_REQUEST_LINE) return html`<code>${full}</code>`;
  return html`<code class="url-full">${full}</code><code class="url-short">${chars.slice(0, SHORT_REQUEST_LINE).join('')}…</code>`;
}

/** The request line decoded for reading; the exact wire form on a second line when it differs. */
function exchangeLine(x: Exchange, t: Labels, lang: Lang): SafeHtml {
  const readable = readableUrl(x.request.url);
  return html`<p class="exchange-line">${x.label ? html`[${x.label}] ` : ''}${requestText(x.request.method, readable)} → ${statusText(x, t)} · ${timing(x, lang)}</p>${
    readable !== x.request.url ? html`\n<p class="wire-url">${t.wireForm}${t.colon} <code>${x.request.url}</code></p>` : ''
  }`;
}

function responseExcerpt(x: Exchange): { text: string; cut: boolean } | undefined {
  return x.response ? truncateUtf8(prettyBody(x.response.body), HTML_BODY_MAX_BYTES) : undefined;
}

/** Lines of an excerpt: line numbers, marked lines prefixed ▶ in <mark>, gaps counted. */
function excerptText(lines: ExcerptLine[], t: Labels): SafeHtml {
  const width = String(Math.max(...lines.map((l) => (l.kind === 'line' ? l.n : 0)))).length;
  return html`${lines.map((l, i) => {
    const sep = i ? '\n' : '';
    if (l.kind === 'gap') return html`${sep}<span class="gap">${' '.repeat(width)}   ${t.excerptGap(l.lines)}</span>`;
    const n = html`<span class="ln">${String(l.n).padStart(width)}</span>`;
    return l.marked ? html`${sep}${n} <mark>▶ ${l.text}</mark>` : html`${sep}${n}   ${l.text}`;
  })}`;
}

function faultFigure(e: FaultExcerpt, t: Labels): SafeHtml {
  return html`<figure class="excerpt fault-excerpt">
<figcaption>${t.excerptOf(e.where, e.resource)} · ${t.excerptRules}${t.colon} ${idList(e.rules)} <span class="note">(${t.excerptLegend})</span>${
    e.absent.length
      ? html`<br><span class="note">${t.excerptAbsent}${t.colon} ${e.absent.map((a, i) => html`${i ? ', ' : ''}<code>${a}</code>`)}</span>`
      : ''
  }</figcaption>
<pre>${excerptText(e.lines, t)}</pre>
</figure>\n`;
}

/**
 * What shows the fault in the answer: the lines around each failing element, else (answer cut, not
 * JSON, no locatable finding) its first lines. Shown on screen and printed.
 */
function faultEvidence(x: Exchange, failing: readonly Finding[], t: Labels): SafeHtml | '' {
  if (!x.response) return '';
  const view = faultExcerpts(x.response.body, x.response.truncated, [...failing]);
  if (view) {
    return html`${view.excerpts.map((e) => faultFigure(e, t))}${
      view.moreResources ? html`<p class="note more-resources">${t.moreResources(view.moreResources)}</p>\n` : ''
    }`;
  }
  const body = responseExcerpt(x);
  const head = body ? headLines(body.text, PRINT_EXCERPT_LINES) : undefined;
  if (!head || !head.text.trim()) return '';
  return html`<figure class="excerpt body-head">
<figcaption>${t.bodyHead(PRINT_EXCERPT_LINES)}</figcaption>
<pre>${head.text}${head.cut ? '\n…' : ''}</pre>
</figure>\n`;
}

/** The body of a POST / PUT (the payload sent, or what the SAS side received), behind a disclosure. */
function requestBodyDetails(x: Exchange, t: Labels): SafeHtml | '' {
  if (x.request.body === undefined) return '';
  const body = truncateUtf8(prettyBody(x.request.body), HTML_BODY_MAX_BYTES);
  return html`<details class="full-body request-body"><summary>${t.requestBody}</summary>
<pre>${body.text}${body.cut ? '\n…' : ''}</pre>
</details>`;
}

function exchangeDetails(x: Exchange, open: boolean, t: Labels, lang: Lang): SafeHtml {
  const requestLine = `${x.request.method} ${x.request.url}`;
  const status = statusText(x, t);
  const body = responseExcerpt(x);
  const tls = tlsText(x);
  return html`<details${open ? html` open` : ''}><summary>${t.exchangeDetails}${x.label ? ` — ${x.label}` : ''}</summary>
<p><strong>${t.request}</strong> <span class="note">${x.startedAt}</span></p>
<pre>${requestLine}${Object.keys(x.request.headers).length ? `\n${headerLines(x.request.headers)}` : ''}</pre>
${requestBodyDetails(x, t)}
<p><strong>${t.response}</strong></p>
<pre>${status} · ${timing(x, lang)}${x.response && Object.keys(x.response.headers).length ? `\n${headerLines(x.response.headers)}` : ''}</pre>
${
  x.response && body
    ? html`<details class="full-body"><summary>${t.fullBody}</summary>
<p><strong>${t.body}</strong> <span class="note">${t.bodyInfo(x.response.bodyBytes, x.response.truncated, body.cut)} · SHA-256 <code>${x.response.sha256}</code></span></p>
<pre>${body.text}${body.cut ? '\n…' : ''}</pre>
</details>`
    : ''
}
${tls ? html`<p><strong>${t.tls}</strong></p><pre>${tls}</pre>` : ''}
</details>`;
}

export interface ExchangeView {
  /** Open the details on screen (failed and error cases). */
  open: boolean;
  /** Show what in each answer shows the fault (failed and error cases). */
  excerpt: boolean;
  /** The case's failing findings, whose locations the excerpts mark. */
  failing?: readonly Finding[];
}

/** One exchange: its line, the fault excerpt when asked, and the details (screen only). */
export function exchangeBlock(x: Exchange, view: ExchangeView, t: Labels, lang: Lang): SafeHtml {
  return html`<div class="exchange">
${exchangeLine(x, t, lang)}
${view.excerpt ? faultEvidence(x, view.failing ?? [], t) : ''}
${exchangeDetails(x, view.open, t, lang)}
</div>\n`;
}

/** An exchange as printed inside a long series: its line and, when asked, the fault excerpt; no details. */
function printedExchange(x: Exchange, view: ExchangeView, t: Labels, lang: Lang): SafeHtml {
  return html`<div class="exchange">
${exchangeLine(x, t, lang)}
${view.excerpt ? faultEvidence(x, view.failing ?? [], t) : ''}
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
${exchanges.slice(0, PRINTED_EXCHANGES).map((x) => printedExchange(x, view, t, lang))}<p class="note more-exchanges">${t.moreExchanges(rest.length, noResponse)}</p>
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
