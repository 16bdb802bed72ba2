/**
 * How every HTML document of the tool opens (the PV, the PV VSR, the diff page, the campaign
 * dashboard): one self-contained file, no script and no external resource (the CSP forbids both), no
 * referrer, the PV's stylesheet with `footer` printed at the foot of each page, plus the page's own rules.
 */
import { cssString, html, trusted, type SafeHtml } from './escape.js';
import { pvStyles } from './styles.js';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface DocumentHead {
  lang: string;
  title: string;
  /** Printed at the foot of every page (a CSS string: escaped here). */
  footer: string;
  /** The page's own rules, after the PV's (trusted: constants of the tool only). */
  extraCss?: string;
  /** `<meta name="generator">`, for a page a later run recognises as its own (the campaign dashboard). */
  generator?: string;
}

/** `<!DOCTYPE html>`, `<html lang>` and the whole `<head>`; the caller goes on with `<body>`. */
export function documentHead(o: DocumentHead): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">${o.generator ? html`\n<meta name="generator" content="${o.generator}">` : ''}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}</title>
<style>${trusted(pvStyles(cssString(o.footer)) + (o.extraCss ?? ''))}</style>
</head>`;
}
