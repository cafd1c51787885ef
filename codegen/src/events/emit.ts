/**
 * The sources of the events data package: TypeScript types and lazy Zod decoders of the
 * event model (written line by line, as the release decoders are), the class hierarchy, the
 * dotted ids of every catalog, one module per release catalog, and sample bodies.
 */
import { quote } from '../emit-decoders.js';
import type { Catalog } from './catalog.js';
import { ancestorsOf, type EventModel, type Shape } from './model.js';
import { BANNER } from '../banner.js';
import { Lines } from '../lines.js';

function tsType(s: Shape): string {
  switch (s.t) {
    case 'string':
    case 'time':
    case 'base64':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'int32':
    case 'int64':
    case 'number':
      return 'number';
    case 'unknown':
      return 'unknown';
    case 'enum':
      return s.values.includes('') ? `${s.name} | ''` : s.name;
    case 'ref':
      return s.name;
    case 'nullable':
      return `${tsType(s.of)} | null`;
    case 'array': {
      const inner = tsType(s.of);
      return inner.includes(' ') ? `(${inner})[]` : `${inner}[]`;
    }
  }
}

function kitExpr(s: Shape): string {
  switch (s.t) {
    case 'string':
    case 'time':
    case 'base64':
      return 'k.string()';
    case 'boolean':
      return 'k.boolean()';
    case 'int32':
      return 'k.int32()';
    case 'int64':
      return 'k.int64()';
    case 'number':
      return 'k.number()';
    case 'unknown':
      return 'k.unknown()';
    case 'enum':
      return `k.enumOf([${s.values.map(quote).join(', ')}])`;
    case 'ref':
      return `k.ref(${quote(s.name)})`;
    case 'nullable':
      return `k.nullable(${kitExpr(s.of)})`;
    case 'array':
      return `k.array(${kitExpr(s.of)})`;
  }
}

const DOC_NOTE: Partial<Record<Shape['t'], string>> = { time: 'an RFC 3339 time', base64: 'base64 bytes' };

/** `types.ts`: one interface per struct (extending its parent), enums as unions, the maps the router types itself with. */
export function emitTypes(model: EventModel, dotted: Map<string, Set<string>>): string {
  const w = new Lines().raw(BANNER);
  for (const [name, values] of model.enums) {
    w.line(`/** vim25 enum \`${name}\`. */`);
    w.line(`export type ${name} = ${values.map(quote).join(' | ')};`);
  }
  for (const t of model.types.values()) {
    const parent = t.parent && t.parent !== 'DynamicData' ? t.parent : undefined;
    const isEvent = model.eventClasses.includes(t.name);
    w.line(`/** vim25 \`${t.name}\`${isEvent ? ' (an event class)' : ''}${parent ? `, a \`${parent}\`` : ''}. */`);
    const head = `export interface ${t.name}${parent ? ` extends ${parent}` : ''} {`;
    if (!t.own.length) {
      w.line(`${head}}`);
      continue;
    }
    w.line(head);
    w.indent(() => {
      for (const f of t.own) {
        const note = DOC_NOTE[f.shape.t] ?? (f.shape.t === 'nullable' ? DOC_NOTE[f.shape.of.t] : undefined);
        if (note) w.line(`/** ${note} */`);
        w.line(`${f.name}: ${tsType(f.shape)};`);
      }
    });
    w.line('}');
  }
  w.line('/** Every event class of the data model by name: `EventClasses[\'VmPoweredOnEvent\']`. */');
  w.line('export interface EventClasses {');
  w.indent(() => {
    for (const c of model.eventClasses) w.line(`${c}: ${c};`);
  });
  w.line('}');
  w.line('/** An `EventEx` whose `EventTypeId` is the dotted id (`com.vmware.vc.HA.VmRestartedByHAEvent`). */');
  w.line('export type EventExOf<Id extends string> = EventEx & { EventTypeId: Id };');
  w.line('/** An `ExtendedEvent` whose `EventTypeId` is the dotted id. */');
  w.line('export type ExtendedEventOf<Id extends string> = ExtendedEvent & { EventTypeId: Id };');
  w.line('/** Every dotted event id of every catalog, with the class the catalogs give it (both when releases disagree). */');
  w.line('export interface DottedEvents {');
  w.indent(() => {
    for (const [id, kinds] of dotted) {
      const parts = [...kinds].sort().map((k) => (k === 'EventEx' ? `EventExOf<${quote(id)}>` : `ExtendedEventOf<${quote(id)}>`));
      w.line(`${quote(id)}: ${parts.join(' | ')};`);
    }
  });
  return w.line('}').toString();
}

/** `decoders.ts`: one lazy, memoized decoder per struct, built with the runtime's schema kit. */
export function emitDecoders(model: EventModel): string {
  const w = new Lines()
    .raw(BANNER)
    .line("import { schemaKit } from '@vcenter-sdk/runtime';")
    .line("import type * as T from './types.js';")
    .line('const k = schemaKit();')
    .line('/** Decoders by struct name: each one is built on its first call, then memoized. Unknown fields never fail. */')
    .line('export const schemas = {');
  w.indent(() => {
    for (const t of model.types.values()) {
      const fields = t.fields.map((f) => `${f.name}: ${kitExpr(f.shape)}`).join(', ');
      const required = t.fields.map((f) => quote(f.name)).join(', ');
      w.line(`${t.name}: k.lazy<T.${t.name}>(${quote(t.name)}, () => k.object({${fields ? ` ${fields} ` : ''}}, [${required}])),`);
    }
  });
  return w.line('};').toString();
}

export function emitDecodersDts(model: EventModel): string {
  const w = new Lines()
    .raw(BANNER)
    .line("import type { LazySchema } from '@vcenter-sdk/runtime';")
    .line("import type * as T from './types.js';")
    .line('export declare const schemas: {');
  w.indent(() => {
    for (const t of model.types.values()) w.line(`readonly ${t.name}: LazySchema<T.${t.name}>;`);
  });
  return w.line('};').toString();
}

/** Class → ancestors (nearest first), for every event class. */
export function ancestorTable(model: EventModel): Record<string, string[]> {
  return Object.fromEntries(model.eventClasses.map((c) => [c, ancestorsOf(model, c)]));
}

/** Dotted id → the classes the catalogs give it. */
export function dottedIds(catalogs: Catalog[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of catalogs) {
    for (const e of c.entries) {
      if (e.kind === 'Standard') continue;
      let set = out.get(e.id);
      if (!set) out.set(e.id, (set = new Set()));
      set.add(e.kind);
    }
  }
  return new Map([...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
