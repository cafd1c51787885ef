/**
 * Writes the events data package, `@vcenter-sdk/events-data`, into a folder: sources (src/),
 * ESM with declarations (dist/, compiled per file), package.json, README, LICENSE. The
 * catalogs are one module each, loaded on demand; sample bodies are a subpath of their own.
 */
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';
import type { Catalog } from './catalog.js';
import { BANNER } from '../banner.js';
import { addPackageJson, json, runtimeContract, transpile, writeFiles } from '../package-files.js';
import { EVENTS_PACKAGE } from './inputs.js';
import { LAZY_IMPORTS, LAZY_LOADERS } from '../lazy-modules.js';

// Required, not imported: ESM's import of a CommonJS module scans its whole text (9 MB here) for
// export names, which every generate worker would pay (emit-types.ts loads it the same way).
const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;

export { EVENTS_PACKAGE };
/** A JSON.parse of a literal: faster to load than an object literal of the same data. */
const literal = (v: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(v))})`;

export interface EventsPackageInput {
  version: string;
  types: string;
  decoders: string;
  checks: string;
  ancestors: Record<string, string[]>;
  dotted: Record<string, string[]>;
  catalogs: Catalog[];
  samples: Record<string, unknown>;
  report: unknown;
  license: string;
  counts: { types: number; classes: number; dotted: number };
}

const CATALOG_TYPES = `${BANNER}/** One event of a catalog. \`kind\` is the catalog's EventType: a class of the data model (Standard), or a generic class whose \`EventTypeId\` is the dotted id. */
export interface CatalogEntry {
  id: string;
  kind: 'Standard' | 'EventEx' | 'ExtendedEvent';
  /** The catalog's class for the id: the id itself for Standard events, else \`EventEx\` / \`ExtendedEvent\` (a body of the other generic class is delivered as that one). */
  class: string;
  description: string;
}
/** A vCenter release's catalog, without its entries. */
export interface CatalogInfo {
  /** \`8.0u3\` */
  name: string;
  /** \`8.0.3\` */
  version: string;
  title: string;
  /** The count the source file states; more than \`size\` when the source is truncated (7.0). */
  declared: number | null;
  size: number;
}
export interface Catalog extends CatalogInfo {
  entries: readonly CatalogEntry[];
}
`;

function catalogSource(c: Catalog): string {
  const data = {
    name: c.name,
    version: c.version,
    title: c.title,
    declared: c.declared ?? null,
    size: c.entries.length,
    entries: c.entries.map((e) => ({ id: e.id, kind: e.kind, class: e.kind === 'Standard' ? e.id : e.kind, description: e.description })),
  };
  return `${BANNER}import type { Catalog } from '../catalog.js';\n\nconst catalog: Catalog = ${literal(data)};\nexport default catalog;\n`;
}

function indexSource(p: EventsPackageInput): string {
  const infos = p.catalogs.map((c) => ({
    name: c.name,
    version: c.version,
    title: c.title,
    declared: c.declared ?? null,
    size: c.entries.length,
  }));
  const loaders = p.catalogs.map((c) => `  ${JSON.stringify(c.name)}: () => import('./catalogs/${c.name}.js'),`).join('\n');
  return `${BANNER}${LAZY_IMPORTS}import type { Catalog, CatalogInfo } from './catalog.js';
import type { DottedEvents, EventClasses } from './types.js';

export type * from './types.js';
export type { Catalog, CatalogEntry, CatalogInfo } from './catalog.js';

/** What \`@vcenter-sdk/events\` needs of an event model; the type parameters only carry types. */
export interface EventsData<Classes = EventClasses, Dotted = DottedEvents> {
  /** Where the classes come from. */
  readonly model: string;
  /** Event class → its ancestors, nearest first (\`VmPoweredOnEvent\` → \`['VmEvent', 'Event']\`). */
  readonly ancestors: Readonly<Record<string, readonly string[]>>;
  /** Decoder of every struct by name, built on first use. */
  readonly schemas: Readonly<Record<string, LazySchema<unknown>>>;
  /** The ahead-of-time check of every struct by name: true exactly when its decoder accepts the value. */
  readonly checks: Readonly<Record<string, Check>>;
  /** Dotted id of any catalog → the classes the catalogs give it (\`EventEx\`, \`ExtendedEvent\`). */
  readonly dotted: Readonly<Record<string, readonly string[]>>;
  /** The releases with a catalog, oldest first. */
  readonly releases: readonly CatalogInfo[];
  /** A release's catalog by name (\`8.0u3\`) or version (\`8.0.3\`); undefined when there is none. */
  catalog(release: string): Promise<Catalog | undefined>;
  /** Type-level only: never set. */
  readonly __types?: { classes: Classes; dotted: Dotted };
}

const loaders: Record<string, () => Promise<{ default: Catalog }>> = {
${loaders}
};
const releases: readonly CatalogInfo[] = ${literal(infos)};

/** \`8.0u3\`, \`8.0.3\` or \`8.0.3.24022515\`-style ids → the catalog's name. */
function catalogName(release: string): string | undefined {
  const r = release.trim().toLowerCase();
  return releases.find((c) => c.name === r || c.version === r || r.startsWith(\`\${c.version}.\`))?.name;
}

${LAZY_LOADERS}
const events: EventsData = {
  model: 'govmomi 0.24.2 vim25 (vSphere 7.0 WSDL)',
  ancestors: ${literal(p.ancestors)},
  get checks(): Readonly<Record<string, Check>> {
    return getChecks();
  },
  get schemas(): Readonly<Record<string, LazySchema<unknown>>> {
    return getSchemas();
  },
  dotted: ${literal(p.dotted)},
  releases,
  async catalog(release: string): Promise<Catalog | undefined> {
    const name = catalogName(release);
    return name ? (await loaders[name]!()).default : undefined;
  },
};
export default events;
`;
}

function samplesSource(samples: Record<string, unknown>): string {
  return `${BANNER}/** A realistic body of every event class (Go's JSON encoding, as VEBA sends it), by class name. */
const samples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = ${literal(samples)};
export default samples;
`;
}

function readme(p: EventsPackageInput): string {
  return `# ${EVENTS_PACKAGE}

Generated by vcenter-sdk from govmomi 0.24.2's vim25 data model (\`types.go\`, \`enum.go\`,
Apache-2.0, derived from VMware's vSphere 7.0 WSDL) and the vCenter event catalogs
(\`lamw/vcenter-event-mapping\`): TypeScript types and lazy Zod decoders of the ${p.counts.classes}
event classes and the ${p.counts.types - p.counts.classes} types they reach, the ${p.counts.dotted} dotted
ids (\`EventEx\` / \`ExtendedEvent\`) of the catalogs, and one catalog per vCenter release
(${p.catalogs.map((c) => c.name).join(', ')}). Use it with \`@vcenter-sdk/events\`:

\`\`\`sh
npm install @vcenter-sdk/events ${EVENTS_PACKAGE} @vcenter-sdk/runtime
\`\`\`

## Example

\`\`\`ts
import { createReceiver } from '@vcenter-sdk/events';
import events from '${EVENTS_PACKAGE}';

const receiver = createReceiver({ events });
receiver.on('VmPoweredOnEvent', (e) => console.log(e.data.Vm?.Name));
\`\`\`

\`${EVENTS_PACKAGE}/samples\` holds a realistic body of every class.

Its version is \`<contract>.<generator>.<revision>\`: built for contract ${runtimeContract().contract} of
\`@vcenter-sdk/runtime\` (its peer dependency, \`${runtimeContract().range}\`); the revision moves whenever
the output changes.
`;
}

function declarations(source: string, fileName: string): string {
  const out = ts.transpileDeclaration(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      isolatedDeclarations: true,
    },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(`${fileName}: ${ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n')}`);
  return out.outputText;
}

export function writeEventsPackage(dir: string, p: EventsPackageInput): void {
  const modules: Record<string, string> = {
    'catalog.ts': CATALOG_TYPES,
    'index.ts': indexSource(p),
    'samples.ts': samplesSource(p.samples),
    ...Object.fromEntries(p.catalogs.map((c) => [`catalogs/${c.name}.ts`, catalogSource(c)])),
  };
  const files: Record<string, string> = {
    'src/types.ts': p.types,
    'src/decoders.ts': p.decoders,
    'src/checks.ts': p.checks,
    'dist/types.js': 'export {};\n',
    'dist/types.d.ts': p.types,
    'dist/decoders.cjs': transpile(p.decoders, 'decoders.ts', 'cjs'),
    'dist/checks.cjs': transpile(p.checks, 'checks.ts', 'cjs'),
    'README.md': readme(p),
    LICENSE: p.license,
    'report.json': json(p.report),
  };
  for (const [name, source] of Object.entries(modules)) {
    files[`src/${name}`] = source;
    files[`dist/${name.replace(/\.ts$/, '.js')}`] = transpile(source, name);
    files[`dist/${name.replace(/\.ts$/, '.d.ts')}`] = declarations(source, name);
  }
  addPackageJson(files, {
    name: EVENTS_PACKAGE,
    description: 'Types, lazy decoders and per-release catalogs of vCenter events (vim25 event classes, EventEx / ExtendedEvent ids)',
    keywords: ['veba', 'cloudevents', 'vcenter-events'],
    subpaths: { './samples': { types: './dist/samples.d.ts', default: './dist/samples.js' } },
  });
  writeFiles(dir, files);
}
