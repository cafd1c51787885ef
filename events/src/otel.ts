/**
 * OpenTelemetry, optional, the way the runtime does it (runtime/src/tracing/otel.ts): one
 * guarded dynamic `import('@opentelemetry/api')` per process on first use; without the package
 * every span helper is a no-op. Only the sliver of the API used here is typed, so these
 * declarations never name `@opentelemetry/api`.
 */
export type Attrs = Record<string, string | number | boolean | undefined>;

interface Span {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

interface Api {
  trace: {
    getTracer(name: string): { startSpan(name: string, options: { kind: number; attributes: Record<string, string | number | boolean> }, context?: unknown): Span };
    setSpan(context: unknown, span: Span): unknown;
  };
  context: { active(): unknown; with<R>(context: unknown, fn: () => R): R };
  SpanStatusCode: { ERROR: number };
  SpanKind: { CONSUMER: number };
}

export type OtelLoader = () => Promise<Api | undefined>;

const MODULE = '@opentelemetry/api';
const importOtel: OtelLoader = async () => {
  try {
    const spec = MODULE;
    const mod = (await import(spec)) as Partial<Api> & { default?: Partial<Api> };
    const api = mod.trace ? mod : mod.default;
    return api?.trace && api.context && api.SpanStatusCode && api.SpanKind ? (api as Api) : undefined;
  } catch {
    return undefined;
  }
};

let loader: OtelLoader = importOtel;
let loading: Promise<Api | undefined> | undefined;

function load(): Promise<Api | undefined> {
  return (loading ??= loader());
}

/** Tests: act as if the package were absent (`async () => undefined`), or restore the default. */
export function setOtelLoader(next: OtelLoader | undefined): void {
  loader = next ?? importOtel;
  loading = undefined;
}

const TRACER = '@vcenter-sdk/events';

/** Runs `fn` inside a CONSUMER span named `name` (so the handler's own spans are its children); plain `fn()` without OpenTelemetry. */
export async function inSpan<R>(enabled: boolean, name: string, attrs: Attrs, fn: (set: (a: Attrs) => void) => Promise<R>): Promise<R> {
  const api = enabled ? await load() : undefined;
  if (!api) return fn(() => {});
  const clean: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = v;
  const parent = api.context.active();
  const span = api.trace.getTracer(TRACER).startSpan(name, { kind: api.SpanKind.CONSUMER, attributes: clean }, parent);
  const set = (a: Attrs) => {
    for (const [k, v] of Object.entries(a)) if (v !== undefined) span.setAttribute(k, v);
  };
  try {
    return await api.context.with(api.trace.setSpan(parent, span), () => fn(set));
  } catch (e) {
    const kind = e instanceof Error ? e.name : 'Error';
    span.setAttribute('error.type', kind);
    span.setStatus({ code: api.SpanStatusCode.ERROR, message: kind });
    throw e;
  } finally {
    span.end();
  }
}
