/**
 * One buffered exchange with a server behind the front (a release's Prism, or the mock behind
 * it): the request sent whole, the answer read whole, hop-by-hop headers left out both ways.
 */
import { type Agent, request as httpRequest } from 'node:http';

/** What came back from Prism or the mock for one buffered request. */
export interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export const HOST = '127.0.0.1';
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

/** The headers of a request as received, without the hop-by-hop ones. */
export function endToEnd(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

export function exchange(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string | string[]>,
  body: Buffer,
): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const sent = { ...headers, 'content-length': String(body.length) };
    const upstream = httpRequest({ host: HOST, port, method, path, headers: sent, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = endToEnd(res.headers);
        delete out['content-length'];
        resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}
