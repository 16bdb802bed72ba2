/** --pv-info and --declarations YAML files: loaded values, defaults, and located errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import { KNOWN_DECLARATIONS, loadDeclarations, loadPvInfo } from '../../src/report/pv-info.js';

const dir = mkdtempSync(join(tmpdir(), 'sas-pvinfo-'));
function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('loadPvInfo', () => {
  it('reads the identification fields', () => {
    const f = file(
      'pv.yaml',
      'editor: "Éditeur Exemple"\nsoftware: AgendaPro\nsoftwareVersion: "4.10"\nenvironment: recette\npvNumber: "PV-2025-042"\n',
    );
    expect(loadPvInfo(f)).toEqual({
      editor: 'Éditeur Exemple',
      software: 'AgendaPro',
      softwareVersion: '4.10',
      environment: 'recette',
      pvNumber: 'PV-2025-042',
    });
  });

  it('asks to quote a version YAML reads as a number, with file:line:col', () => {
    const f = file('pv-num.yaml', 'editor: X\nsoftwareVersion: 4.10\n');
    expect(() => loadPvInfo(f)).toThrow(SetupError);
    expect(() => loadPvInfo(f)).toThrow(
      new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:18 field "softwareVersion": .*quote this value \\(write "4.10"\\)`),
    );
  });

  it('rejects unknown fields with their location', () => {
    const f = file('pv-unknown.yaml', 'editor: X\nediteur: Y\n');
    expect(() => loadPvInfo(f)).toThrow(/pv-unknown\.yaml:2:1 field "editeur"/);
  });

  it('says when the file is missing', () => {
    expect(() => loadPvInfo(join(dir, 'none.yaml'))).toThrow(/not found/);
  });
});

describe('loadDeclarations', () => {
  it('fills built-in questions and the top-level declarer and date', () => {
    const f = file(
      'decl.yaml',
      [
        'declaredBy: "Jeanne Petit, DSI"',
        'declaredAt: 2025-11-20',
        'declarations:',
        '  - id: DECL-HDS',
        '    answer: yes',
        '    comment: "Certificat HDS n° 2024-117"',
        '    requirements: [sas-securite@hds]',
        '  - id: DECL-LOCKOUT',
        '    answer: "yes"',
        '    comment: après 5 échecs',
        '    declaredBy: RSSI',
        '  - id: DECL-OTHER',
        '    question: { fr: "Sauvegardes ?", en: "Backups?" }',
        '    answer: n/a',
      ].join('\n'),
    );
    expect(loadDeclarations(f)).toEqual([
      {
        id: 'DECL-HDS',
        question: KNOWN_DECLARATIONS['DECL-HDS'],
        answer: 'yes',
        comment: 'Certificat HDS n° 2024-117',
        declaredBy: 'Jeanne Petit, DSI',
        declaredAt: '2025-11-20',
        requirements: ['sas-securite@hds'],
      },
      {
        id: 'DECL-LOCKOUT',
        question: KNOWN_DECLARATIONS['DECL-LOCKOUT'],
        answer: 'yes',
        comment: 'après 5 échecs',
        declaredBy: 'RSSI',
        declaredAt: '2025-11-20',
        requirements: [],
      },
      {
        id: 'DECL-OTHER',
        question: { fr: 'Sauvegardes ?', en: 'Backups?' },
        answer: 'n/a',
        declaredBy: 'Jeanne Petit, DSI',
        declaredAt: '2025-11-20',
        requirements: [],
      },
    ]);
  });

  it('needs a question for ids without a built-in one, located', () => {
    const f = file('decl-q.yaml', 'declaredBy: X\ndeclarations:\n  - id: DECL-NEW\n    answer: no\n');
    expect(() => loadDeclarations(f)).toThrow(/decl-q\.yaml:3:9 field "declarations\[0\]\.question": required for "DECL-NEW"/);
  });

  it('needs to know who declares', () => {
    const f = file('decl-by.yaml', 'declarations:\n  - id: DECL-MFA\n    answer: partial\n');
    expect(() => loadDeclarations(f)).toThrow(/decl-by\.yaml:2:9 field "declarations\[0\]\.declaredBy"/);
  });

  it('rejects duplicate ids and unknown answers', () => {
    expect(() =>
      loadDeclarations(
        file('decl-dup.yaml', 'declaredBy: X\ndeclarations:\n  - { id: DECL-MFA, answer: yes }\n  - { id: DECL-MFA, answer: no }\n'),
      ),
    ).toThrow(/declared twice/);
    expect(() => loadDeclarations(file('decl-ans.yaml', 'declaredBy: X\ndeclarations:\n  - { id: DECL-MFA, answer: maybe }\n'))).toThrow(
      /decl-ans\.yaml:3:.* field "declarations\[0\]\.answer"/,
    );
  });
});
