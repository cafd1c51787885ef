/**
 * JSON Schema (Swagger 2.0) → vAPI metamodel types, the reverse of how VMware's generator
 * renders them: `$ref` → a user-defined type, arrays → LIST (SET when `uniqueItems`),
 * `additionalProperties` or a `/rest` list of `{key, value}` → MAP, formats → the builtin
 * they came from. A definition `X` becomes the type id `com.vmware.X`, so that the generator's
 * naming (`com.vmware.` dropped; camel-cased on `/api`) gives `X` back.
 */
export interface MetaType {
  category: 'BUILTIN' | 'USER_DEFINED' | 'GENERIC';
  builtin_type?: string;
  user_defined_type?: { resource_type: string; resource_id: string };
  generic_instantiation?: { generic_type: string; element_type?: MetaType; map_key_type?: MetaType; map_value_type?: MetaType };
}

export type Schema = Record<string, any>;

export const STRUCTURE = 'com.vmware.vapi.structure';
export const ENUMERATION = 'com.vmware.vapi.enumeration';

export const typeId = (definition: string): string => `com.vmware.${definition}`;

const FORMATS: Record<string, string> = {
  'date-time': 'DATE_TIME',
  password: 'SECRET',
  uri: 'URI',
  binary: 'BINARY',
  int64: 'LONG',
  int32: 'LONG',
  double: 'DOUBLE',
  float: 'DOUBLE',
};
const TYPES: Record<string, string> = {
  string: 'STRING',
  integer: 'LONG',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  object: 'DYNAMIC_STRUCTURE',
  opaque: 'OPAQUE',
};

export const builtin = (name: string): MetaType => ({ category: 'BUILTIN', builtin_type: name });
const generic = (generic_type: string, more: Omit<NonNullable<MetaType['generic_instantiation']>, 'generic_type'>): MetaType => ({
  category: 'GENERIC',
  generic_instantiation: { generic_type, ...more },
});
export const optional = (t: MetaType): MetaType => generic('OPTIONAL', { element_type: t });

export interface TypeContext {
  /** The definition a `$ref` means. */
  resolve(ref: string): string;
  /** Whether a definition of the document is an enumeration (else a structure). */
  isEnum(definition: string): boolean;
  /** A name for an inline enumeration or structure found at `where`, registered with its schema. */
  inline(where: string, schema: Schema): string;
}

/** `/rest`'s rendering of a map entry: an inline object of exactly `key` and `value`. */
const isKeyValue = (s: Schema | undefined): boolean =>
  !!s && !s.$ref && s.type === 'object' && !!s.properties && Object.keys(s.properties).sort().join() === 'key,value';

export function metaType(s: Schema | undefined, ctx: TypeContext, where: string): MetaType {
  if (!s) return builtin('OPAQUE');
  if (typeof s.$ref === 'string') {
    const name = ctx.resolve(s.$ref);
    return {
      category: 'USER_DEFINED',
      user_defined_type: { resource_type: ctx.isEnum(name) ? ENUMERATION : STRUCTURE, resource_id: typeId(name) },
    };
  }
  if (s.type === 'array' && isKeyValue(s.items))
    return generic('MAP', {
      map_key_type: metaType(s.items.properties.key, ctx, `${where}.key`),
      map_value_type: metaType(s.items.properties.value, ctx, `${where}.value`),
    });
  if (s.type === 'array') return generic(s.uniqueItems ? 'SET' : 'LIST', { element_type: metaType(s.items, ctx, `${where}.item`) });
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object')
    return generic('MAP', { map_key_type: builtin('STRING'), map_value_type: metaType(s.additionalProperties, ctx, `${where}.value`) });
  if (s.type === 'object' && s.properties) {
    return { category: 'USER_DEFINED', user_defined_type: { resource_type: STRUCTURE, resource_id: typeId(ctx.inline(where, s)) } };
  }
  if (s.type === 'string' && Array.isArray(s.enum))
    return { category: 'USER_DEFINED', user_defined_type: { resource_type: ENUMERATION, resource_id: typeId(ctx.inline(where, s)) } };
  if (s.type === undefined) return builtin('OPAQUE');
  return builtin((s.format && FORMATS[s.format]) ?? TYPES[s.type] ?? 'STRING');
}
