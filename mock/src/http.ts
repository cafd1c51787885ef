/** node:http glue: read a request into a `MockRequest`, write a `Reply`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { MockRequest, Reply } from './reply.js';

const EMPTY = Buffer.alloc(0);

/** The request's body bytes: empty at once when the headers announce none (a GET), without waiting on the stream. */
function readRaw(req: IncomingMessage): Promise<Buffer> | Buffer {
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

export async function readRequest(req: IncomingMessage): Promise<MockRequest> {
  const raw = await readRaw(req);
  const text = raw.length === 0 ? '' : raw.toString('utf8');
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const u = new URL(req.url ?? '/', 'http://mock.invalid');
  const origin = `${(req.socket as TLSSocket).encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    pathname: u.pathname,
    search: u.searchParams,
    headers: req.headers,
    body,
    raw,
    origin,
  };
}

/** Headers as node:http's flat list (no per-request header object to build and walk twice). */
function flatHeaders(extra: Record<string, string>, own: Record<string, string> | undefined, withBody: boolean): string[] {
  const merged = own ? { ...extra, ...own } : extra;
  const list: string[] = [];
  for (const [k, v] of Object.entries(merged)) if (!withBody || (k !== 'content-type' && k !== 'content-length')) list.push(k, v);
  return list;
}

export function writeReply(res: ServerResponse, reply: Reply, extra: Record<string, string>): void {
  if (reply.raw) {
    const headers = flatHeaders(extra, reply.headers, false);
    headers.push('content-length', String(reply.raw.length));
    res.writeHead(reply.status, headers).end(reply.raw);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, flatHeaders(extra, reply.headers, false)).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  const headers = flatHeaders(extra, reply.headers, true);
  headers.push('content-type', 'application/json', 'content-length', String(Buffer.byteLength(text)));
  res.writeHead(reply.status, headers).end(text);
}
