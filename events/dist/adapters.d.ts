/**
 * The receiver behind HTTP servers: a `node:http` request handler, a fetch-style
 * `(Request) => Promise<Response>` (Knative, Cloud Run functions, Deno, Bun, workers) and a
 * middleware that Express (`app.post(path, mw)`) and Fastify (a route's `onRequest` hook)
 * both take. Each reads the body with the receiver's size limit (413 beyond it), answers
 * non-POST requests with 405, and never lets an error escape to crash the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventModel } from './model.js';
import { type Receiver } from './receiver.js';
type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;
/** `http.createServer(nodeHandler(receiver))`. */
export declare function nodeHandler<M extends EventModel>(receiver: Receiver<M>): NodeHandler;
/** `(request: Request) => Promise<Response>`, for function hosts that speak fetch. */
export declare function fetchHandler<M extends EventModel>(receiver: Receiver<M>): (request: Request) => Promise<Response>;
/** The parts of Express's `req` / Fastify's `request` the middleware reads. */
export interface MiddlewareRequest {
    method?: string | undefined;
    headers: Record<string, string | string[] | undefined>;
    /** Set by a body parser that ran before (Express `express.json()`/`express.text()`, Fastify handlers). */
    body?: unknown;
    /** Fastify: the node:http request. */
    raw?: IncomingMessage;
}
/** The parts of Express's `res` / Fastify's `reply` the middleware writes. */
export interface MiddlewareResponse {
    /** Fastify: the node:http response. */
    raw?: ServerResponse;
    /** Fastify: take over the response (the middleware writes it). */
    hijack?: () => unknown;
}
/**
 * A middleware for Express (`app.post('/events', mw)`) and Fastify (`app.post('/events',
 * { onRequest: mw }, …)`, before Fastify parses the body). When a body parser has already
 * run, its result is used (a string or Buffer as is; an object is re-serialized, so prefer
 * mounting the middleware before `express.json()`).
 */
export declare function middleware<M extends EventModel>(receiver: Receiver<M>): (req: MiddlewareRequest, res: MiddlewareResponse, next?: (err?: unknown) => void) => void;
export {};
