/**
 * A problem that stops a command from running as asked (usage, configuration, unreadable input,
 * missing package). The CLI prints `message` (no stack trace) and exits with code 2.
 */
export class SetupError extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'SetupError';
    this.hint = hint;
  }
}

/** Where a value of a user file (cahier, JDD, answers…) came from. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

export function formatSourceRef(ref: SourceRef): string {
  return `${ref.file}:${ref.line}:${ref.col}`;
}
