/**
 * The exit codes of the two commands that play the cahier (`run`, `demo`), shown in their `--help` and
 * kept in step with README.md's table: the run's verdict is src/run/summary.ts `exitCodeOf`, the
 * interruption codes src/run/interrupt.ts, and 2 is every problem found before the first request.
 */
export const RUN_EXIT_CODES = `Exit codes:
  0        at least one case judged, none failed or in error (reserves allowed, except with --strict)
  1        a case failed or ended in error (time-out, 5xx, HTML instead of JSON, refused certificate…),
           no case was judged, or, with --strict, a reserve remains
  2        could not run as asked: bad option, unreadable or invalid cahier / JDD, missing FHIR package,
           unreadable certificate or key, --out where the reports cannot be written (checked before the
           first request)
  130/143  interrupted (Ctrl-C / SIGTERM): the reports of the cases played are still written
A missing browser for --pdf never changes the exit code: the PDF is not written and a message says why.
`;
