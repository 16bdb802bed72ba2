/**
 * The normal output of the tool commands (ig list / install / cache clear, certs make, requirements,
 * jdd check, mock --list-defects) speaks the run's language, like the errors: French by default with its
 * typography (a non-breaking space before « : » and « ; »), English with `--lang en`. Real commands,
 * run in-process on real files (shared FHIR packages, a temp FHIR cache, openssl, the shipped JDDs).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { PACKAGES, runCli, tempDir, type TempDir } from '../validate/helpers.js';

const SAS_TGZ = join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

interface Case {
  name: string;
  /** The command line; `run` tells the French run (0) from the English one (1), for fresh output folders. */
  args: (run: number) => string[];
  /** Lines (or parts of lines) each language must print, and words of the other language it must not. */
  fr: RegExp[];
  en: RegExp[];
  notFr: RegExp;
  notEn: RegExp;
}

const CASES: Case[] = [
  {
    name: 'ig list',
    args: () => ['ig', 'list', '--packages', PACKAGES],
    fr: [
      /^Sources de packages\u00a0:$/m,
      /^Packages trouvés \(\d+\)\u00a0:$/m,
      /— dépendances\u00a0:$/m,
      /✓ présent +hl7\.fhir\.r4\.core#4\.0\.1/,
    ],
    en: [/^Package sources:$/m, /^Packages found \(\d+\):$/m, /— dependencies:$/m, /✓ present +hl7\.fhir\.r4\.core#4\.0\.1/],
    notFr: /\b(sources:|found|dependencies|present|missing|mapped)\b/,
    notEn: /trouvés|dépendances|présent|absent|substitué/,
  },
  {
    name: 'ig install',
    args: (run) => ['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--from', SAS_TGZ, '--cache', join(tmp.path, `cache-${run}`)],
    fr: [
      /^✓ ans\.fhir\.fr\.sas#1\.2\.0 installé \(\d+ fichiers\) dans \S+cache-0\S+$/m,
      /^ {2}→ ce dossier n’est pas parcouru par défaut\u00a0: ajouter --packages \S+cache-0 \(ou définir SAS_RECETTE_PACKAGES\)$/m,
    ],
    en: [
      /^✓ installed ans\.fhir\.fr\.sas#1\.2\.0 \(\d+ files\) in \S+cache-1\S+$/m,
      /^ {2}→ this folder is not searched by default: pass --packages \S+cache-1 \(or set SAS_RECETTE_PACKAGES\)$/m,
    ],
    notFr: /\b(installed|files|folder|searched|pass)\b/,
    notEn: /installé|fichiers|dossier|défaut/,
  },
  {
    name: 'ig cache clear',
    args: () => ['ig', 'cache', 'clear'],
    fr: [/^Cache des définitions \S+\u00a0: rien à retirer\.$/m],
    en: [/^Definitions cache \S+: nothing to remove\.$/m],
    notFr: /\b(Definitions|nothing|remove)\b/,
    notEn: /définitions|rien|retirer/,
  },
  {
    name: 'certs make',
    args: (run) => ['certs', 'make', '--out', join(tmp.path, `pki-${run}`)],
    fr: [
      /^PKI de test écrite dans \S+pki-0 \(EC P-256\u00a0; pour les tests seulement\)\u00a0:$/m,
      /^ {2}à refuser {7}client-other-ca\.crt, /m,
      /^Ensuite\u00a0: sas-recette run … --tls-profile \S+tls-profile\.yaml$/m,
    ],
    en: [
      /^Test PKI written to \S+pki-1 \(EC P-256; test use only\):$/m,
      /^ {2}must be refused client-other-ca\.crt, /m,
      /^Next: sas-recette run … --tls-profile \S+tls-profile\.yaml$/m,
    ],
    notFr: /\b(written|must|refused|trusts|revokes|Next)\b/,
    notEn: /écrite|refuser|accepte|révoque|Ensuite/,
  },
  {
    name: 'requirements',
    args: () => ['requirements'],
    fr: [/^ {2}règles\u00a0: /m, /^\d+ exigences\u00a0: \d+ testées, \d+ déclaratives, /m, /✓ testée$/m],
    en: [/^ {2}rules: /m, /^\d+ requirements: \d+ tested, \d+ declarative, /m, /✓ tested$/m],
    // the catalogue's own texts are French: only the labels are checked in English
    notFr: /^ {2}(rules|cases):|requirements:|\b(tested|untested)\b/m,
    notEn: /^ {2}(règles|cas)\u00a0:|exigences\u00a0:|testée/m,
  },
  {
    name: 'jdd check',
    args: () => ['jdd', 'check', SHIPPED_JDD_FILES[0]],
    fr: [
      /^ {2}Rôles demandés par le cahier\u00a0:$/m,
      /\u00a0; cas\u00a0: /,
      /^ {2}0 erreur\(s\), \d+ avertissement\(s\)\u00a0; \d+ cas sur \d+ applicables$/m,
    ],
    en: [/^ {2}Roles the cahier asks for:$/m, /; cases: /, /^ {2}0 error\(s\), \d+ warning\(s\); \d+ of \d+ cases applicable$/m],
    notFr: /\b(Roles|asks|error|warning|applicable)\b/,
    notEn: /Rôles|demandés|erreur|avertissement|applicables/,
  },
  {
    name: 'mock --list-defects',
    args: () => ['mock', '--list-defects'],
    fr: [/^slow +La réponse arrive après le délai /m],
    en: [/^slow +The answer arrives after the timeout /m],
    notFr: /The answer|arrives after/,
    notEn: /réponse|arrive après|délai/,
  },
];

describe('tool commands speak the run’s language', () => {
  for (const c of CASES) {
    it(`${c.name}: French by default, English with --lang en`, async () => {
      const env = { SAS_RECETTE_PACKAGES: PACKAGES, SAS_RECETTE_CACHE: join(tmp.path, 'defs') };
      const fr = await runCli(c.args(0), { env });
      expect(fr.stderr).toBe('');
      expect(fr.code).toBe(0);
      for (const line of c.fr) expect(fr.stdout).toMatch(line);
      expect(fr.stdout.replace(/\S*[/\\]\S*/g, '')).not.toMatch(c.notFr);

      const en = await runCli([...c.args(1), '--lang', 'en'], { env });
      expect(en.stderr).toBe('');
      expect(en.code).toBe(0);
      for (const line of c.en) expect(en.stdout).toMatch(line);
      expect(en.stdout).not.toMatch(/\u00a0/);
      expect(en.stdout.replace(/\S*[/\\]\S*/g, '')).not.toMatch(c.notEn);
    });
  }
});
