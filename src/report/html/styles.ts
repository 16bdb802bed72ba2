/**
 * The PV's only stylesheet, inlined in a <style> element (the CSP allows inline styles and nothing
 * else). System fonts, no images; every status is a word plus an icon, colours only reinforce it.
 * `pvNumberCss` is a CSS string literal already escaped by cssString().
 *
 * Nothing may pass the right margin on paper (Chromium cuts it at the page edge): any long token
 * (URL, hash, location) may break where it must, table columns and the signature grid may shrink below
 * their content's width, and no region scrolls. Case, requirement and rule ids never break (ids.ts).
 */
export function pvStyles(pvNumberCss: string): string {
  return `
:root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #b3b3b3; --pass: #1b5e20; --pass-bg: #e8f5e9;
  --fail: #a31515; --fail-bg: #fdecea; --skip: #3d3d3d; --skip-bg: #ededed; --err: #7a4100; --err-bg: #fff1dc;
  --resv: #5c4a00; --resv-bg: #fff8d6; --na: #1f4e79; --na-bg: #e6f0fa; }
* { box-sizing: border-box; }
html { font-family: system-ui, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
  background: #fff; line-height: 1.45; }
body { margin: 0 auto; padding: 1.5rem 1.25rem 3rem; max-width: 62rem; font-size: 15px; overflow-wrap: break-word; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
h4 { font-size: 1.02rem; margin: 0 0 .4rem; }
h5 { font-size: .95rem; margin: .9rem 0 .35rem; }
p { margin: .35rem 0; }
a { color: #0b4f9c; }
a:focus-visible, summary:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: .85em; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; border: 1px solid #ddd; padding: .5rem .6rem;
  margin: .3rem 0; }
code.id { white-space: nowrap; overflow-wrap: normal; }
code.id.long { white-space: normal; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92em; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #f0f0f0; }
th[scope=row] { background: #fafafa; font-weight: 600; }
thead th { overflow-wrap: normal; hyphens: auto; }
table.identification th[scope=row] { width: 30%; }
table.findings, table.declarations, table.attestations, table.matrix { table-layout: fixed; }
table.findings col.c-sev { width: 12%; } table.findings col.c-rule { width: 17%; } table.findings col.c-loc { width: 27%; }
table.findings col.c-msg { width: 27%; } table.findings col.c-req { width: 17%; }
table.findings.repeated col.c-sev { width: 12%; } table.findings.repeated col.c-rule { width: 17%; }
table.findings.repeated col.c-count { width: 8%; } table.findings.repeated col.c-loc { width: 26%; }
table.findings.repeated col.c-msg { width: 20%; } table.findings.repeated col.c-req { width: 17%; }
table.findings.repeated li.more { font-style: italic; }
table.matrix col.c-id { width: 16%; } table.matrix col.c-text { width: 34%; } table.matrix col.c-cases { width: 33%; }
table.matrix col.c-status { width: 17%; }
td .verdict { white-space: normal; }
table.latency { font-size: .85em; }
table.blocking .cause-reason { font-weight: normal; }
caption { overflow-wrap: anywhere; }
table.declarations col.c-q { width: 28%; } table.declarations col.c-a { width: 11%; } table.declarations col.c-com { width: 18%; }
table.declarations col.c-by { width: 15%; } table.declarations col.c-date { width: 11%; } table.declarations col.c-req { width: 17%; }
table.attestations col.c-q { width: 24%; } table.attestations col.c-how { width: 36%; } table.attestations col.c-req { width: 12%; }
table.attestations col.c-a { width: 16%; } table.attestations col.c-by { width: 12%; } table.attestations td.how { overflow-wrap: anywhere; }
table.attestations td.blank { height: 3.2em; }
td.num, th.num { text-align: right; white-space: nowrap; }
.status-line { font-size: 1.05rem; font-weight: 700; border: 2px dashed var(--ink); display: inline-block; padding: .15rem .6rem;
  margin: .4rem 0 1rem; }
.subtitle { color: var(--muted); margin: 0; }
.verdict { display: inline-block; border: 1.5px solid currentColor; border-radius: .3rem; padding: 0 .4rem; font-weight: 700;
  white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.verdict-passed { color: var(--pass); background: var(--pass-bg); }
.verdict-failed { color: var(--fail); background: var(--fail-bg); }
.verdict-skipped { color: var(--skip); background: var(--skip-bg); }
.verdict-error { color: var(--err); background: var(--err-bg); }
.verdict-passed-with-reserves { color: var(--resv); background: var(--resv-bg); }
.verdict-not-applicable { color: var(--na); background: var(--na-bg); border-style: dashed; }
.not-valid { border: 3px double var(--fail); color: var(--fail); background: var(--fail-bg); font-weight: 700; font-size: 1.15rem;
  padding: .4rem .7rem; margin: .5rem 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.mode-strict { font-weight: 600; }
.overall { border: 3px solid var(--ink); padding: .8rem 1rem; margin: .5rem 0 1.2rem; }
.overall .verdict { font-size: 1.5rem; padding: .1rem .7rem; }
.overall-favorable { border-color: var(--pass); }
.overall-favorable-with-reserves { border-color: var(--resv); }
.overall-unfavorable { border-color: var(--fail); }
.case { border: 1px solid var(--line); border-left: 6px solid var(--skip); padding: .7rem .9rem; margin: .9rem 0; }
.case-passed { border-left-color: var(--pass); }
.case-failed { border-left-color: var(--fail); }
.case-error { border-left-color: var(--err); }
.case-passed-with-reserves { border-left-color: var(--resv); }
.case-not-applicable { border-left-color: var(--na); border-left-style: dashed; }
.meta { color: var(--muted); font-size: .9em; }
.exchange { border-top: 1px dotted var(--line); padding-top: .4rem; margin-top: .4rem; }
.exchange-line { font-weight: 600; overflow-wrap: anywhere; }
details > summary { cursor: pointer; font-weight: 600; padding: .15rem 0; }
.print-only { display: none; }
.url-short { display: none; }
.wire-url { margin: 0 0 .2rem; font-size: .85em; color: var(--muted); }
figure.excerpt { margin: .3rem 0; }
figure.excerpt figcaption { font-size: .9em; }
figure.excerpt pre { margin-top: .15rem; }
figure.excerpt .ln, figure.excerpt .gap { color: var(--muted); }
mark { background: #ffe27a; color: var(--ink); font-weight: 700; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
details.full-body { margin: .2rem 0 .3rem; }
nav.toc ol { margin: .2rem 0; padding-left: 1.6rem; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li { margin: .1rem 0; }
.note { color: var(--muted); font-size: .9em; }
.declarative { border-left: 6px double var(--muted); padding-left: .7rem; }
.signatures { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
.signature-box { border: 1.5px solid var(--ink); padding: .6rem .8rem; }
.signature-box h3 { margin-top: 0; }
.signature-box dl { margin: 0; }
.signature-box dt { font-weight: 600; margin-top: .5rem; }
.signature-box dd { margin: 0; border-bottom: 1px solid var(--line); min-height: 1.6rem; }
.signature-box dd.sign-area { min-height: 5.5rem; }
footer { margin-top: 1.5rem; border-top: 1px solid var(--ink); padding-top: .4rem; font-size: .82em; color: var(--muted); }
footer .hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; color: var(--ink); }
@page { size: A4; margin: 16mm 13mm 18mm;
  @bottom-left { content: ${pvNumberCss}; font-size: 8pt; color: #333; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #333; } }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  h3, h4, h5, caption { break-after: avoid; }
  main > section + section, .closing { break-before: page; }
  .case, .overall, .signature-box, .closing, .declarative, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  pre { max-height: none; overflow: visible; background: none; }
  .print-only { display: block; }
  .exchange > details, .screen-only { display: none; }
  a { color: inherit; text-decoration: none; }
  th, td { padding: .2rem .35rem; }
  .case { padding: .35rem .6rem; margin: .45rem 0; }
  .case h4 { font-size: 10.5pt; margin-bottom: .2rem; }
  .case h5 { font-size: 9.5pt; margin: .35rem 0 .15rem; }
  .exchange { padding-top: .15rem; margin-top: .15rem; }
  .case-compact .exchange-line { font-weight: normal; font-size: .9em; }
  /* the wire form of a passed case's requests stays on screen: on paper it would double each exchange */
  .case-compact .wire-url { display: none; }
  /* and its long request lines print shortened (a passed case's request is evidence of nothing wrong) */
  .case-compact .url-full { display: none; }
  .case-compact .url-short { display: inline; }
}
`;
}
