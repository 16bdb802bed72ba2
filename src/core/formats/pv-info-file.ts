/**
 * The YAML shape of a PV identification file (--pv-info), as written, before the loader applies defaults.
 * Generated from schemas/pv-info.schema.json by scripts/generate-format-types.mjs: do not edit by hand;
 * change the schema, then run `npm run formats` (a test fails while this file is out of date).
 */

/**
 * Who and what the acceptance report (PV de recette) is about. Every value is text: quote versions and numbers ("4.10", not 4.10).
 */
export interface PvInfoFile {
  /**
   * Editor's company name (raison sociale).
   */
  editor?: string;
  /**
   * Name of the agenda software under test.
   */
  software?: string;
  /**
   * Version of the software under test, as text.
   */
  softwareVersion?: string;
  /**
   * Editor environment tested (recette, pré-production…).
   */
  environment?: string;
  /**
   * Who ran the acceptance.
   */
  operator?: string;
  /**
   * Who reviewed the report.
   */
  reviewer?: string;
  /**
   * PV number; the run id when absent.
   */
  pvNumber?: string;
}
