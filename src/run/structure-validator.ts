/** The structural validator of a run: the loaded IG's profiles, or nothing when the packages were not found. */
import type { UseCase } from '../core/model.js';
import { validateResource } from '../fhir/validator/index.js';
import type { StructureSetup } from './prepare.js';

/** Structural validation through the loaded IG, or nothing when the packages were not found. */
export function validatorOf(structure: StructureSetup) {
  const index = structure.index;
  if (!index) return undefined;
  return (resource: unknown, useCase: UseCase) => validateResource(resource, { index, useCase }).findings;
}
