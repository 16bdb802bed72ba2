/**
 * Compiled form of a StructureDefinition snapshot: a tree of element nodes with children indexed by
 * their JSON property names. Built once per profile (see compile.ts) and cached per DefinitionIndex.
 */

export interface TypeRef {
  /** FHIR type code (`string`, `CodeableConcept`, `Reference`, `Resource`, `Slot`…). */
  code: string;
  /** Profiles the value must conform to (`type.profile`). */
  profiles: string[];
  /** Allowed targets of a Reference / canonical (`type.targetProfile`). */
  targetProfiles: string[];
}

export interface Discriminator {
  type: 'value' | 'pattern' | 'type' | 'profile' | 'exists';
  path: string;
}

export interface Slicing {
  discriminators: Discriminator[];
  rules: 'open' | 'closed' | 'openAtEnd';
  ordered: boolean;
}

export interface Binding {
  strength: 'required' | 'extensible' | 'preferred' | 'example';
  valueSet?: string;
}

export interface Constraint {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression?: string;
}

export interface ElementNode {
  /** Element id in the snapshot (`Slot.serviceType:referencecpts.extension:sas-servicetype-r5`). */
  id: string;
  /** Element path without slice names (`Slot.serviceType.extension`). */
  path: string;
  /** Last path segment (`serviceType`, `value[x]`). */
  name: string;
  sliceName?: string;
  min: number;
  /** Infinity for `*`. */
  max: number;
  /** JSON array in the base definition (base.max other than 1). */
  isArray: boolean;
  isChoice: boolean;
  types: TypeRef[];
  children: ElementNode[];
  slices: ElementNode[];
  slicing?: Slicing;
  fixed?: unknown;
  pattern?: unknown;
  binding?: Binding;
  constraints: Constraint[];
  contentReference?: string;
  maxLength?: number;
  /** The profile this node belongs to (for contentReference resolution). */
  owner: CompiledProfile;
  /** JSON property name → child node and the type that name selects (choice types: one entry per type). */
  byJsonName: ReadonlyMap<string, ChildRef>;
  /** Choice children by their prefix (`value` → the `value[x]` node), to explain a type not allowed here. */
  choicePrefixes: ReadonlyMap<string, ElementNode>;
  /** Children with min > 0 (checked when absent). */
  required: readonly ElementNode[];
}

export interface ChildRef {
  node: ElementNode;
  type: TypeRef;
}

export interface CompiledProfile {
  url: string;
  /** Resource or datatype name the profile constrains (`Slot`, `Extension`). */
  type: string;
  kind: string;
  name: string;
  root: ElementNode;
  byId: Map<string, ElementNode>;
}
