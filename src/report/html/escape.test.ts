import { describe, expect, it } from 'vitest';
import { anchorId, cssString, escapeHtml, html, trusted } from './escape.js';

describe('html', () => {
  it('escapes interpolated text, keeps nested html and joins arrays', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'" onmouseover="x'}">${inner}${['a&', html`<br>`]}${null}${false}${0}</p>`.value).toBe(
      '<p title="&quot; onmouseover=&quot;x"><b>&lt;i&gt;</b>a&amp;<br>0</p>',
    );
  });
  it('escapes single quotes and backticks, shows control characters visibly', () => {
    expect(escapeHtml("a'b`c\u0000d\u0007e\tf\ng")).toBe('a&#39;b&#96;c⟨U+0000⟩d⟨U+0007⟩e\tf\ng');
  });
  it('shows bidi controls, invisible format characters and lone surrogates as ⟨U+XXXX⟩ (issue #12, 10)', () => {
    const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    for (const c of bidi) expect(escapeHtml(`x${c}y`)).toBe(`x⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩y`);
    expect(escapeHtml('pay \u202Efdp.exe')).toBe('pay ⟨U+202E⟩fdp.exe');
    expect(escapeHtml('a\u200Bb\uFEFFc\u{E0041}d')).toBe('a⟨U+200B⟩b⟨U+FEFF⟩c⟨U+E0041⟩d');
    expect(escapeHtml('a\uD800b\uDC00c\uFFFE')).toBe('a⟨U+D800⟩b⟨U+DC00⟩c⟨U+FFFE⟩');
    expect(escapeHtml('é 😀 ß')).toBe('é 😀 ß'); // ordinary text, astral characters included, unchanged
  });
  it('keeps trusted markup as is', () => {
    expect(html`${trusted('<style>a{}</style>')}`.value).toBe('<style>a{}</style>');
  });
});

describe('cssString', () => {
  it('escapes everything that could end the string, the rule or the style element', () => {
    expect(cssString('PV 12-a_b.c#1')).toBe('"PV 12-a_b.c#1"');
    expect(cssString('"}</style>\\')).toBe('"\\000022\\00007d\\00003c\\00002fstyle\\00003e\\00005c"');
    expect(cssString('é')).toBe('"\\0000e9"');
  });
});

describe('anchorId', () => {
  it('keeps ASCII letters, digits, - and _, and the index keeps ids distinct', () => {
    expect(anchorId('case', 'PS-4.3 "x"<y>', 3)).toBe('case-3-PS-4-3-x-y');
    expect(anchorId('case', '<<<', 0)).toBe('case-0-x');
  });
});
