/**
 * The sources of the events data package: TypeScript types of the event model (written with
 * ts-morph), the class hierarchy and the dotted ids of every catalog. Its decoders and checks
 * are a release's (schemas.ts turns the model into component schemas for emit-decoders.ts).
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
