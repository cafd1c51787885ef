const MODULE = '@opentelemetry/api';
const importOtel = async () => {
    try {
        const spec = MODULE;
        const mod = (await import(spec));
        const api = mod.trace ? mod : mod.default;
        return api?.trace && api.context && api.SpanStatusCode && api.SpanKind ? api : undefined;
    }
    catch {
        return undefined;
    }
};
let loader = importOtel;
let loading;
function load() {
    return (loading ??= loader());
}
/** Tests: act as if the package were absent (`async () => undefined`), or restore the default. */
export function setOtelLoader(next) {
    loader = next ?? importOtel;
    loading = undefined;
}
const TRACER = '@vcenter-sdk/events';
/** Runs `fn` inside a CONSUMER span named `name` (so the handler's own spans are its children); plain `fn()` without OpenTelemetry. */
export async function inSpan(enabled, name, attrs, fn) {
    const api = enabled ? await load() : undefined;
    if (!api)
        return fn(() => { });
    const clean = {};
    for (const [k, v] of Object.entries(attrs))
        if (v !== undefined)
            clean[k] = v;
    const parent = api.context.active();
    const span = api.trace.getTracer(TRACER).startSpan(name, { kind: api.SpanKind.CONSUMER, attributes: clean }, parent);
    const set = (a) => {
        for (const [k, v] of Object.entries(a))
            if (v !== undefined)
                span.setAttribute(k, v);
    };
    try {
        return await api.context.with(api.trace.setSpan(parent, span), () => fn(set));
    }
    catch (e) {
        const kind = e instanceof Error ? e.name : 'Error';
        span.setAttribute('error.type', kind);
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: kind });
        throw e;
    }
    finally {
        span.end();
    }
}
