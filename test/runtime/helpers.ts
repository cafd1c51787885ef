/**
 * A tiny loopback vCenter-ish server for the runtime tests: sessions (api + rest style),
 * programmable routes, a request log. HTTP by default, HTTPS with the test certificates.
 * Not a second mock: it stays for what @vcenter-sdk/mock does not do, a per-test answer to
 * each attempt (retries counted, raw bodies) and client certificates (mTLS, test/runtime/certs).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { USER, PASSWORD } from './fixtures.js';

const certDir = new URL('./certs/', import.meta.url);
export const certs = {
  ca: readFileSync(new URL('ca.pem', certDir), 'utf8'),
  cert: readFileSync(new URL('server.pem', certDir), 'utf8'),
  key: readFileSync(new URL('server-key.pem', certDir), 'utf8'),
  clientCert: readFileSync(new URL('client.pem', certDir), 'utf8'),
  clientKey: readFileSync(new URL('client-key.pem', certDir), 'utf8'),
};

export interface LoggedRequest {
  method: string;
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Raw text body (not JSON-encoded). */
  text?: string;
  headers?: Record<string, string>;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Wait before answering (ms). */
  delayMs?: number;
}

export type Handler = (req: LoggedRequest, server: TestServer) => Reply | undefined | Promise<Reply | undefined>;

export interface TestServer {
  url: string;
  requests: LoggedRequest[];
  sessions: Set<string>;
  loginCount: number;
  /** Valid bearer tokens. */
  tokens: Set<string>;
  expireSessions(): void;
  /** Handlers tried in order before the defaults; the first answer wins. */
  handlers: Handler[];
  close(): Promise<void>;
}

export interface ServerOptions {
  tls?: boolean | { requestCert?: boolean };
  /** Require a session on every non-session route (default true). */
  requireSession?: boolean;
  /** Answer 404 to `/api/session` (a /rest-only server). */
  noApiSession?: boolean;
}

const apiError = (type: string, msg: string) => ({ error_type: type, messages: [{ id: 'x', default_message: msg, args: [] }] });

export async function startServer(handler?: Handler, options: ServerOptions = {}): Promise<TestServer> {
  const requireSession = options.requireSession ?? true;
  const state: TestServer = {
    url: '',
    requests: [],
    sessions: new Set(),
    loginCount: 0,
    tokens: new Set(),
    handlers: handler ? [handler] : [],
    expireSessions() {
      state.sessions.clear();
    },
    close: async () => undefined,
  };

  const listener = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const logged: LoggedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    state.requests.push(logged);

    const send = async (r: Reply) => {
      if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
      if (r.reset) {
        req.socket.destroy();
        return;
      }
      if (res.destroyed) return;
      const text = r.text ?? (r.body === undefined ? '' : JSON.stringify(r.body));
      res.writeHead(r.status ?? 200, { 'content-type': r.text !== undefined ? 'text/html' : 'application/json', ...r.headers });
      res.end(text);
    };

    const isApiSession = url.pathname === '/api/session';
    const isRestSession = url.pathname === '/rest/com/vmware/cis/session';
    if (requireSession && !isApiSession && !isRestSession && !state.sessions.has(String(req.headers['vmware-api-session-id'] ?? ''))) {
      return send({ status: 401, body: apiError('UNAUTHENTICATED', 'session expired') });
    }
    for (const h of state.handlers) {
      const r = await h(logged, state);
      if (r) return send(r);
    }

    // sessions
    if ((isApiSession && !options.noApiSession) || isRestSession) {
      if (req.method === 'POST' && !url.searchParams.has('~action')) {
        const auth = req.headers.authorization ?? '';
        const basicOk = auth === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
        const bearerOk = auth.startsWith('Bearer ') && state.tokens.has(auth.slice(7));
        if (!basicOk && !bearerOk) return send({ status: 401, body: apiError('UNAUTHENTICATED', 'bad credentials') });
        const id = randomUUID().replaceAll('-', '');
        state.sessions.add(id);
        state.loginCount++;
        return send(isApiSession ? { status: 201, body: id } : { status: 200, body: { value: id } });
      }
      const sid = String(req.headers['vmware-api-session-id'] ?? '');
      if (!state.sessions.has(sid)) return send({ status: 401, body: apiError('UNAUTHENTICATED', 'no session') });
      if (req.method === 'DELETE') {
        state.sessions.delete(sid);
        return send({ status: isApiSession ? 204 : 200 });
      }
      return send({ status: 200, body: isApiSession ? { user: USER } : { value: { user: USER } } });
    }
    if (isApiSession && options.noApiSession) return send({ status: 404, body: apiError('NOT_FOUND', 'no such path') });

    return send({ status: 404, body: apiError('NOT_FOUND', `no route ${req.method} ${url.pathname}`) });
  };

  const tlsOpt = options.tls;
  const server = tlsOpt
    ? https.createServer(
        {
          cert: certs.cert,
          key: certs.key,
          ca: certs.ca,
          requestCert: typeof tlsOpt === 'object' && tlsOpt.requestCert === true,
          rejectUnauthorized: typeof tlsOpt === 'object' && tlsOpt.requestCert === true,
        },
        (q, s) => void listener(q, s),
      )
    : http.createServer((q, s) => void listener(q, s));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  state.url = `${tlsOpt ? 'https' : 'http'}://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  return state;
}

/** Route helper: answer `reply` to `METHOD path` (pathname match; optional query substring). */
export function route(
  method: string,
  path: string,
  reply: Reply | ((req: LoggedRequest) => Reply | Promise<Reply>),
  querySubstring?: string,
): Handler {
  return (req) => {
    if (req.method !== method || req.path !== path) return undefined;
    if (querySubstring && !req.url.includes(querySubstring)) return undefined;
    return typeof reply === 'function' ? reply(req) : reply;
  };
}

export const vms = [
  { vm: 'vm-1', name: 'web-1', power_state: 'POWERED_ON' },
  { vm: 'vm-2', name: 'db-1', power_state: 'POWERED_OFF' },
];

export { fastRetry } from '../support/settings.js';
