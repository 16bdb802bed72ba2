/**
 * Where the first JSON syntax error is. V8's `JSON.parse` names a position for some errors only
 * ("Unexpected token '}', … is not valid JSON" has none), and no installed library reports positions
 * for plain JSON, so this small scanner runs on the error path only. It is iterative (an explicit stack,
 * no recursion) so that deeply nested input cannot overflow the call stack.
 */

// Sticky regexes carry `lastIndex`, so each call builds its own (no state shared between calls).
function patterns() {
  return {
    NUMBER: /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y,
    LITERAL: /true|false|null/y,
    SPACE: /[ \t\n\r]*/y,
  };
}

/** Offset of the first syntax error in `text` (text.length when it ends too early), or -1 when valid. */
export function findJsonErrorOffset(text: string): number {
  const { NUMBER, LITERAL, SPACE } = patterns();
  const skip = (at: number): number => {
    SPACE.lastIndex = at;
    SPACE.test(text);
    return SPACE.lastIndex;
  };
  const stack: string[] = [];
  let i = skip(0);
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    if (expect === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c);
        i = skip(i + 1);
        const close = c === '{' ? '}' : ']';
        if (text[i] === close) {
          stack.pop();
          i = skip(i + 1);
          expect = 'after';
        } else expect = c === '{' ? 'key' : 'value';
        continue;
      }
      const end = c === '"' ? stringEnd(text, i) : matchAt(c === '-' || (c >= '0' && c <= '9') ? NUMBER : LITERAL, text, i);
      if (end < 0) return Math.min(i, text.length);
      i = skip(end);
      expect = 'after';
      continue;
    }
    if (expect === 'key') {
      const end = text[i] === '"' ? stringEnd(text, i) : -1;
      if (end < 0) return Math.min(i, text.length);
      i = skip(end);
      if (text[i] !== ':') return Math.min(i, text.length);
      i = skip(i + 1);
      expect = 'value';
      continue;
    }
    // after a value
    const top = stack[stack.length - 1];
    if (top === undefined) return i >= text.length ? -1 : i;
    const close = top === '{' ? '}' : ']';
    if (text[i] === ',') {
      i = skip(i + 1);
      expect = top === '{' ? 'key' : 'value';
    } else if (text[i] === close) {
      stack.pop();
      i = skip(i + 1);
    } else return Math.min(i, text.length);
  }
}

/**
 * End offset (after the closing quote) of the string starting at `at`, or -1. A loop rather than a
 * regex: V8's regex engine overflows its stack on long strings with many escapes.
 */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1; // closing quote
    if (code < 0x20) return -1; // raw control character
    if (code !== 0x5c) continue; // not a backslash
    const next = text[i + 1];
    if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
    else return -1;
  }
  return -1;
}

function matchAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}
