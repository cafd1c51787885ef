/** node:http glue: read a request into a `MockRequest`, write a `Reply`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { MockRequest, Reply } from './reply.js';

const EMPTY = Buffer.alloc(0);

/** The request's body bytes: at once, without a promise, when the headers announce none (a GET). */
export function readBody(req: IncomingMessage): Promise<Buffer> | Buffer {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) {
    req.resume();
    return EMPTY;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * A request target that `new URL` gives back as it is: a path and a query of unreserved
 * characters, no `//` authority, no backslash, no fragment, no second `?` (URLSearchParams
 * drops a leading one). Split by hand, it costs a fraction of the parse.
 */
const PLAIN_TARGET = /^\/(?!\/)[\w\-.~!$&'()*+,;=:@/%]*(?:\?[\w\-.~!$&'()*+,;=:@/%[\]]*)?$/;
/** A `.` or `..` segment, plain or encoded, which `new URL` resolves away. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?]|$)/i;

/** The pathname and query of a request target, as `new URL(target, base)` has them. */
export function splitTarget(target: string): { pathname: string; search: URLSearchParams } {
  if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) {
    const q = target.indexOf('?');
    if (q < 0) return { pathname: target, search: new URLSearchParams() };
    return { pathname: target.slice(0, q), search: new URLSearchParams(target.slice(q + 1)) };
  }
  const u = new URL(target, 'http://mock.invalid');
  return { pathname: u.pathname, search: u.searchParams };
}

export function toMockRequest(req: IncomingMessage, raw: Buffer): MockRequest {
  const text = raw.length === 0 ? '' : raw.toString('utf8');
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const { pathname, search } = splitTarget(req.url ?? '/');
  const origin = `${(req.socket as TLSSocket).encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
  return { method: (req.method ?? 'GET').toUpperCase(), pathname, search, headers: req.headers, body, raw, origin };
}

/**
 * Writes the reply. `headers`: node:http's flat list of names and values (no header object to
 * build and walk per request), to which the reply's own headers are added; a JSON body sets
 * its own content type and length.
 */
export function writeReply(res: ServerResponse, reply: Reply, headers: string[]): void {
  const own = reply.headers;
  const json = !reply.raw && reply.body !== undefined;
  if (own) for (const k in own) if (!json || (k !== 'content-type' && k !== 'content-length')) headers.push(k, own[k]!);
  if (reply.raw) {
    headers.push('content-length', String(reply.raw.length));
    res.writeHead(reply.status, headers).end(reply.raw);
    return;
  }
  if (!json) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers.push('content-type', 'application/json', 'content-length', String(Buffer.byteLength(text)));
  res.writeHead(reply.status, headers).end(text);
}
