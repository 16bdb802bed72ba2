import type { Lang, Message } from './findings.js';

/**
 * A problem that stops a command from running as asked (usage, configuration, unreadable input,
 * missing package). The CLI prints it in the run's language (no stack trace) and exits with code 2.
 *
 * `problem` and `hint` carry both languages; `message` (Error's) stays the English text, which is what
 * logs, bug reports and programmatic users read.
 */
export class SetupError extends Error {
  /** What stops the command, in both languages. */
  readonly problem: Message;
  /** What to do about it, when there is something to say. */
  readonly hint?: Message;
  constructor(problem: Message, hint?: Message) {
    super(problem.en);
    this.name = 'SetupError';
    this.problem = problem;
    this.hint = hint;
  }

  /** The problem and the hint in `lang`. */
  textIn(lang: Lang): { problem: string; hint?: string } {
    return { problem: this.problem[lang], ...(this.hint ? { hint: this.hint[lang] } : {}) };
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
