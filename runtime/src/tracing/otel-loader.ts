/**
 * OpenTelemetry, optional: `@opentelemetry/api` is an optional peer dependency. It is loaded
 * with one dynamic `import()` per process, the first time something that traces needs it; when
 * it is not installed the import fails once, quietly, and every span helper is a no-op.
 *
 * Public as `@vcenter-sdk/runtime/otel` for the SDK's sister packages (`@vcenter-sdk/events`
 * opens its delivery spans with it), so the process loads the API once for all of them.
 * Only a structural sliver of the API is typed here, so that the declarations never name
 * `@opentelemetry/api` (consumers without it still type-check).
 */

export interface OtelSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  addEvent(name: string, attributes?: Record<string, string | number | boolean>): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

export interface OtelTracer {
  startSpan(name: string, options?: { kind?: number; attributes?: Record<string, string | number | boolean> }, context?: unknown): OtelSpan;
}

export interface OtelApi {
  trace: {
    getTracer(name: string, version?: string): OtelTracer;
    setSpan(context: unknown, span: OtelSpan): unknown;
  };
  context: {
    active(): unknown;
    with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      context: unknown,
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ): ReturnType<F>;
  };
  SpanStatusCode: { OK: number; ERROR: number; UNSET: number };
  SpanKind: { CLIENT: number; INTERNAL: number; CONSUMER: number };
}

type OtelLoader = () => Promise<OtelApi | undefined>;

const MODULE = '@opentelemetry/api';

/** The default loader: one guarded dynamic import (a variable specifier keeps bundlers from inlining it). */
const importOtel: OtelLoader = async () => {
  try {
    const spec = MODULE;
    const mod = (await import(spec)) as Partial<OtelApi> & { default?: Partial<OtelApi> };
    const api = mod.trace ? mod : mod.default;
    return api?.trace && api.context && api.SpanStatusCode && api.SpanKind ? (api as OtelApi) : undefined;
  } catch {
    return undefined;
  }
};

let loading: Promise<OtelApi | undefined> | undefined;
let loaded: OtelApi | undefined;

/**
 * Where the API keeps what a process registered (a tracer provider, a context manager), shared by
 * every copy of the API 1.x. Until something registers one, every span would be a no-op.
 */
const REGISTERED = Symbol.for('opentelemetry.js.api.1');
const NOTHING_REGISTERED: Promise<undefined> = Promise.resolve(undefined);

/**
 * The API, loading it on first use (once per process); undefined when it is not installed. Until
 * the process registers a tracer provider or a context manager, the API (44 modules) is not
 * loaded at all, and asked for again next time: a process that traces nothing never pays for it.
 */
export function loadOtel(): Promise<OtelApi | undefined> {
  if (loading === undefined && !(REGISTERED in globalThis)) return NOTHING_REGISTERED;
  return (loading ??= importOtel().then((api) => (loaded = api)));
}

/** The API if it has been loaded already: synchronous, for hot paths. */
export function loadedOtel(): OtelApi | undefined {
  return loaded;
}
