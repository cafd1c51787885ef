/**
 * The vAPI metamodel as `vapi.metadata.metamodel.component.get` returns it, on either wire:
 * `/api` sends maps as JSON objects, `/rest` as lists of `{key, value}`. `entries` reads both.
 */
export interface ElementValue {
  type: string;
  string_value?: string;
  list_value?: string[];
  long_value?: number;
  structure_id?: string;
  structure_ids?: string[];
}
export type Map_<V> = Record<string, V> | { key: string; value: V }[];
export type Metadata = Map_<{ elements: Map_<ElementValue> }>;

export interface MetaType {
  category: 'BUILTIN' | 'USER_DEFINED' | 'GENERIC';
  builtin_type?: string;
  user_defined_type?: { resource_type: string; resource_id: string };
  generic_instantiation?: { generic_type: string; element_type?: MetaType; map_key_type?: MetaType; map_value_type?: MetaType };
}
export interface FieldInfo {
  name: string;
  type: MetaType;
  metadata: Metadata;
  documentation: string;
}
export interface OperationInfo {
  name: string;
  params: FieldInfo[];
  output: { type: MetaType; metadata: Metadata; documentation: string };
  errors: { structure_id: string; documentation: string }[];
  metadata: Metadata;
  documentation: string;
}
export interface EnumerationInfo {
  name: string;
  values: { value: string; metadata: Metadata; documentation: string }[];
  metadata: Metadata;
  documentation: string;
}
export interface StructureInfo {
  name: string;
  type: 'STRUCTURE' | 'ERROR';
  enumerations: Map_<EnumerationInfo>;
  constants: Map_<unknown>;
  fields: FieldInfo[];
  metadata: Metadata;
  documentation: string;
}
export interface ServiceInfo {
  name: string;
  operations: Map_<OperationInfo>;
  structures: Map_<StructureInfo>;
  enumerations: Map_<EnumerationInfo>;
  constants: Map_<unknown>;
  metadata: Metadata;
  documentation: string;
}
export interface PackageInfo {
  name: string;
  structures: Map_<StructureInfo>;
  enumerations: Map_<EnumerationInfo>;
  services: Map_<ServiceInfo>;
  metadata: Metadata;
  documentation: string;
}
export interface ComponentData {
  info: { name: string; packages: Map_<PackageInfo>; metadata: Metadata; documentation: string };
  fingerprint: string;
}

export function entries<V>(m: Map_<V> | undefined): [string, V][] {
  if (!m) return [];
  return Array.isArray(m) ? m.map((e) => [e.key, e.value]) : Object.entries(m);
}

/** The elements of one metadata annotation (`RequestMapping`, `PathVariable`…), undefined when absent. */
export function annotation(m: Metadata | undefined, key: string): Record<string, ElementValue> | undefined {
  const found = entries(m).find(([k]) => k === key)?.[1];
  return found ? Object.fromEntries(entries(found.elements)) : undefined;
}

/** An element's text: its string, or its list joined with `&` (how a `params` list reads in a URL). */
export const text = (e: ElementValue | undefined): string | undefined =>
  e === undefined
    ? undefined
    : (e.string_value ?? e.list_value?.join('&') ?? (e.long_value !== undefined ? String(e.long_value) : undefined));

/** Every structure and enumeration of the given components, by id (package, service and structure level). */
export function typeIndex(components: ComponentData[]) {
  const structures = new Map<string, StructureInfo>();
  const enumerations = new Map<string, EnumerationInfo>();
  const addEnums = (m: Map_<EnumerationInfo>) => {
    for (const [id, e] of entries(m)) enumerations.set(id, e);
  };
  const addStructs = (m: Map_<StructureInfo>) => {
    for (const [id, s] of entries(m)) {
      structures.set(id, s);
      addEnums(s.enumerations);
    }
  };
  for (const c of components)
    for (const [, p] of entries(c.info.packages)) {
      addStructs(p.structures);
      addEnums(p.enumerations);
      for (const [, s] of entries(p.services)) {
        addStructs(s.structures);
        addEnums(s.enumerations);
      }
    }
  return { structures, enumerations };
}
