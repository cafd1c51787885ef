/** What the mock sends back for one request; `body` is JSON-encoded, undefined sends none. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request as the dispatcher sees it: `body` is the parsed JSON body (undefined when absent or not JSON). */
export interface MockRequest {
  method: string;
  pathname: string;
  search: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The body's bytes, as sent (a file uploaded to an update session's endpoint). */
  raw?: Buffer;
  /** `http://127.0.0.1:PORT` as the client reached the mock: where the upload endpoints it hands out point. */
  origin?: string;
}

export function header(req: MockRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
}
