/**
 * The stable keys of the campaign's rows: editor + software for the overview, editor + software + case
 * + rule id for an action. A person's owner / due date / comment is found again by this key when the
 * workbook is regenerated, so it must not change with the spelling of a name typed by hand in pv.yaml
 * (case, spaces, Unicode composition) and must read the same after a round trip through a cell: the
 * parts are JSON (unambiguous whatever they contain) with invisible characters already in their visible
 * form, as every cell shows them (cell-text.ts).
 */
import { visibleEscape } from '../invisible-chars.js';

/** A name as a key part: NFC, trimmed, inner spaces collapsed, lowercase. */
export function keyPart(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The parts of the key of an editor's runs: its editor and software, or its base URL when no pvInfo named it. */
export function groupKeyParts(run: { editor?: string; software?: string; baseUrl: string }): string[] {
  return run.editor !== undefined ? [keyPart(run.editor), keyPart(run.software ?? '')] : ['(base-url)', run.baseUrl.trim()];
}

export function rowKey(parts: readonly string[]): string {
  return visibleEscape(JSON.stringify(parts));
}
