/**
 * The names of the defects the reference editor can show (src/mock/defects.ts says what each breaks), in
 * a module of their own so the command line lists them in `--help` without loading the defects.
 */
export const DEFECT_NAMES = [
  'wrong-status',
  'slot-outside-window',
  'cpts-after-48h',
  'missing-include',
  'dangling-reference',
  'bad-phone',
  'bad-finess',
  'date-without-offset',
  'html-502',
  'slow',
  'huge-body',
  'truncated-json',
  'wrong-content-type',
  'injection',
  'no-operation-outcome',
  'cpts-for-individual',
  'wrong-finess',
  'wrong-practitioner',
  'total-mismatch',
  'missing-comment',
  'bad-consultation-type',
  'regul-accepts-invalid',
  'regul-ignores-update',
  'sso-no-redirect',
  'appointment-invalid',
] as const;
