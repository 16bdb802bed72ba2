/**
 * The campaign workbook (.xlsx), written with exceljs. Regenerating it keeps what people typed: the
 * previous workbook is read first, and its owner / due-date / comment cells go back on the row with the
 * same key (hidden column: editor + software + case + rule id). A row someone annotated that the runs
 * read no longer produce keeps its place, marked "not in the runs read"; a row typed by hand (no key) is
 * kept as it is; sheets a person added are kept (the campaign's own sheets are replaced, and come
 * first). exceljs does not read charts or pivot tables: those of an added sheet would be lost, which
 * docs/campaign.md says.
 *
 * A file at the workbook's path that is not a readable workbook, or a workbook without the campaign's
 * sheets, is never replaced (SetupError, exit 2): it may be someone's other spreadsheet. The new file is
 * written beside it under a temporary name and renamed over it, so a crash never leaves half a workbook.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { SetupError } from '../../core/errors.js';
import type { Lang, Message } from '../../core/findings.js';
import { cellText } from './cell-text.js';
import { NOTES_HEADER, SHEETS, word } from './labels.js';
import { ACTIONS_SHEET, OVERVIEW_SHEET, type PlainCell, type SheetSpec } from './sheets.js';

type Cell = ExcelJS.CellValue;

interface PreviousRow {
  values: Record<string, Cell>;
  /** A kept column (owner, due date, comment) is filled in. */
  annotated: boolean;
  /** Typed by hand: no key. */
  manual: boolean;
}

export interface PreviousWorkbook {
  workbook: ExcelJS.Workbook;
  rows: Map<SheetSpec, Map<string, PreviousRow>>;
}

/** One row of a sheet to write: its key and its cells by column id. */
export interface SheetRow {
  key: string;
  cells: Record<string, PlainCell>;
}

export interface WorkbookCounts {
  /** Rows whose annotations were carried over. */
  annotationsKept: number;
  /** Annotated or hand-typed rows of the previous workbook kept though no run produced them. */
  rowsCarried: number;
  /** Rows of the previous workbook no run produced, with nothing typed in them: not kept. */
  rowsDropped: number;
}

const SPECS = [OVERVIEW_SHEET, ACTIONS_SHEET];
const names = (m: Message): string[] => [m.fr, m.en];

function isEmpty(v: Cell): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function refused(label: string, reason: Message): SetupError {
  return new SetupError(
    { fr: `${label}\u00a0: ${reason.fr}\u00a0; ce fichier n'est pas remplacé`, en: `${label}: ${reason.en}; this file is not replaced` },
    {
      fr: 'donner avec --xlsx le classeur écrit par «\u00a0sas-recette campaign\u00a0» ou un nouveau fichier',
      en: 'give --xlsx the workbook written by "sas-recette campaign", or a new file',
    },
  );
}

function cellString(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

function readSheet(ws: ExcelJS.Worksheet, spec: SheetSpec): Map<string, PreviousRow> | undefined {
  const columnOf = new Map<number, string>();
  ws.getRow(1).eachCell((cell, n) => {
    const header = cellString(cell.value).trim();
    const column = spec.columns.find((c) => names(c.header).includes(header));
    if (column) columnOf.set(n, column.id);
  });
  if (![...columnOf.values()].includes('key')) return undefined;
  const kept = new Set(spec.columns.filter((c) => c.kept).map((c) => c.id));
  const rows = new Map<string, PreviousRow>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values: Record<string, Cell> = {};
    row.eachCell((cell, c) => {
      const id = columnOf.get(c);
      if (id && !isEmpty(cell.value)) values[id] = cell.value;
    });
    const key = cellString(values.key ?? null);
    const annotated = Object.keys(values).some((id) => kept.has(id));
    if (key) rows.set(key, { values, annotated, manual: false });
    else if (Object.keys(values).length > 0) rows.set(`manual-row-${n}`, { values, annotated, manual: true });
  });
  return rows;
}

/** The workbook at `file` when there is one (undefined when none); `label` names it in messages. */
export async function readPreviousWorkbook(file: string, label: string): Promise<PreviousWorkbook | undefined> {
  if (!existsSync(file)) return undefined;
  if (!statSync(file).isFile()) throw refused(label, { fr: "ce n'est pas un fichier", en: 'not a file' });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    throw refused(label, { fr: `illisible comme classeur .xlsx (${reason})`, en: `not readable as an .xlsx workbook (${reason})` });
  }
  const rows = new Map<SheetSpec, Map<string, PreviousRow>>();
  for (const spec of SPECS) {
    const ws = workbook.worksheets.find((w) => names(spec.name).includes(w.name));
    const read = ws ? readSheet(ws, spec) : undefined;
    if (read) rows.set(spec, read);
  }
  if (rows.size === 0)
    throw refused(label, {
      fr: 'ce classeur n’a pas les feuilles du suivi de campagne (Synthèse, Actions avec leur colonne de clé)',
      en: 'this workbook does not have the campaign sheets (Overview, Actions with their key column)',
    });
  return { workbook, rows };
}

function addSheet(
  wb: ExcelJS.Workbook,
  spec: SheetSpec,
  rows: readonly SheetRow[],
  previous: Map<string, PreviousRow> | undefined,
  lang: Lang,
  counts: WorkbookCounts,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(word(spec.name, lang), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: word(c.header, lang),
    key: c.id,
    width: c.width,
    hidden: c.hidden ?? false,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const keptIds = spec.columns.filter((c) => c.kept).map((c) => c.id);
  const written = new Set<string>();
  for (const row of rows) {
    const values: Record<string, Cell> = { ...row.cells };
    const before = previous?.get(row.key);
    if (before?.annotated) {
      for (const id of keptIds) if (before.values[id] !== undefined) values[id] = before.values[id];
      counts.annotationsKept += 1;
    }
    written.add(row.key);
    ws.addRow(values);
  }
  for (const [key, before] of previous ?? []) {
    if (written.has(key)) continue;
    if (!before.annotated && !before.manual) {
      counts.rowsDropped += 1;
      continue;
    }
    const values = { ...before.values };
    if (!before.manual) values[spec.absent.column] = word(spec.absent.text, lang);
    ws.addRow(values);
    counts.rowsCarried += 1;
  }
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  return ws;
}

/**
 * Writes the workbook: the overview and action rows, the notes, and what the previous workbook carried
 * (read with readPreviousWorkbook just before).
 */
export async function writeWorkbook(
  file: string,
  sheets: { overview: SheetRow[]; actions: SheetRow[]; notes: Message[] },
  lang: Lang,
  previous: PreviousWorkbook | undefined,
): Promise<WorkbookCounts> {
  const wb = previous?.workbook ?? new ExcelJS.Workbook();
  // the campaign's own sheets are made anew; sheets a person added stay
  const own = new Set([...names(SHEETS.overview), ...names(SHEETS.actions), ...names(SHEETS.notes)]);
  for (const ws of wb.worksheets) if (own.has(ws.name)) wb.removeWorksheet(ws.id);
  wb.creator = 'sas-recette campaign';
  const counts: WorkbookCounts = { annotationsKept: 0, rowsCarried: 0, rowsDropped: 0 };
  const overview = addSheet(wb, OVERVIEW_SHEET, sheets.overview, previous?.rows.get(OVERVIEW_SHEET), lang, counts);
  const actions = addSheet(wb, ACTIONS_SHEET, sheets.actions, previous?.rows.get(ACTIONS_SHEET), lang, counts);
  const notes = wb.addWorksheet(word(SHEETS.notes, lang));
  notes.columns = [{ header: word(NOTES_HEADER, lang), key: 'note', width: 140 }];
  notes.getRow(1).font = { bold: true };
  for (const n of sheets.notes) notes.addRow({ note: cellText(word(n, lang)) });
  // the campaign's sheets first, the added ones after (exceljs orders the sheets by orderNo)
  [overview, actions, notes].forEach((ws, i) => {
    (ws as unknown as { orderNo: number }).orderNo = i - 3;
  });
  const buffer = await wb.xlsx.writeBuffer();
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, Buffer.from(buffer as ArrayBuffer));
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new SetupError(
      { fr: `${file}\u00a0: le classeur ne peut pas être écrit (${code})`, en: `${file}: the workbook cannot be written (${code})` },
      {
        fr: 'fermer le classeur s’il est ouvert dans un tableur, ou donner un autre --xlsx',
        en: 'close the workbook if a spreadsheet program has it open, or give another --xlsx',
      },
    );
  }
  return counts;
}
