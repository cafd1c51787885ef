/**
 * A hostile vCenter-ish server for fault-injection tests and the soak benchmark (loopback,
 * port 0). It answers the session endpoints of both styles (`/api/session`,
 * `/rest/com/vmware/cis/session`: login, keep-alive touch, logout; any login unless told
 * otherwise), every other request with what a `Fault` says, and counts sockets: open now,
 * the most at once, and every one accepted. HTTP, or HTTPS with the options given (mTLS).
 *
 * Faults: a plain answer (any status, JSON or raw text, headers), a reset before answering,
 * a reset in the middle of the body, a body trickled a byte at a time, a body of any size
 * streamed without holding it in memory, a delay before any of these.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { seeded } from './seeded.js';

export type Fault =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string>; delayMs?: number }
  | { reset: 'before-headers' | 'mid-body'; delayMs?: number }
  | { trickle: string; everyMs: number; status?: number }
  | { bytes: number; status?: number };

export interface HostileRequest {
  method: string;
  path: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HostileServer {
  url: string;
  port: number;
  /** Every request but logins, in arrival order (unless `log` is false: a soak keeps no log). */
  requests: HostileRequest[];
  log: boolean;
  /** Logins answered (each got a new session id). */
  logins: string[];
  /** The Authorization header of each login (Basic or Bearer). */
  loginAuth: string[];
  /** `METHOD url` of every request to a session endpoint (logins, touches, logouts, refused ones too), in order. */
  sessionCalls: string[];
  /** The session ids accepted now: a test may add one it made itself. */
  sessions: Set<string>;
  sockets: { open: number; peak: number; total: number; closed: number };
  /**
   * Faults for the next matching requests, in order (a path substring, or every request but
   * the session endpoints; a substring of a session path answers that session call instead).
   */
  next(match: string | undefined, ...faults: Fault[]): void;
  /** The answer when no queued fault matches (default: 200 with `{ "state": "POWERED_ON" }`). */
  otherwise: (req: HostileRequest) => Fault;
  /** Make every session id invalid (the next call gets 401 and logs in again). */
  expireSessions(): void;
  close(): Promise<void>;
}

export interface HostileOptions {
  /** Which logins succeed, by their Authorization header; default every one (a fault test wants its calls to arrive). */
  acceptLogin?: (authorization: string) => boolean;
  /** Serve HTTPS with these options (certificate and key; `ca` and `requestCert` for client certificates). */
  tls?: https.ServerOptions;
}

export const OK_BODY = { state: 'POWERED_ON' };
export const OK: Fault = { json: OK_BODY };

/** A vAPI error body, as both styles' session endpoints and `routes` answer. */
export const apiError = (error_type: string, message: string) => ({
  error_type,
  messages: [{ id: 'hostile', default_message: message, args: [] }],
});

/** An `otherwise` answering `METHOD /path` (the query aside) from a table, and 404 NOT_FOUND to every other request. */
export function routes(table: Record<string, Fault | ((req: HostileRequest) => Fault)>): (req: HostileRequest) => Fault {
  return (req) => {
    const answer = table[`${req.method} ${req.path}`];
    if (answer === undefined) return { status: 404, json: apiError('NOT_FOUND', `no route ${req.method} ${req.path}`) };
    return typeof answer === 'function' ? answer(req) : answer;
  };
}

/** A seeded mix of faults for the soak: resets, 503, 500, slow and garbage bodies, 429, the rest OK. */
export function randomFaults(seed: number): (req: HostileRequest) => Fault {
  const random = seeded(seed);
  const table: Array<[number, () => Fault]> = [
    [0.04, () => ({ reset: 'before-headers' })],
    [0.02, () => ({ reset: 'mid-body' })],
    [0.05, () => ({ status: 503, json: { error_type: 'SERVICE_UNAVAILABLE', messages: [] }, headers: { 'retry-after': '0' } })],
    [0.04, () => ({ status: 500, json: { error_type: 'INTERNAL_SERVER_ERROR', messages: [] } })],
    [0.02, () => ({ status: 429, text: 'slow down' })],
    [0.03, () => ({ text: '<html><body>Service temporarily unavailable</body></html>' })],
    [0.02, () => ({ text: '{"state": "POWERED_' })],
    [0.04, () => ({ ...OK, delayMs: 20 + Math.floor(random() * 80) })],
    [0.02, () => ({ trickle: JSON.stringify(OK_BODY), everyMs: 2 })],
  ];
  return () => {
    let r = random();
    for (const [p, fault] of table) {
      if (r < p) return fault();
      r -= p;
    }
    return OK;
  };
}

// Unref'd: a long delay must not hold a test worker open after the server closed.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

const SESSION_PATHS = new Set(['/api/session', '/rest/com/vmware/cis/session']);

export async function startHostileServer(options: HostileOptions = {}): Promise<HostileServer> {
  const queued: Array<{ match: string | undefined; fault: Fault }> = [];
  let sessionCount = 0;
  const sockets = new Set<Socket>();
  const state: HostileServer = {
    url: '',
    port: 0,
    requests: [],
    log: true,
    logins: [],
    loginAuth: [],
    sessionCalls: [],
    sessions: new Set(),
    sockets: { open: 0, peak: 0, total: 0, closed: 0 },
    next: (match, ...faults) => queued.push(...faults.map((fault) => ({ match, fault }))),
    otherwise: () => OK,
    expireSessions: () => state.sessions.clear(),
    close: async () => undefined,
  };

  // A socket the server hangs up on stops counting at once, not when its 'close' event comes.
  const gone = new WeakSet<Socket>();
  const hangUp = (socket: Socket) => {
    if (!gone.has(socket)) {
      gone.add(socket);
      state.sockets.open--;
      state.sockets.closed++;
    }
    socket.destroy();
  };

  /** Until `res` takes more or is closed, leaving no listener behind (one per wait piled up on a 70 MB body). */
  const drainOrClose = (res: http.ServerResponse) =>
    new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done).off('close', done);
        resolve();
      };
      res.once('drain', done).once('close', done);
    });

  const answer = async (req: http.IncomingMessage, res: http.ServerResponse, fault: Fault): Promise<void> => {
    if ('delayMs' in fault && fault.delayMs) await sleep(fault.delayMs);
    if ('reset' in fault) {
      if (fault.reset === 'before-headers') {
        hangUp(req.socket);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"state": "POW');
      await sleep(5);
      hangUp(req.socket);
      return;
    }
    if ('trickle' in fault) {
      res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
      for (const ch of fault.trickle) {
        if (res.destroyed) return;
        res.write(ch);
        await sleep(fault.everyMs);
      }
      res.end();
      return;
    }
    if ('bytes' in fault) {
      // `["xxxx…", "xxxx…", …]`: valid JSON of the given size, written in 64 KiB chunks as the client reads.
      res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
      const chunk = `"${'x'.repeat(64 * 1024 - 4)}",`;
      let sent = 1;
      res.write('[');
      while (sent + chunk.length < fault.bytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) await drainOrClose(res);
      }
      if (!res.destroyed) res.end('""]');
      return;
    }
    const text = fault.text ?? (fault.json === undefined ? '' : JSON.stringify(fault.json));
    res.writeHead(fault.status ?? 200, { 'content-type': fault.text !== undefined ? 'text/html' : 'application/json', ...fault.headers });
    res.end(text);
  };

  /** The queued fault for `url`: for a session call only one queued for its path by name. */
  const take = (url: string, session: boolean): Fault | undefined => {
    const i = queued.findIndex((q) => (q.match === undefined ? !session : url.includes(q.match)));
    return i >= 0 ? queued.splice(i, 1)[0]!.fault : undefined;
  };

  /** Login, touch and logout in the style of the path (`/rest` wraps its values). */
  const sessionAnswer = (req: http.IncomingMessage, url: URL): Fault => {
    const rest = url.pathname.startsWith('/rest/');
    const wrap = (value: unknown) => (rest ? { value } : value);
    const sid = String(req.headers['vmware-api-session-id'] ?? '');
    if (req.method === 'POST' && !url.searchParams.has('~action')) {
      const auth = String(req.headers.authorization ?? '');
      if (options.acceptLogin && !options.acceptLogin(auth)) return { status: 401, json: apiError('UNAUTHENTICATED', 'bad credentials') };
      const id = `hostile-session-${++sessionCount}-${Math.random().toString(36).slice(2, 10)}`;
      state.sessions.add(id);
      state.logins.push(id);
      state.loginAuth.push(auth);
      // The new session id also in a header no redactor knows by name: a hook sees it before the caller does.
      return { status: rest ? 200 : 201, json: wrap(id), headers: { 'x-login-echo': `created ${id}` } };
    }
    if (req.method === 'DELETE') {
      state.sessions.delete(sid);
      return { status: rest ? 200 : 204 };
    }
    if (!state.sessions.has(sid)) return { status: 401, json: apiError('UNAUTHENTICATED', `session ${sid} expired`) };
    return { json: wrap({ user: 'hostile' }) };
  };

  const listener = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    if (SESSION_PATHS.has(url.pathname)) {
      state.sessionCalls.push(`${req.method} ${req.url}`);
      await answer(req, res, take(req.url ?? '/', true) ?? sessionAnswer(req, url)).catch(() => hangUp(req.socket));
      return;
    }
    const logged: HostileRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    if (state.log) state.requests.push(logged);
    const sid = req.headers['vmware-api-session-id'];
    if (typeof sid === 'string' && !state.sessions.has(sid) && sid.startsWith('hostile-session-')) {
      await answer(req, res, { status: 401, json: apiError('UNAUTHENTICATED', `session ${sid} expired`) });
      return;
    }
    const fault = take(logged.url, false) ?? state.otherwise(logged);
    await answer(req, res, fault).catch(() => hangUp(req.socket));
  };
  const server = options.tls
    ? https.createServer(options.tls, (q, s) => void listener(q, s))
    : http.createServer((q, s) => void listener(q, s));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    state.sockets.total++;
    state.sockets.open++;
    state.sockets.peak = Math.max(state.sockets.peak, state.sockets.open);
    socket.on('close', () => {
      sockets.delete(socket);
      if (gone.has(socket)) return;
      gone.add(socket);
      state.sockets.open--;
      state.sockets.closed++;
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  state.port = (server.address() as AddressInfo).port;
  state.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    });
  return state;
}
