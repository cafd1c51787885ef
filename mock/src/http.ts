/** node:http glue: read a request into a `MockRequest`, write a `Reply`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { MockRequest, Reply } from './reply.js';

export async function readRequest(req: IncomingMessage): Promise<MockRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const text = raw.toString('utf8');
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

export function writeReply(res: ServerResponse, reply: Reply, extra: Record<string, string>): void {
  const headers: Record<string, string> = { ...extra, ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res
    .writeHead(reply.status, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) })
    .end(text);
}
