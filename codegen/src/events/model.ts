/**
 * The event model: every struct of the vim25 data model that descends from `Event`, and every
 * type their fields reach, with each field's wire shape as Go's encoding/json writes it
 * (no json tags in govmomi 0.24.2, so the Go field names):
 * - embedded parents are flattened (a field declared again lower down wins);
 * - every field is always present: nil pointers, nil slices and nil interfaces are `null`;
 * - `time.Time` is an RFC 3339 string, `[]byte` a base64 string, `int64` a number;
 * - an interface field (`BaseMethodFault`) holds any subclass: typed as its base class,
 *   whose extra fields are kept;
 * - an enum field is a string; `xml:",omitempty"` enums are `""` when unset.
 */
import type { GoModel, GoStruct, GoType } from './go-types.js';

/** A field's wire shape. */
export type Shape =
  | { t: 'string' | 'boolean' | 'int32' | 'int64' | 'number' | 'time' | 'base64' | 'unknown' }
  | { t: 'enum'; name: string; values: string[] }
  | { t: 'ref'; name: string }
  | { t: 'nullable'; of: Shape }
  | { t: 'array'; of: Shape };

export interface ModelField {
  name: string;
  shape: Shape;
}

export interface ModelType {
  name: string;
  /** The embedded parent, when there is one (govmomi structs embed at most one). */
  parent: string | undefined;
  /** Fields declared by this struct itself, in order. */
  own: ModelField[];
  /** Every field on the wire (parents' first), in Go's encoding order. */
  fields: ModelField[];
  /** Whether an own field shadows an inherited one (then the type cannot simply `extend` its parent). */
  shadows: string[];
}

export interface EventModel {
  /** Every reachable struct, sorted by name. */
  types: Map<string, ModelType>;
  /** Structs that descend from Event (Event included), sorted. */
  eventClasses: string[];
  /** Enums reached, sorted, with their values. */
  enums: Map<string, string[]>;
}

const PRIMITIVES: Record<string, Shape['t']> = {
  string: 'string',
  bool: 'boolean',
  int: 'int32',
  int8: 'int32',
  int16: 'int32',
  int32: 'int32',
  uint8: 'int32',
  uint16: 'int32',
  uint32: 'int64',
  byte: 'int32',
  int64: 'int64',
  uint64: 'int64',
  float32: 'number',
  float64: 'number',
  'time.Time': 'time',
  AnyType: 'unknown',
};

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildModel(go: GoModel, root = 'Event'): EventModel {
  const resolveAlias = (name: string) => {
    let n = name;
    for (let i = 0; i < 10 && go.aliases.has(n) && !go.structs.has(n); i++) n = go.aliases.get(n)!;
    return n;
  };
  const isEvent = (n: string, depth = 0): boolean =>
    n === root || (depth < 50 && (go.structs.get(n)?.embeds.some((e) => isEvent(e, depth + 1)) ?? false));
  const eventClasses = [...go.structs.keys()].filter((n) => isEvent(n)).sort(byCodeUnit);
  if (!eventClasses.includes(root)) throw new Error(`types.go: no struct ${root}`);

  const types = new Map<string, ModelType>();
  const enums = new Map<string, string[]>();
  const queue: string[] = [...eventClasses];

  const shapeOf = (t: GoType, omitempty: boolean, where: string): Shape => {
    if (t.kind === 'pointer') return { t: 'nullable', of: shapeOf(t.elem, false, where) };
    if (t.kind === 'slice') {
      if (t.elem.kind === 'named' && t.elem.name === 'byte') return { t: 'nullable', of: { t: 'base64' } };
      return { t: 'nullable', of: { t: 'array', of: shapeOf(t.elem, false, where) } };
    }
    const name = resolveAlias(t.name);
    const prim = PRIMITIVES[name];
    if (prim) return { t: prim } as Shape;
    if (go.structs.has(name)) {
      queue.push(name);
      return { t: 'ref', name };
    }
    const values = go.enums.get(name);
    if (values) {
      if (!values.length) return { t: 'string' };
      enums.set(name, values);
      return { t: 'enum', name, values: omitempty ? ['', ...values] : values };
    }
    // An interface of a class hierarchy: `BaseMethodFault` holds a MethodFault or a subclass; nil is null.
    if (name.startsWith('Base') && go.structs.has(name.slice(4))) {
      queue.push(name.slice(4));
      return { t: 'nullable', of: { t: 'ref', name: name.slice(4) } };
    }
    throw new Error(`${where}: type '${t.name}' is neither a struct, an enum, an alias nor a known primitive`);
  };

  while (queue.length) {
    const name = queue.pop()!;
    if (types.has(name)) continue;
    const s = go.structs.get(name) as GoStruct;
    if (s.embeds.length > 1) throw new Error(`types.go:${s.line}: ${name} embeds ${s.embeds.length} structs; only one parent is supported`);
    const own: ModelField[] = [];
    for (const m of s.members) {
      if ('embed' in m) continue;
      own.push({ name: m.name, shape: shapeOf(m.type, m.omitempty, `types.go:${s.line} ${name}.${m.name}`) });
    }
    const parent = s.embeds[0] ? resolveAlias(s.embeds[0]) : undefined;
    if (parent) {
      if (!go.structs.has(parent)) throw new Error(`types.go:${s.line}: ${name} embeds ${parent}, which is not a struct`);
      queue.push(parent);
    }
    types.set(name, { name, parent, own, fields: [], shadows: [] });
  }

  // Flatten parents first (encoding/json's order: the embed's fields where the embed is declared).
  const flat = (name: string, depth = 0): ModelField[] => {
    const t = types.get(name)!;
    if (t.fields.length || depth > 50) return t.fields;
    const inherited = t.parent && t.parent !== 'DynamicData' ? flat(t.parent, depth + 1) : t.parent ? flat(t.parent, depth + 1) : [];
    const ownNames = new Set(t.own.map((f) => f.name));
    t.shadows = inherited.filter((f) => ownNames.has(f.name)).map((f) => f.name);
    t.fields = [...inherited.filter((f) => !ownNames.has(f.name)), ...t.own];
    return t.fields;
  };
  for (const name of types.keys()) flat(name);

  const sorted = new Map([...types.entries()].sort((a, b) => byCodeUnit(a[0], b[0])));
  return { types: sorted, eventClasses, enums: new Map([...enums.entries()].sort((a, b) => byCodeUnit(a[0], b[0]))) };
}

/** The ancestors of a class, nearest first, up to (and including) `Event`. */
export function ancestorsOf(model: EventModel, name: string): string[] {
  const out: string[] = [];
  let p = model.types.get(name)?.parent;
  while (p && p !== 'DynamicData') {
    out.push(p);
    p = model.types.get(p)?.parent;
  }
  return out;
}
