/**
 * A CONSUMER span per delivery when OpenTelemetry is installed. The API is the runtime's
 * (`@vcenter-sdk/runtime/otel`: optional, loaded once per process on first use, shared with
 * the spans of the SDK calls a handler makes); without it, `inSpan` just runs `fn`.
 */
import { loadOtel } from '@vcenter-sdk/runtime/otel';

export type Attrs = Record<string, string | number | boolean | undefined>;

const TRACER = '@vcenter-sdk/events';

/** Runs `fn` inside a CONSUMER span named `name` (so the handler's own spans are its children); plain `fn()` without OpenTelemetry. */
export async function inSpan<R>(enabled: boolean, name: string, attrs: Attrs, fn: (set: (a: Attrs) => void) => Promise<R>): Promise<R> {
  const api = enabled ? await loadOtel() : undefined;
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
