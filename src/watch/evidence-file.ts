/**
 * The evidence of a probe that did not pass, in a file beside the history
 * (`<history>.evidence/<probe time>.json`), so that two months of passing probes stay a few lines a
 * day and a failure can still be shown: each check that did not pass, with its findings and its
 * exchanges (request, status, headers, the body cut to BODY_EXCERPT_BYTES), redacted as every report
 * is (src/report/redact.ts). Written before the history line that names it, with its SHA-256; never
 * overwritten (a second probe of the same millisecond gets `-2`).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CaseResult, Exchange } from '../core/model.js';
import { PROBE_RECORD_VERSION, type ProbeRecord } from '../core/probe-record.js';
import { BODY_EXCERPT_BYTES } from '../report/evidence-files.js';
import { truncateUtf8 } from '../report/format.js';
import { redactExchange, redactText, redactUrl } from '../report/redact.js';

/** `2026-03-02T08:15:00.123+01:00` → `2026-03-02T08-15-00.123+01-00`: a file name on every system. */
export function evidenceStem(at: string): string {
  return at.replace(/[^0-9A-Za-z.+-]/g, '-');
}

function cutBody(x: Exchange): Exchange {
  if (!x.response) return x;
  const { text, cut } = truncateUtf8(x.response.body, BODY_EXCERPT_BYTES);
  return { ...x, response: { ...x.response, body: text, truncated: x.response.truncated || cut } };
}

function evidenceOf(c: CaseResult) {
  const msg = (m: { fr: string; en: string }) => ({ fr: redactText(m.fr), en: redactText(m.en) });
  return {
    caseId: c.id,
    title: c.title,
    verdict: c.verdict,
    ...(c.reason ? { reason: msg(c.reason) } : {}),
    findings: c.findings.map((f) => ({ ...f, message: msg(f.message) })),
    exchanges: c.exchanges.map((x) => cutBody(redactExchange(x))),
  };
}

/** Writes the evidence of the checks that did not pass; returns the path relative to the history's folder and the SHA-256. */
export async function writeProbeEvidence(
  historyFile: string,
  record: ProbeRecord,
  cases: readonly CaseResult[],
): Promise<{ path: string; sha256: string }> {
  const folderName = `${basename(historyFile)}.evidence`;
  const folder = join(dirname(historyFile), folderName);
  await mkdir(folder, { recursive: true });
  const content = `${JSON.stringify(
    {
      v: PROBE_RECORD_VERSION,
      at: record.at,
      baseUrl: redactUrl(record.baseUrl),
      tool: record.tool,
      verdict: record.verdict,
      failingRules: record.failingRules,
      checks: cases.filter((c) => c.verdict !== 'passed').map(evidenceOf),
    },
    null,
    2,
  )}\n`;
  const stem = evidenceStem(record.at);
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}.json` : `${stem}-${n}.json`;
    try {
      await writeFile(join(folder, name), content, { encoding: 'utf8', flag: 'wx' });
      return { path: `${folderName}/${name}`, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw err;
    }
  }
}
