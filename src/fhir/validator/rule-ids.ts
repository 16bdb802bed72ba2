/**
 * Rule ids of structural findings (source `structure`). Profile-specific problems use the element id
 * of the snapshot (`Slot.status`, `Bundle.entry:slotAgregateurCPTS`, `Practitioner.identifier.type`);
 * invariants use their key (`ele-1`, `bdl-7`, `FINESS-invariant`); generic problems use the fixed
 * codes below. These codes never change meaning.
 *
 * | finding                                   | ruleId                          | severity    |
 * |-------------------------------------------|---------------------------------|-------------|
 * | cardinality (min/max) of an element       | element id                      | error       |
 * | slice cardinality                         | slice element id                | error       |
 * | fixed / pattern value, maxLength          | element id                      | error       |
 * | value not in a required / extensible VS   | element id                      | error / warning |
 * | text-only concept under required binding  | element id                      | error       |
 * | reference target of the wrong type/profile| element id                      | error       |
 * | invariant failed                          | constraint key                  | its severity|
 * | invariant the library cannot evaluate     | constraint key (notChecked)     | information |
 */
export const RULE = {
  /** Input is not a JSON object, has no resourceType, is nested too deep, or the type is unknown. */
  fatal: 'structure.fatal',
  /** Property not defined for this element in FHIR R4 (or not allowed by the profile). */
  unknownElement: 'structure.unknown-element',
  /** JSON type does not match the FHIR type (string vs number, object expected, null…). */
  type: 'structure.type',
  /** Array given for a single element, single value for a repeating one, empty or misaligned arrays. */
  array: 'structure.array',
  /** Choice element `[x]`: type not allowed here or more than one type given. */
  choice: 'structure.choice',
  /** Primitive value does not match its FHIR type's lexical rules (date, instant, id, code…). */
  format: 'structure.format',
  /** Resource type unknown to FHIR R4 or not allowed at this place. */
  resourceType: 'structure.resource-type',
  /** A value matches no slice of a closed slicing, or ordered slices are out of order. */
  slicing: 'structure.slicing',
  /** Profile to validate against could not be found (explicit request or meta.profile). */
  profileUnknown: 'structure.profile-unknown',
  /** Value set of a binding cannot be expanded from the packages (information, not checked). */
  valueSetNotChecked: 'structure.valueset-not-checked',
  /** Extension definition not found (information, not checked). */
  extensionUnknown: 'structure.extension-unknown',
  /** Reference target profile or datatype profile not found (information, not checked). */
  targetProfileNotChecked: 'structure.target-profile-not-checked',
  typeProfileNotChecked: 'structure.type-profile-not-checked',
} as const;
// An invariant the fhirpath library cannot evaluate is reported once, as information with
// notChecked: true, under its own key (e.g. `per-1`).
