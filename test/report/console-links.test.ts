/**
 * Report paths at the end of a run: absolute, and clickable (OSC 8) on a terminal that takes links,
 * with the switches of the supports-hyperlinks convention (FORCE_HYPERLINK=0/1, NO_COLOR, no TTY, dumb
 * terminal, CI); plain absolute paths otherwise. A path cannot break out of the escape sequence.
 */
import { describe, expect, it } from 'vitest';
import { fileLink, wantsHyperlinks } from '../../src/report/hyperlink.js';
import { reportPathsText } from '../../src/report/report-paths.js';

const tty = { isTTY: true, colorLevel: 1 };
const OSC8 = '\u001b]8;;';
/** Any C0 control character (ESC, BEL, NUL…). */
const hasControl = (s: string): boolean => [...s].some((ch) => ch.codePointAt(0)! < 0x20);
const ST = '\u001b\\';

describe('wantsHyperlinks', () => {
  it('links on a colour terminal, not in a pipe, without colour, on a dumb terminal or under CI', () => {
    expect(wantsHyperlinks({}, tty)).toBe(true);
    expect(wantsHyperlinks({}, { isTTY: false, colorLevel: 1 })).toBe(false);
    expect(wantsHyperlinks({}, { isTTY: true, colorLevel: 0 })).toBe(false); // --no-color
    expect(wantsHyperlinks({ NO_COLOR: '1' }, tty)).toBe(false);
    expect(wantsHyperlinks({ NO_COLOR: '' }, tty)).toBe(true); // an empty NO_COLOR is not set (no-color.org)
    expect(wantsHyperlinks({ TERM: 'dumb' }, tty)).toBe(false);
    expect(wantsHyperlinks({ CI: 'true' }, tty)).toBe(false);
    expect(wantsHyperlinks({ CI: 'false' }, tty)).toBe(true);
  });

  it('lets FORCE_HYPERLINK decide when set, as supports-hyperlinks does', () => {
    expect(wantsHyperlinks({ FORCE_HYPERLINK: '1' }, { isTTY: false, colorLevel: 0 })).toBe(true);
    expect(wantsHyperlinks({ FORCE_HYPERLINK: '' }, { isTTY: false, colorLevel: 0 })).toBe(true);
    expect(wantsHyperlinks({ FORCE_HYPERLINK: '1', NO_COLOR: '1' }, tty)).toBe(true);
    expect(wantsHyperlinks({ FORCE_HYPERLINK: '0' }, tty)).toBe(false);
  });
});

describe('fileLink', () => {
  it('wraps the path in an OSC 8 link to its file:// URL, or gives the path alone', () => {
    expect(fileLink('/tmp/reports/run 1/pv.html', true)).toBe(
      `${OSC8}file:///tmp/reports/run%201/pv.html${ST}/tmp/reports/run 1/pv.html${OSC8}${ST}`,
    );
    expect(fileLink('/tmp/reports/pv.html', false)).toBe('/tmp/reports/pv.html');
  });

  it('keeps a hostile path from ending the sequence or driving the terminal', () => {
    const hostile = '/tmp/x\u001b\\\u0007\u001b]8;;https://evil.example\u001b\\/pv.html';
    const link = fileLink(hostile, true);
    const url = link.slice(OSC8.length, link.indexOf(ST));
    expect(url).toMatch(/^file:\/\/\/tmp\/x[%\w./;:\\-]*pv\.html$/); // percent-encoded: no ESC, no BEL
    expect(hasControl(url)).toBe(false);
    // only the two sequences of the link itself carry ESC
    expect(link.split('\u001b')).toHaveLength(5);
    expect(hasControl(fileLink(hostile, false))).toBe(false);
  });
});

describe('reportPathsText', () => {
  const files = ['reports/20260302-080000-ab12cd34/run.json', '/abs/elsewhere/pv.html'];

  it('prints absolute paths in the run language, the latest pointer after them', () => {
    expect(reportPathsText({ files, latest: 'reports/latest', cwd: '/work/editor', lang: 'fr', links: false })).toBe(
      '\nRapports\u00a0:\n  /work/editor/reports/20260302-080000-ab12cd34/run.json\n  /abs/elsewhere/pv.html\n  (dernière exécution\u00a0: /work/editor/reports/latest)\n',
    );
    expect(reportPathsText({ files, cwd: '/work/editor', lang: 'en', links: false })).toBe(
      '\nReports:\n  /work/editor/reports/20260302-080000-ab12cd34/run.json\n  /abs/elsewhere/pv.html\n',
    );
    expect(reportPathsText({ files: [], cwd: '/', lang: 'en', links: true })).toBe('');
  });

  it('makes each path a link when asked', () => {
    const text = reportPathsText({ files, latest: '/abs/latest', cwd: '/work/editor', lang: 'en', links: true });
    expect(text).toContain(`  ${OSC8}file:///abs/elsewhere/pv.html${ST}/abs/elsewhere/pv.html${OSC8}${ST}\n`);
    expect(text).toContain(`(latest run: ${OSC8}file:///abs/latest${ST}/abs/latest${OSC8}${ST})`);
    expect(text.match(new RegExp(OSC8.replace(/[\]\\]/g, '\\$&') + 'file:', 'g'))).toHaveLength(3);
  });
});
