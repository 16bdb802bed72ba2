/**
 * Text from the input (ids, values quoted in messages) is untrusted: before it reaches a terminal, control
 * characters (ANSI escape sequences, carriage returns) and bidirectional overrides are shown as `\uXXXX`
 * so that a response cannot rewrite or hide lines of the report.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
