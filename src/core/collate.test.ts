import { describe, expect, it } from 'vitest';
import { collationKey, compareNumeric, compareText } from './collate.js';
import { sortFindingsBy, type Finding } from './findings.js';

const intlNumeric = new Intl.Collator('en', { numeric: true });
const intlText = new Intl.Collator('en');

/** Deterministic pseudo-random numbers (a test that fails must fail again). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const PRINTABLE = Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k)).join('');
const NAMES = [
  'Bundle',
  'entry',
  'resource',
  'meta',
  'security',
  'code',
  'serviceType',
  'extension',
  'valueReference',
  'actor',
  'Slot',
  'slot',
];
const RULE_IDS = [
  'SAS-CPTS-001',
  'SAS-CPTS-010',
  'SAS-BDL-002',
  'ele-1',
  'Slot.status',
  'FINESS-invariant',
  'sas-rules-not-run',
  'dom-6',
  'Dom-6',
];

/** Locations as the tool writes them (paths with indexes, rule ids, labels), and stranger ASCII and non-ASCII text. */
function generate(count: number): string[] {
  const rnd = lcg(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out = [...RULE_IDS, 'Bundle', 'bundle', 'BUNDLE', '', 'a', 'a0', 'a1', 'a00', 'a01', 'entry[9]', 'entry[10]', 'entry[09]'];
  for (let n = 0; n < count; n++) {
    const kind = rnd();
    if (kind < 0.5) {
      let s = pick(['Bundle', 'Slot', 'Schedule', 'bundle']);
      const depth = 1 + Math.floor(rnd() * 5);
      for (let d = 0; d < depth; d++) {
        s += `.${pick(NAMES)}`;
        if (rnd() < 0.6) s += `[${Math.floor(rnd() * (rnd() < 0.5 ? 12 : 1200))}]`;
      }
      out.push(s);
    } else if (kind < 0.85) {
      const len = Math.floor(rnd() * 12);
      let s = '';
      for (let k = 0; k < len; k++) s += rnd() < 0.3 ? String(Math.floor(rnd() * 30)) : pick([...PRINTABLE]);
      out.push(s);
    } else if (kind < 0.95) {
      out.push(`${pick(NAMES)}${pick(['é', 'É', 'ß', '\u00a0', '\t', '中', '0', '007'])}${pick(NAMES)}`);
    } else {
      out.push(`x${'9'.repeat(95 + Math.floor(rnd() * 10))}${pick(['', '1', 'a'])}`);
    }
  }
  return out;
}

const sign = (n: number) => Math.sign(n);

describe('compareNumeric / compareText: the order of Intl.Collator("en")', () => {
  const strings = generate(1500);

  it('gives the sign Intl gives on every pair of a sample of generated locations', () => {
    let mismatches: string[] = [];
    for (let i = 0; i < strings.length; i += 3) {
      for (let j = 0; j < strings.length; j += 7) {
        const [a, b] = [strings[i], strings[j]];
        if (sign(compareNumeric(a, b)) !== sign(intlNumeric.compare(a, b))) mismatches.push(`numeric ${JSON.stringify([a, b])}`);
        if (sign(compareText(a, b)) !== sign(intlText.compare(a, b))) mismatches.push(`text ${JSON.stringify([a, b])}`);
      }
    }
    mismatches = mismatches.slice(0, 10);
    expect(mismatches).toEqual([]);
  });

  it('sorts the generated locations exactly as Intl does', () => {
    expect([...strings].sort(compareNumeric)).toEqual([...strings].sort(intlNumeric.compare));
    expect([...strings].sort(compareText)).toEqual([...strings].sort(intlText.compare));
  });

  it('orders indexes as numbers, case after letters, punctuation before digits before letters', () => {
    expect(['entry[10]', 'entry[2]', 'Entry[2]', 'entry.x', 'entry_'].sort(compareNumeric)).toEqual([
      'entry_',
      'entry.x',
      'entry[2]',
      'Entry[2]',
      'entry[10]',
    ]);
    expect(['entry[10]', 'entry[2]'].sort(compareText)).toEqual(['entry[10]', 'entry[2]']);
  });

  it('keys texts of any length (a location built from a hostile key of 200,000 characters)', () => {
    const long = `Bundle.${'a'.repeat(200_000)}`;
    expect(collationKey(long, true)?.length).toBe(2 * long.length + 1);
    expect(compareNumeric(long, `${long}b`)).toBe(-1);
    expect(compareNumeric(`${long}B`, `${long}b`)).toBe(intlNumeric.compare(`${long}B`, `${long}b`));
  });

  it('sorts findings as Intl orders their locations and rule ids', () => {
    const findings: Finding[] = strings.map((location, k) => ({
      severity: (['fatal', 'error', 'warning', 'information'] as const)[k % 4],
      ruleId: RULE_IDS[k % RULE_IDS.length],
      source: 'rule',
      location: k % 5 === 0 ? 'Bundle' : location,
      message: { fr: String(k), en: String(k) },
    }));
    const rank = { fatal: 0, error: 1, warning: 2, information: 3 };
    for (const numeric of [true, false]) {
      const intl = numeric ? intlNumeric : intlText;
      const expected = [...findings].sort(
        (a, b) => intl.compare(a.location, b.location) || intlText.compare(a.ruleId, b.ruleId) || rank[a.severity] - rank[b.severity],
      );
      const sortedLike = (list: Finding[]) => [...list].sort((a, b) => expected.indexOf(a) - expected.indexOf(b));
      for (let k = 0; k < findings.length; k += 300) {
        const part = findings.slice(k, k + 300);
        expect(sortFindingsBy(part, numeric)).toEqual(sortedLike(part));
      }
      expect(sortFindingsBy(findings, numeric)).toEqual(expected);
    }
  });

  it('sorts a finding again by its location after the location changed', () => {
    const at = (location: string): Finding => ({ severity: 'error', ruleId: 'r', source: 'rule', location, message: { fr: '', en: '' } });
    const moved = at('entry[1]');
    const other = at('entry[2]');
    expect(sortFindingsBy([other, moved], true)).toEqual([moved, other]);
    moved.location = 'entry[10]';
    expect(sortFindingsBy([moved, other], true).map((f) => f.location)).toEqual(['entry[2]', 'entry[10]']);
  });
});
