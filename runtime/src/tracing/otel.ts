/**
 * The runtime's spans: a per-client switch (`tracing: false`), CLIENT and INTERNAL spans, their
 * attributes, events and end. The API itself, optional and loaded once per process, comes
 * from otel-loader.ts.
 */
import { loadedOtel, loadOtel, type OtelApi, type OtelSpan } from './otel-loader.js';

/** Attribute values we set: never secrets (no URLs with ids, no headers, no bodies). */
export type Attrs = Record<string, string | number | boolean | undefined>;

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
    return loadedOtel() ?? loadOtel();
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
