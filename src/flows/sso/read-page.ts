/**
 * What an HTML answer is, read as a browser builds it (flux V2): parse5 turns any text (unclosed,
 * misnested, huge, binary) into the document a browser would, by the WHATWG tree-construction rules,
 * and this module walks it without recursion to count what tells a login page from an agenda: forms
 * with a password field, scripts, visible text, a refresh to another URL, an error status the document
 * declares itself. No keyword list: only the structure of the page.
 *
 * parse5 8.1.1 or later: earlier versions take time quadratic in the nesting depth (50,000 nested
 * <div>: about 12 s before 8.1.1, about 0.1 s with it), which a hostile page would use. Its dependency
 * `entities` 9 is ESM-only and declares Node >= 20.19 for require(esm); sas-recette imports it as
 * ESM, so Node 20.18 runs it (npm only warns).
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** A login page is a few KiB; past this the document is read up to here only (and said so). */
export const MAX_PARSED_CHARS = 2_000_000;

/** Below this much visible text, a page of scripts without any form is a single-page-application shell. */
export const SPA_TEXT_MAX = 200;

export interface PageReading {
  /** Forms owning a password field (`<input type=password>` inside the form, or naming it with `form=`). */
  loginForms: number;
  /** Password fields, wherever they are (one outside any form is submitted by a script). */
  passwordFields: number;
  forms: number;
  scripts: number;
  /** Non-blank characters of visible text (outside head, script, style, noscript, template), counted up to 100,000. */
  textChars: number;
  title?: string;
  /** `<meta http-equiv=refresh content="N; url=…">`: the URL as written. */
  refreshUrl?: string;
  /** An HTTP error status the document gives itself: `<meta http-equiv=status>`, or a title / first h1 starting with 4xx / 5xx. */
  declaredStatus?: number;
  /** Values of the hidden fields of the page (at most 50, 500 characters each): where a login form keeps `origin`. */
  hiddenValues: string[];
  /** Only the first MAX_PARSED_CHARS characters were read. */
  truncated: boolean;
}

const INVISIBLE = new Set(['head', 'script', 'style', 'noscript', 'template', 'title']);
const TEXT_COUNT_CAP = 100_000;

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

function errorStatusOf(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^\s*([45]\d\d)(?!\d)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** `0; url=/connexion` → `/connexion` (quotes removed); undefined when the refresh names no URL. */
export function refreshTarget(content: string): string | undefined {
  const m = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/i.exec(content);
  const raw = (m?.[1] ?? '').trim().replace(/^['"]|['"]$/g, '');
  return raw === '' ? undefined : raw;
}

function textOf(el: Element): string {
  let out = '';
  const stack: Node[] = [...el.childNodes].reverse();
  while (stack.length > 0 && out.length < 1000) {
    const n = stack.pop() as Node;
    if (n.nodeName === '#text') out += (n as DefaultTreeAdapterMap['textNode']).value;
    else if (isElement(n)) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Reads an HTML document (pure; never throws on any input). */
export function readPage(html: string): PageReading {
  const truncated = html.length > MAX_PARSED_CHARS;
  const doc = parse(truncated ? html.slice(0, MAX_PARSED_CHARS) : html);
  const out: PageReading = { loginForms: 0, passwordFields: 0, forms: 0, scripts: 0, textChars: 0, hiddenValues: [], truncated };
  const formIds = new Map<string, Element>();
  const owning = new Set<Element>();
  const namedOwners: string[] = [];
  let firstH1: string | undefined;
  // Depth-first, iterative (a hostile page nests hundreds of thousands of elements); `hidden` counts
  // the invisible ancestors of the nodes on the stack.
  const stack: { node: Node; form?: Element; hidden: boolean }[] = [{ node: doc, hidden: false }];
  while (stack.length > 0) {
    const { node, form, hidden } = stack.pop() as { node: Node; form?: Element; hidden: boolean };
    if (node.nodeName === '#text') {
      if (!hidden && out.textChars < TEXT_COUNT_CAP)
        out.textChars += (node as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, '').length;
      continue;
    }
    if (!('childNodes' in node)) continue;
    let owner = form;
    let hide = hidden;
    if (isElement(node)) {
      const tag = node.tagName;
      if (INVISIBLE.has(tag)) hide = true;
      switch (tag) {
        case 'form': {
          out.forms++;
          owner = node;
          const id = attr(node, 'id');
          if (id !== undefined && !formIds.has(id)) formIds.set(id, node);
          break;
        }
        case 'input': {
          const type = (attr(node, 'type') ?? '').trim().toLowerCase();
          if (type === 'password') {
            out.passwordFields++;
            const named = attr(node, 'form');
            if (named !== undefined) namedOwners.push(named);
            else if (form) owning.add(form);
          } else if (type === 'hidden' && out.hiddenValues.length < 50) {
            out.hiddenValues.push((attr(node, 'value') ?? '').slice(0, 500));
          }
          break;
        }
        case 'script':
          out.scripts++;
          break;
        case 'title':
          out.title ??= textOf(node).slice(0, 200);
          break;
        case 'h1':
          firstH1 ??= textOf(node).slice(0, 200);
          break;
        case 'meta': {
          const equiv = (attr(node, 'http-equiv') ?? '').trim().toLowerCase();
          const content = attr(node, 'content') ?? '';
          if (equiv === 'refresh') out.refreshUrl ??= refreshTarget(content);
          if (equiv === 'status') out.declaredStatus ??= errorStatusOf(content);
          break;
        }
      }
      // A template's content is inert (never rendered): its children are not the page's.
      if (tag === 'template') continue;
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], form: owner, hidden: hide });
  }
  for (const id of namedOwners) {
    const f = formIds.get(id);
    if (f) owning.add(f);
  }
  out.loginForms = owning.size;
  out.declaredStatus ??= errorStatusOf(out.title) ?? errorStatusOf(firstH1);
  return out;
}

/** A page of scripts with no form and almost no text: its content is built by scripts, so it cannot be judged statically. */
export function isScriptShell(p: PageReading): boolean {
  return p.scripts > 0 && p.forms === 0 && p.passwordFields === 0 && p.textChars < SPA_TEXT_MAX;
}
