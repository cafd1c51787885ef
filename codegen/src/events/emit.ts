/**
 * The sources of the events data package: TypeScript types and lazy Zod decoders of the
 * event model (written with ts-morph, as the release decoders are), the class hierarchy, the
 * dotted ids of every catalog, one module per release catalog, and sample bodies.
 */
import { IndentationText, Project, QuoteKind, type CodeBlockWriter } from 'ts-morph';
import { quote } from '../emit-decoders.js';
import type { Catalog } from './catalog.js';
import { ancestorsOf, type EventModel, type Shape } from './model.js';
import { BANNER } from '../banner.js';

function newFile(name: string) {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces },
  });
  return project.createSourceFile(name, '', { overwrite: true });
}

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
  const file = newFile('types.ts');
  file.addStatements((w: CodeBlockWriter) => {
    w.write(BANNER);
    for (const [name, values] of model.enums) {
      w.writeLine(`/** vim25 enum \`${name}\`. */`);
      w.writeLine(`export type ${name} = ${values.map(quote).join(' | ')};`);
    }
    for (const t of model.types.values()) {
      const parent = t.parent && t.parent !== 'DynamicData' ? t.parent : undefined;
      const isEvent = model.eventClasses.includes(t.name);
      w.writeLine(`/** vim25 \`${t.name}\`${isEvent ? ' (an event class)' : ''}${parent ? `, a \`${parent}\`` : ''}. */`);
      w.write(`export interface ${t.name}${parent ? ` extends ${parent}` : ''} {`);
      if (!t.own.length) {
        w.write('}').newLine();
        continue;
      }
      w.newLine();
      w.indent(() => {
        for (const f of t.own) {
          const note = DOC_NOTE[f.shape.t] ?? (f.shape.t === 'nullable' ? DOC_NOTE[f.shape.of.t] : undefined);
          if (note) w.writeLine(`/** ${note} */`);
          w.writeLine(`${f.name}: ${tsType(f.shape)};`);
        }
      });
      w.writeLine('}');
    }
    w.writeLine("/** Every event class of the data model by name: `EventClasses['VmPoweredOnEvent']`. */");
    w.write('export interface EventClasses {').newLine();
    w.indent(() => {
      for (const c of model.eventClasses) w.writeLine(`${c}: ${c};`);
    });
    w.writeLine('}');
    w.writeLine('/** An `EventEx` whose `EventTypeId` is the dotted id (`com.vmware.vc.HA.VmRestartedByHAEvent`). */');
    w.writeLine('export type EventExOf<Id extends string> = EventEx & { EventTypeId: Id };');
    w.writeLine('/** An `ExtendedEvent` whose `EventTypeId` is the dotted id. */');
    w.writeLine('export type ExtendedEventOf<Id extends string> = ExtendedEvent & { EventTypeId: Id };');
    w.writeLine('/** Every dotted event id of every catalog, with the class the catalogs give it (both when releases disagree). */');
    w.write('export interface DottedEvents {').newLine();
    w.indent(() => {
      for (const [id, kinds] of dotted) {
        const parts = [...kinds].sort().map((k) => (k === 'EventEx' ? `EventExOf<${quote(id)}>` : `ExtendedEventOf<${quote(id)}>`));
        w.writeLine(`${quote(id)}: ${parts.join(' | ')};`);
      }
    });
    w.writeLine('}');
  });
  return file.getFullText();
}

/** `decoders.ts`: one lazy, memoized decoder per struct, built with the runtime's schema kit. */
export function emitDecoders(model: EventModel): string {
  const file = newFile('decoders.ts');
  file.addStatements((w: CodeBlockWriter) => {
    w.write(BANNER);
    w.writeLine("import { schemaKit } from '@vcenter-sdk/runtime';");
    w.writeLine("import type * as T from './types.js';");
    w.writeLine('const k = schemaKit();');
    w.writeLine('/** Decoders by struct name: each one is built on its first call, then memoized. Unknown fields never fail. */');
    w.write('export const schemas = {').newLine();
    w.indent(() => {
      for (const t of model.types.values()) {
        const fields = t.fields.map((f) => `${f.name}: ${kitExpr(f.shape)}`).join(', ');
        const required = t.fields.map((f) => quote(f.name)).join(', ');
        w.writeLine(`${t.name}: k.lazy<T.${t.name}>(${quote(t.name)}, () => k.object({${fields ? ` ${fields} ` : ''}}, [${required}])),`);
      }
    });
    w.writeLine('};');
  });
  return file.getFullText();
}

export function emitDecodersDts(model: EventModel): string {
  const file = newFile('decoders.d.ts');
  file.addStatements((w: CodeBlockWriter) => {
    w.write(BANNER);
    w.writeLine("import type { LazySchema } from '@vcenter-sdk/runtime';");
    w.writeLine("import type * as T from './types.js';");
    w.write('export declare const schemas: {').newLine();
    w.indent(() => {
      for (const t of model.types.values()) w.writeLine(`readonly ${t.name}: LazySchema<T.${t.name}>;`);
    });
    w.writeLine('};');
  });
  return file.getFullText();
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
