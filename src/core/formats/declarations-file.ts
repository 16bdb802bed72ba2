/**
 * The YAML shape of an editor declarations file (--declarations), as written, before the loader applies defaults.
 * Generated from schemas/declarations.schema.json by scripts/generate-format-types.mjs: do not edit by hand;
 * change the schema, then run `npm run formats` (a test fails while this file is out of date).
 */

/**
 * Attestations given by the editor (HDS hosting, MFA, RPPS use, account lockout…). They are shown in the PV as declarations, never as tests. declaredBy/declaredAt at the top apply to every item that does not set its own.
 */
export interface DeclarationsFile {
  declaredBy?: string;
  /**
   * Date (2025-11-20) or date-time with offset, as quoted text.
   */
  declaredAt?: string;
  /**
   * @minItems 1
   */
  declarations: {
    /**
     * DECL-HDS, DECL-MFA, DECL-RPPS, DECL-LOCKOUT use built-in questions; other ids need a question.
     */
    id: string;
    question?: {
      fr: string;
      en: string;
    };
    /**
     * Quoted or plain yes / no / partial / n/a.
     */
    answer: 'yes' | 'no' | 'partial' | 'n/a';
    comment?: string;
    declaredBy?: string;
    declaredAt?: string;
    requirements?: string[];
  }[];
}
