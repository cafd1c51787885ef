/**
 * OpenTelemetry, optional, the way the runtime does it (runtime/src/tracing/otel.ts): one
 * guarded dynamic `import('@opentelemetry/api')` per process on first use; without the package
 * every span helper is a no-op. Only the sliver of the API used here is typed, so these
 * declarations never name `@opentelemetry/api`.
 */
export type Attrs = Record<string, string | number | boolean | undefined>;
interface Span {
    setAttribute(key: string, value: string | number | boolean): unknown;
    setStatus(status: {
        code: number;
        message?: string;
    }): unknown;
    end(): void;
}
interface Api {
    trace: {
        getTracer(name: string): {
            startSpan(name: string, options: {
                kind: number;
                attributes: Record<string, string | number | boolean>;
            }, context?: unknown): Span;
        };
        setSpan(context: unknown, span: Span): unknown;
    };
    context: {
        active(): unknown;
        with<R>(context: unknown, fn: () => R): R;
    };
    SpanStatusCode: {
        ERROR: number;
    };
    SpanKind: {
        CONSUMER: number;
    };
}
export type OtelLoader = () => Promise<Api | undefined>;
/** Tests: act as if the package were absent (`async () => undefined`), or restore the default. */
export declare function setOtelLoader(next: OtelLoader | undefined): void;
/** Runs `fn` inside a CONSUMER span named `name` (so the handler's own spans are its children); plain `fn()` without OpenTelemetry. */
export declare function inSpan<R>(enabled: boolean, name: string, attrs: Attrs, fn: (set: (a: Attrs) => void) => Promise<R>): Promise<R>;
export {};
