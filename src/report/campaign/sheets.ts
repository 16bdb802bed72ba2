/**
 * The columns of the workbook's sheets and the cells of each row, as plain values (no exceljs here):
 * text from the runs through cellText, dates as dates (sortable and filterable in the spreadsheet),
 * counts as numbers. `kept` columns are the ones a person fills in (owner, due date, comment): never
 * written from the runs, carried over from the previous workbook by the row's key.
 */
import type { Lang, Message } from '../../core/findings.js';
import { cellText, wallClockDate } from './cell-text.js';
import {
  ABSENT_OVERVIEW,
  ACTION_HEADERS,
  HASH_WORDS,
  NO_PV_INFO,
  OVERVIEW_HEADERS,
  SHEETS,
  STATUS_WORDS,
  VERDICT_WORDS,
  word,
} from './labels.js';
import type { ActionRow, OverviewRow } from './types.js';

export type PlainCell = string | number | Date | null;

export interface ColumnSpec {
  id: string;
  header: Message;
  width: number;
  /** Filled in by a person, kept across regenerations. */
  kept?: boolean;
  hidden?: boolean;
  /** Spreadsheet number format of the column (dates). */
  numFmt?: string;
}

export interface SheetSpec {
  name: Message;
  columns: ColumnSpec[];
  /** The column that says a kept row is in none of the runs read, and what it says. */
  absent: { column: string; text: Message };
}

const DATE_TIME = 'yyyy-mm-dd hh:mm';

const col = (id: string, header: Message, width: number, more: Partial<ColumnSpec> = {}): ColumnSpec => ({ id, header, width, ...more });

export const OVERVIEW_SHEET: SheetSpec = {
  name: SHEETS.overview,
  columns: [
    col('editor', OVERVIEW_HEADERS.editor, 28),
    col('software', OVERVIEW_HEADERS.software, 20),
    col('version', OVERVIEW_HEADERS.version, 10),
    col('useCases', OVERVIEW_HEADERS.useCases, 14),
    col('runs', OVERVIEW_HEADERS.runs, 10),
    col('lastRun', OVERVIEW_HEADERS.lastRun, 17, { numFmt: DATE_TIME }),
    col('verdict', OVERVIEW_HEADERS.verdict, 22),
    col('blocking', OVERVIEW_HEADERS.blocking, 10),
    col('reserves', OVERVIEW_HEADERS.reserves, 10),
    col('openActions', OVERVIEW_HEADERS.openActions, 10),
    col('pv', OVERVIEW_HEADERS.pv, 16),
    col('hash', OVERVIEW_HEADERS.hash, 30),
    col('hashOf', OVERVIEW_HEADERS.hashOf, 22),
    col('tool', OVERVIEW_HEADERS.tool, 11),
    col('ig', OVERVIEW_HEADERS.ig, 22),
    col('flags', OVERVIEW_HEADERS.flags, 36),
    col('runFile', OVERVIEW_HEADERS.runFile, 40),
    col('comment', OVERVIEW_HEADERS.comment, 40, { kept: true }),
    col('key', OVERVIEW_HEADERS.key, 20, { hidden: true }),
  ],
  absent: { column: 'flags', text: ABSENT_OVERVIEW },
};

export const ACTIONS_SHEET: SheetSpec = {
  name: SHEETS.actions,
  columns: [
    col('status', ACTION_HEADERS.status, 16),
    col('editor', ACTION_HEADERS.editor, 24),
    col('software', ACTION_HEADERS.software, 16),
    col('caseId', ACTION_HEADERS.caseId, 22),
    col('caseTitle', ACTION_HEADERS.caseTitle, 36),
    col('requirements', ACTION_HEADERS.requirements, 24),
    col('ruleId', ACTION_HEADERS.ruleId, 18),
    col('message', ACTION_HEADERS.message, 50),
    col('firstSeen', ACTION_HEADERS.firstSeen, 17, { numFmt: DATE_TIME }),
    col('lastSeen', ACTION_HEADERS.lastSeen, 17, { numFmt: DATE_TIME }),
    col('seenIn', ACTION_HEADERS.seenIn, 12),
    col('owner', ACTION_HEADERS.owner, 20, { kept: true }),
    col('due', ACTION_HEADERS.due, 14, { kept: true, numFmt: 'yyyy-mm-dd' }),
    col('comment', ACTION_HEADERS.comment, 40, { kept: true }),
    col('key', ACTION_HEADERS.key, 20, { hidden: true }),
  ],
  absent: { column: 'status', text: STATUS_WORDS.absent },
};

const text = (s: string | undefined): PlainCell => (s === undefined || s === '' ? null : cellText(s));

export function overviewCells(row: OverviewRow, lang: Lang, runFile: string): Record<string, PlainCell> {
  const r = row.latest;
  return {
    editor: cellText(row.editor),
    software: row.identified ? text(row.software) : word(NO_PV_INFO, lang),
    version: text(r.softwareVersion),
    useCases: r.useCases.join(', '),
    runs: row.runs,
    lastRun: wallClockDate(r.startedAt),
    verdict: word(VERDICT_WORDS[r.overall], lang),
    blocking: r.blockingCount,
    reserves: r.reservesCount,
    openActions: row.openActions,
    pv: cellText(r.pvNumber ?? r.runId),
    hash: r.hash,
    hashOf: word(HASH_WORDS[r.hashOf], lang),
    tool: cellText(r.tool),
    ig: text(r.ig ?? undefined),
    flags: row.flags.length ? cellText(row.flags.map((f) => word(f, lang)).join(' · ')) : null,
    runFile: cellText(runFile),
    key: cellText(row.key),
  };
}

export function actionCells(row: ActionRow, lang: Lang): Record<string, PlainCell> {
  return {
    status: word(STATUS_WORDS[row.status], lang),
    editor: cellText(row.editor),
    software: text(row.software),
    caseId: cellText(row.caseId),
    caseTitle: cellText(word(row.caseTitle, lang)),
    requirements: text(row.requirements.join(', ')),
    ruleId: cellText(row.ruleId),
    message: cellText(word(row.message, lang)),
    firstSeen: wallClockDate(row.firstSeen),
    lastSeen: wallClockDate(row.lastSeen),
    seenIn: `${row.seenIn} / ${row.runs}`,
    key: cellText(row.key),
  };
}
