/**
 * Emits `decoders.ts` (and its `.d.ts`) for the component schemas of a normalized
 * OpenAPI 3.0 document.
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
 * - References go through the kit's registry (`k.ref`, a `z.lazy`): importing the
 *   module builds nothing, and recursive schemas work.
 * - Each entry carries its ahead-of-time check (emit-checks.ts), a plain function `decode`
 *   runs before the Zod schema: valid data is decoded without building any schema.
 * - The output is deterministic: entries sorted by name (code-unit order), properties
 *   in document order, no timestamps.
 */
import { IndentationText, Project, QuoteKind, VariableDeclarationKind, type CodeBlockWriter } from 'ts-morph';
import { BANNER } from './banner.js';
import { emitChecks } from './emit-checks.js';

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

const DOC = 'Decoders by component schema name: each one is built on its first call, then memoized.';

/** The text of `decoders.ts`: `export const schemas = { 'Name': LazySchema<S['Name']>, ... }`. */
export function emitDecoders(input: EmitDecodersInput): string {
  const { schemas, typesModule } = input;
  const runtime = input.runtimeModule ?? DEFAULT_RUNTIME;
  const file = newFile('decoders.ts');
  const checks = emitChecks(schemas);
  file.addImportDeclaration({ moduleSpecifier: runtime, namedImports: ['checkKit as K', 'schemaKit'], leadingTrivia: BANNER });
  file.addImportDeclaration({ moduleSpecifier: typesModule, namedImports: ['components'], isTypeOnly: true });
  file.addTypeAlias({ name: 'S', type: "components['schemas']" });
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'k', initializer: 'schemaKit()' }],
  });
  file.addStatements((w: CodeBlockWriter) => {
    w.writeLine(`/** ${DOC} */`);
    w.write('export const schemas = {').newLine();
    w.indent(() => {
      for (const name of sortedNames(schemas)) {
        const q = quote(name);
        w.writeLine(`${q}: k.lazy<S[${q}]>(${q}, () => ${schemaExpr(schemas[name], schemas)}, ${checks.fns.get(name)}),`);
      }
    });
    w.writeLine('};');
  });
  // Appended as text: ts-morph would re-indent thousands of one-line functions for nothing.
  return `${file.getFullText()}\n// The ahead-of-time checks: true exactly when the schema of the same entry accepts the value.\n${checks.code}\n`;
}

/** The text of `decoders.d.ts`: one line per schema, no Zod type to infer. */
export function emitDecodersDts(input: EmitDecodersInput): string {
  const { schemas, typesModule } = input;
  const runtime = input.runtimeModule ?? DEFAULT_RUNTIME;
  const file = newFile('decoders.d.ts');
  file.addImportDeclaration({ moduleSpecifier: runtime, namedImports: ['z'], isTypeOnly: true, leadingTrivia: BANNER });
  file.addImportDeclaration({ moduleSpecifier: typesModule, namedImports: ['components'], isTypeOnly: true });
  file.addTypeAlias({ name: 'S', type: "components['schemas']" });
  file.addStatements((w: CodeBlockWriter) => {
    w.writeLine(`/** ${DOC} */`);
    w.write('export declare const schemas: {').newLine();
    w.indent(() => {
      for (const name of sortedNames(schemas)) {
        const q = quote(name);
        w.writeLine(`readonly ${q}: () => z.ZodType<S[${q}]>;`);
      }
    });
    w.writeLine('};');
  });
  return file.getFullText();
}
