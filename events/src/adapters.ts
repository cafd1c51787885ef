/**
 * The receiver behind HTTP servers: a `node:http` request handler, a fetch-style
 * `(Request) => Promise<Response>` (Knative, Cloud Run functions, Deno, Bun, workers) and a
 * middleware that Express (`app.post(path, mw)`) and Fastify (a route's `onRequest` hook)
 * both take. Each reads the body with the receiver's size limit (413 beyond it), answers
 * non-POST requests with 405, and never lets an error escape to crash the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventModel } from './model.js';
import { answer, safely } from './internal/answers.js';
import type { HttpAnswer, Receiver } from './receiver.js';

class TooLarge extends Error {}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

function tooLarge(limit: number): HttpAnswer {
  return answer(413, { error: `the body is larger than the limit of ${limit} bytes (maxBodyBytes)` });
}

function readStream(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new TooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function answerFor<M extends EventModel>(
  receiver: Receiver<M>,
  method: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  read: () => Promise<string>,
): Promise<HttpAnswer> {
  if (method !== 'POST')
    return {
      ...answer(405, { error: `method ${method} not allowed: CloudEvents are POSTed` }),
      headers: { allow: 'POST', 'content-type': 'application/json; charset=utf-8' },
    };
  let body: string;
  try {
    body = await read();
  } catch (e) {
    if (e instanceof TooLarge) {
      safely(() => receiver.hooks.onRejected?.({ status: 413, message: 'body over maxBodyBytes' }));
      return tooLarge(receiver.maxBodyBytes);
    }
    return answer(400, { error: `could not read the request body: ${(e as Error).message}` });
  }
  return receiver.receive({ headers, body });
}

function send(res: ServerResponse, a: HttpAnswer): void {
  if (res.headersSent) return;
  res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
  res.end(a.body);
}

/** `http.createServer(nodeHandler(receiver))`. */
export function nodeHandler<M extends EventModel>(receiver: Receiver<M>): NodeHandler {
  return (req, res) => {
    answerFor(receiver, req.method, req.headers, () => readStream(req, receiver.maxBodyBytes))
      .catch((e: unknown) => {
        safely(() => receiver.hooks.onError?.(e, undefined));
        return answer(500, { error: 'internal error' });
      })
      .then(
        (a) => {
          if (a.status === 413) res.setHeader('connection', 'close');
          send(res, a);
        },
        () => {},
      );
  };
}

async function readRequest(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `(request: Request) => Promise<Response>`, for function hosts that speak fetch. */
export function fetchHandler<M extends EventModel>(receiver: Receiver<M>): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of request.headers) headers[k] = v;
    let a: HttpAnswer;
    try {
      a = await answerFor(receiver, request.method, headers, () => readRequest(request, receiver.maxBodyBytes));
    } catch (e) {
      safely(() => receiver.hooks.onError?.(e, undefined));
      a = answer(500, { error: 'internal error' });
    }
    return new Response(a.body, { status: a.status, headers: a.headers });
  };
}

/**
 * The body text behind what a body parser left in `req.body`: a string or Buffer as is, an
 * object re-serialized; but an empty body stays empty (`express.json()` makes it `{}`, which
 * would otherwise be delivered as an event with every field missing).
 */
function parsedText(parsed: unknown, headers: Record<string, string | string[] | undefined>): string {
  if (typeof parsed === 'string') return parsed;
  if (Buffer.isBuffer(parsed)) return parsed.toString('utf8');
  if (headers['content-length'] === '0') return '';
  return JSON.stringify(parsed);
}

/** Express's `req` (a node:http request, `body` set when a body parser ran) or Fastify's `request` (`raw`, no body yet in onRequest). */
export type MiddlewareRequest =
  | (IncomingMessage & { body?: unknown })
  | { raw: IncomingMessage; headers: Record<string, string | string[] | undefined>; method?: string | undefined; body?: unknown };

/** Express's `res` (a node:http response) or Fastify's `reply` (`raw`, `hijack()`: the middleware writes the response itself). */
export type MiddlewareResponse = ServerResponse | { raw: ServerResponse; hijack(): unknown };

/**
 * A middleware for Express (`app.post('/events', mw)`) and Fastify (`app.post('/events',
 * { onRequest: mw }, …)`, before Fastify parses the body: Fastify has no parser for
 * application/cloudevents+json and would answer 415 by itself; README.md says how to mount it
 * as a handler instead). When a body parser has already run, its result is used (a string or
 * Buffer as is; an object is re-serialized, so prefer mounting it before `express.json()`).
 * `next` is only called when writing the answer failed.
 */
export function middleware<M extends EventModel>(
  receiver: Receiver<M>,
): (req: MiddlewareRequest, res: MiddlewareResponse, next?: (err?: Error) => void) => void {
  return (req, res, next) => {
    const rawReq = 'raw' in req ? req.raw : req;
    const rawRes = 'raw' in res ? res.raw : res;
    if ('hijack' in res && typeof res.hijack === 'function') res.hijack();
    const parsed = req.body;
    const headers = req.headers ?? rawReq.headers;
    const read =
      parsed === undefined ||
      (typeof parsed === 'object' &&
        parsed !== null &&
        !Buffer.isBuffer(parsed) &&
        Object.keys(parsed).length === 0 &&
        !rawReq.readableEnded &&
        rawReq.readable)
        ? () => readStream(rawReq, receiver.maxBodyBytes)
        : async () => {
            const text = parsedText(parsed, headers);
            if (Buffer.byteLength(text) > receiver.maxBodyBytes) throw new TooLarge();
            return text;
          };
    answerFor(receiver, req.method ?? rawReq.method, headers, read)
      .catch((e: unknown) => {
        safely(() => receiver.hooks.onError?.(e, undefined));
        return answer(500, { error: 'internal error' });
      })
      .then((a) => send(rawRes, a))
      .catch((e: unknown) => next?.(e instanceof Error ? e : new Error(String(e))));
  };
}
