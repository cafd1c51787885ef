/**
 * Emits `decoders.ts` for the component schemas of a normalized OpenAPI 3.0 document.
 *
 * Every schema becomes one lazy, memoized entry built with the runtime's schema kit:
 *
 * ```ts
 * 'VcenterVMSummary': k.lazy<S['VcenterVMSummary']>('VcenterVMSummary', () =>
 *   k.object({ vm: k.string(), power_state: k.ref('VcenterVmPowerState'), cpu_count: k.int64() }, ['vm', 'power_state'])),
 * ```
 *
 * - Kit constructors return the loose `z.ZodType`, and each entry is annotated with its
 *   openapi-typescript type (`components['schemas'][Name]`), so tsc never infers a Zod
 *   type (thousands of inferred Zod types cost gigabytes of tsc memory).
 * - References go through the kit's registry (`k.ref`, a `z.lazy`): making the
 *   decoders builds nothing, and recursive schemas work.
 * - Each entry carries its ahead-of-time check (emit-checks.ts), a plain function `decode`
 *   runs before the Zod schema: valid data is decoded without building any schema.
 * - The output is deterministic: entries sorted by name (code-unit order), properties
 *   in document order, no timestamps.
 */
import { IndentationText, Project, QuoteKind, type CodeBlockWriter } from 'ts-morph';
import { BANNER } from './banner.js';
import { checksClosures, emitChecks } from './emit-checks.js';

/** The subset of an OpenAPI 3.0 schema object the emitter reads. */
export interface OpenAPI3SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, OpenAPI3SchemaObject>;
  required?: string[];
  items?: OpenAPI3SchemaObject;
  enum?: unknown[];
  additionalProperties?: boolean | OpenAPI3SchemaObject;
  allOf?: OpenAPI3SchemaObject[];
  oneOf?: OpenAPI3SchemaObject[];
  anyOf?: OpenAPI3SchemaObject[];
  nullable?: boolean;
  'x-vcenter-unresolved'?: boolean;
  [key: string]: unknown;
}

export interface EmitDecodersInput {
  /** `components.schemas` of the normalized document. */
  schemas: Record<string, OpenAPI3SchemaObject>;
  /** Module specifier of the openapi-typescript types, relative to decoders.ts: `./types.js`. */
  typesModule: string;
  /** Module the kit is imported from. Default `@vcenter-sdk/runtime`. */
  runtimeModule?: string;
  /**
   * How the types module names each schema's type: `components` (openapi-typescript's
   * `components['schemas'][Name]`, the default) or `namespace` (one export per name: `T.Name`).
   */
  typesExport?: 'components' | 'namespace';
}

const REF_PREFIX = '#/components/schemas/';
const DEFAULT_RUNTIME = '@vcenter-sdk/runtime';

/** Code-unit order: the same on every machine and locale (unlike `localeCompare`). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A single-quoted TypeScript string literal. */
export function quote(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x2028 || c === 0x2029 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
function propKey(key: string): string {
  return IDENT.test(key) ? key : quote(key);
}

/** `#/components/schemas/a~1b%20c` → `a/b c`; undefined for refs outside the component schemas. */
export function refName(ref: string): string | undefined {
  if (!ref.startsWith(REF_PREFIX)) return undefined;
  let raw = ref.slice(REF_PREFIX.length);
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // keep it as written
  }
  return raw.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isUnresolvedStub(s: OpenAPI3SchemaObject | undefined): boolean {
  return !!s && s['x-vcenter-unresolved'] === true;
}

/** The kit expression that builds `schema`. */
function schemaExpr(schema: OpenAPI3SchemaObject | boolean | undefined, all: Record<string, OpenAPI3SchemaObject>): string {
  if (schema === undefined || schema === true || schema === false || typeof schema !== 'object') return 'k.unknown()';
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref);
    if (name === undefined || !Object.hasOwn(all, name) || isUnresolvedStub(all[name])) {
      return 'k.unknown()';
    }
    return `k.ref(${quote(name)})`;
  }
  let expr = baseExpr(schema, all);
  if (schema.nullable === true) expr = `k.nullable(${expr})`;
  return expr;
}

function listExpr(list: OpenAPI3SchemaObject[], all: Record<string, OpenAPI3SchemaObject>): string {
  return `[${list.map((s) => schemaExpr(s, all)).join(', ')}]`;
}

function baseExpr(s: OpenAPI3SchemaObject, all: Record<string, OpenAPI3SchemaObject>): string {
  if (isUnresolvedStub(s)) return 'k.unknown()';
  if (Array.isArray(s.allOf) && s.allOf.length) {
    const members = [...s.allOf];
    // sibling properties of an allOf are one more member
    if (s.properties || s.additionalProperties !== undefined) {
      const { allOf: _a, nullable: _n, ...rest } = s;
      members.push(rest);
    }
    return `k.allOf(${listExpr(members, all)})`;
  }
  const alternatives = s.oneOf?.length ? s.oneOf : s.anyOf?.length ? s.anyOf : undefined;
  if (alternatives) return `k.anyOf(${listExpr(alternatives, all)})`;
  if (Array.isArray(s.enum) && s.enum.length && s.enum.every((v) => typeof v === 'string')) {
    return `k.enumOf([${(s.enum as string[]).map(quote).join(', ')}])`;
  }
  const type = s.type;
  if (type === 'array' || (type === undefined && s.items)) return `k.array(${schemaExpr(s.items, all)})`;
  if (type === 'object' || (type === undefined && (s.properties || s.additionalProperties !== undefined))) {
    const props = s.properties ?? {};
    const keys = Object.keys(props);
    const ap = s.additionalProperties;
    const typedExtra = typeof ap === 'object' && ap !== null && Object.keys(ap).length > 0;
    if (keys.length === 0 && ap !== undefined && ap !== false) {
      return typedExtra ? `k.map(${schemaExpr(ap, all)})` : 'k.map()';
    }
    const fields = keys.map((key) => `${propKey(key)}: ${schemaExpr(props[key], all)}`).join(', ');
    const required = (s.required ?? []).filter((r) => Object.hasOwn(props, r));
    const args = [`{${fields ? ` ${fields} ` : ''}}`];
    if (required.length || typedExtra) args.push(`[${required.map(quote).join(', ')}]`);
    if (typedExtra) args.push(schemaExpr(ap, all));
    return `k.object(${args.join(', ')})`;
  }
  switch (type) {
    case 'string':
      return 'k.string()';
    case 'integer':
      return s.format === 'int32' ? 'k.int32()' : 'k.int64()';
    case 'number':
      return 'k.number()';
    case 'boolean':
      return 'k.boolean()';
    default:
      return 'k.unknown()';
  }
}

function sortedNames(schemas: Record<string, OpenAPI3SchemaObject>): string[] {
  return Object.keys(schemas).sort(byCodeUnit);
}

function newFile(fileName: string) {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces },
  });
  return project.createSourceFile(fileName, '', { overwrite: true });
}

const DOC =
  'Decoders by component schema name, made with the kit and the checks the release passes in: each one is built on its first call, then memoized.';

/**
 * The text of `decoders.ts`: `export default function decoders(k, checks)`, which makes
 * `{ 'Name': LazySchema<S['Name']>, ... }`, each entry carrying `checks['Name']`. It imports
 * nothing: the release's index loads its compiled form (`decoders.cjs`) with a plain `require`
 * when a schema is first asked for, and hands it the runtime's kit, so the release imports
 * quickly and every schema is built by the caller's copy of the runtime.
 */
export function emitDecoders(input: EmitDecodersInput): string {
  const { schemas, typesModule } = input;
  const runtime = input.runtimeModule ?? DEFAULT_RUNTIME;
  const file = newFile('decoders.ts');
  file.addImportDeclaration({
    moduleSpecifier: runtime,
    namedImports: ['Check', 'SchemaKit'],
    isTypeOnly: true,
    leadingTrivia: BANNER,
  });
  const typeOf = addTypesImport(file, typesModule, input.typesExport);
  file.addStatements((w: CodeBlockWriter) => {
    w.writeLine(`/** ${DOC} */`);
    w.write('export default function decoders(k: SchemaKit, checks: Readonly<Record<string, Check>>) {').newLine();
    w.indent(() => {
      w.write('return {').newLine();
      w.indent(() => {
        for (const name of sortedNames(schemas)) {
          const q = quote(name);
          w.writeLine(`${q}: k.lazy<${typeOf(name)}>(${q}, () => ${schemaExpr(schemas[name], schemas)}, checks[${q}]),`);
        }
      });
      w.writeLine('};');
    });
    w.writeLine('}');
  });
  return file.getFullText();
}

/** Imports the types module; answers how a schema's type is written. */
function addTypesImport(
  file: ReturnType<typeof newFile>,
  typesModule: string,
  how: EmitDecodersInput['typesExport'],
): (name: string) => string {
  if (how === 'namespace') {
    file.addImportDeclaration({ moduleSpecifier: typesModule, namespaceImport: 'T', isTypeOnly: true });
    return (name) => `T.${name}`;
  }
  file.addImportDeclaration({ moduleSpecifier: typesModule, namedImports: ['components'], isTypeOnly: true });
  file.addTypeAlias({ name: 'S', type: "components['schemas']" });
  return (name) => `S[${quote(name)}]`;
}

/** The checks modules of a release (or of the event model). */
export interface ChecksModules {
  /** `checks.ts`: every schema's check by name, which the decoders' entries carry (loaded with them). */
  all: string;
  /**
   * One module per group of `groups` (group → schema names): each holds the checks of its schemas
   * and of what they reach, and nothing else, so a client's first answer loads the checks of its
   * group only (a few kB, not the release's whole set).
   */
  groups: Map<string, string>;
}

/** The ahead-of-time checks (emit-checks.ts) as modules: `export default function checks(K)` answers them by schema name. */
export function emitChecksModules(input: EmitDecodersInput, groups: ReadonlyMap<string, readonly string[]> = new Map()): ChecksModules {
  const checks = emitChecks(input.schemas);
  const doc = 'The ahead-of-time checks by schema name: true exactly when the schema of that name accepts the value.';
  const all = checksModule(input, doc, sortedNames(input.schemas), checks.fns, checks.code);
  const out = new Map<string, string>();
  const closure = checksClosures(checks.code);
  for (const [group, members] of groups) {
    const names = [...new Set(members)].filter((n) => checks.fns.has(n)).sort(byCodeUnit);
    const code = closure(names.map((n) => checks.fns.get(n)!));
    const groupDoc = `The ahead-of-time checks of the answers of the \`${group}\` operations, by schema name.`;
    out.set(group, checksModule(input, groupDoc, names, checks.fns, code));
  }
  return { all, groups: out };
}

/** A checks module's text: plain lines (the functions are text already; ts-morph would only re-parse them). */
function checksModule(
  input: EmitDecodersInput,
  doc: string,
  names: readonly string[],
  fns: ReadonlyMap<string, string>,
  code: string,
): string {
  const runtime = input.runtimeModule ?? DEFAULT_RUNTIME;
  const table = names.map((name) => `  ${quote(name)}: ${fns.get(name)},`);
  return [
    `${BANNER}import type { Check, checkKit } from ${quote(runtime)};`,
    '',
    '// The helpers `checks` was given, which the checks below call.',
    'let K: typeof checkKit;',
    '',
    `/** ${doc} */`,
    'export default function checks(kit: typeof checkKit): Readonly<Record<string, Check>> {',
    '  K = kit;',
    '  return CHECKS;',
    '}',
    '',
    'const CHECKS: Readonly<Record<string, Check>> = {',
    ...table,
    '};',
    '',
    code,
    '',
  ].join('\n');
}
