/**
 * OpenTelemetry, optional: `@opentelemetry/api` is an optional peer dependency. It is loaded
 * with one dynamic `import()` per process, the first time a client that traces needs it; when
 * it is not installed the import fails once, quietly, and every span helper is a no-op.
 *
 * Only a structural sliver of the API is typed here, so that the runtime's declarations never
 * name `@opentelemetry/api` (consumers without it still type-check).
 */

/** Attribute values we set: never secrets (no URLs with ids, no headers, no bodies). */
export type Attrs = Record<string, string | number | boolean | undefined>;

export interface OtelSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  addEvent(name: string, attributes?: Record<string, string | number | boolean>): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

interface OtelTracer {
  startSpan(name: string, options?: { kind?: number; attributes?: Record<string, string | number | boolean> }, context?: unknown): OtelSpan;
}

export interface OtelApi {
  trace: {
    getTracer(name: string, version?: string): OtelTracer;
    setSpan(context: unknown, span: OtelSpan): unknown;
  };
  context: {
    active(): unknown;
    with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: unknown, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F>;
  };
  SpanStatusCode: { OK: number; ERROR: number; UNSET: number };
  SpanKind: { CLIENT: number; INTERNAL: number };
}

export type OtelLoader = () => Promise<OtelApi | undefined>;

const MODULE = '@opentelemetry/api';

/** The default loader: one guarded dynamic import (a variable specifier keeps bundlers from inlining it). */
export const importOtel: OtelLoader = async () => {
  try {
    const spec = MODULE;
    const mod = (await import(spec)) as Partial<OtelApi> & { default?: Partial<OtelApi> };
    const api = mod.trace ? mod : mod.default;
    return api?.trace && api.context && api.SpanStatusCode && api.SpanKind ? (api as OtelApi) : undefined;
  } catch {
    return undefined;
  }
};

let loader: OtelLoader = importOtel;
let loading: Promise<OtelApi | undefined> | undefined;
let loaded: OtelApi | undefined;

/** The API, loading it on first use (once per process). */
export function loadOtel(): Promise<OtelApi | undefined> {
  return (loading ??= loader().then((api) => (loaded = api)));
}

/** Tests: replace the loader (e.g. `async () => undefined` to act as if the package were absent) and forget what was loaded. */
export function setOtelLoader(next: OtelLoader | undefined): void {
  loader = next ?? importOtel;
  loading = undefined;
  loaded = undefined;
}

/** Whether the API has been loaded in this process (for tests of laziness). */
export function otelLoaded(): boolean {
  return loaded !== undefined;
}

/** A span and the context whose children it parents. Opaque to the rest of the runtime. */
export interface SpanRef {
  readonly span: OtelSpan;
  /** `trace.setSpan(parent, span)`: pass as the parent of child spans. */
  readonly context: unknown;
  readonly api: OtelApi;
}

const TRACER = '@vcenter-sdk/runtime';

function clean(attrs: Attrs): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}

/** Per-client switch: `tracing: false` never loads the API. */
export class Tracing {
  constructor(readonly enabled: boolean) {}

  /** The API when tracing is on and the package is installed. Synchronous once loaded. */
  api(): Promise<OtelApi | undefined> | OtelApi | undefined {
    if (!this.enabled) return undefined;
    return loaded ?? loadOtel();
  }

  /** Start a span under `parent` (a SpanRef), else under the active context. */
  start(api: OtelApi, name: string, kind: 'client' | 'internal', attrs: Attrs, parent?: SpanRef | undefined): SpanRef {
    const parentCtx = parent ? parent.context : api.context.active();
    const span = api.trace
      .getTracer(TRACER)
      .startSpan(name, { kind: kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL, attributes: clean(attrs) }, parentCtx);
    return { span, context: api.trace.setSpan(parentCtx, span), api };
  }
}

export function setAttrs(ref: SpanRef | undefined, attrs: Attrs): void {
  if (!ref) return;
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) ref.span.setAttribute(k, v);
}

export function addEvent(ref: SpanRef | undefined, name: string, attrs: Attrs = {}): void {
  ref?.span.addEvent(name, clean(attrs));
}

/** End a span: OK, or ERROR with the error's kind as `error.type`. */
export function endSpan(ref: SpanRef | undefined, error?: unknown): void {
  if (!ref) return;
  if (error !== undefined) {
    const kind = errorType(error);
    ref.span.setAttribute('error.type', kind);
    ref.span.setStatus({ code: ref.api.SpanStatusCode.ERROR, message: kind });
  }
  ref.span.end();
}

/** `NOT_FOUND`, `SERVICE_UNAVAILABLE`... for runtime errors; the error's name otherwise (`AbortError`). */
export function errorType(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { kind?: unknown; name?: unknown };
    if (typeof e.kind === 'string' && e.kind !== 'ERROR') return e.kind;
    if (typeof e.name === 'string') return e.name;
  }
  return 'Error';
}
