/**
 * The contract suite's Prism front, not a second mock: it stays because only Prism checks
 * each request and answer against the spec. One loopback HTTP endpoint in front of one
 * Prism per release.
 *
 * - The release is chosen by the `X-API-Version` request header (name configurable, any
 *   case); without it, `defaultRelease` (the newest). An unknown release → 400 with an
 *   `/api` style error. Every response carries the chosen release in `X-API-Version`.
 * - The URL is folded for Prism (routes.ts): `POST /api/vcenter/vm?action=clone` goes to
 *   `/__q/action=clone/api/vcenter/vm`, the clone operation and not create. The operation
 *   chosen is named in the `X-Mock-Operation` response header and in the request log.
 * - Release detection and login are answered by a `@vcenter-sdk/mock` behind the front
 *   (system.ts, mock.ts), as a vCenter answers them.
 * - Tasks run (tasks.ts): an async (`vmw-task=true`) operation is validated by Prism, then
 *   run by that same mock, which answers its task's polls, cancel and lists.
 */
import { Agent, createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generatedReleases } from '../../../codegen/src/generated-dir.js';
import { startPrism, type PrismServer } from './prism.js';
import { ReleaseRoutes } from './routes.js';
import { FrontMock } from './mock.js';
import { apiError, isSystemRequest, newestFirst, type FrontRequest, type Reply } from './system.js';
import { FrontTasks } from './tasks.js';
import { endToEnd, exchange, HOP_BY_HOP, HOST, type Upstream } from './upstream.js';

export interface FrontTlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
}

export interface PrismFrontOptions {
  /** Releases to serve; default every release under generated/. */
  releases?: string[];
  /** Port of the front endpoint; a free one when omitted. */
  port?: number;
  /** Release served to requests without the version header; default the newest. */
  defaultRelease?: string;
  /** Plain HTTP by default; pass a key and certificate for HTTPS. */
  tls?: false | FrontTlsOptions;
  /** Name of the header that selects the release (matched in any case). Default `X-API-Version`. */
  versionHeader?: string;
  /** Prism `--errors` (request validation with 4xx answers). Default true. */
  errors?: boolean;
  /** Prism `--dynamic`. Default false. */
  dynamic?: boolean;
  /** The logins the mock behind the front accepts, user → password (default: the mock's own). */
  users?: Readonly<Record<string, string>>;
  /** Called for every request once answered. */
  onRequest?: (entry: FrontLogEntry) => void;
  /** How many log entries to keep in `log` (default 10000). */
  logLimit?: number;
}

export interface FrontLogEntry {
  release: string | undefined;
  method: string;
  /** The URL as received (path + query). */
  url: string;
  /** The operation the request was routed to (name in operations.json), if any. */
  operation?: string;
  /** Who answered: the mock itself, Prism, or nobody (unknown release, proxy failure). */
  handledBy: 'mock' | 'prism' | 'error';
  /** The URL sent to Prism (folded), when it went to Prism. */
  forwardedTo?: string;
  status: number;
  /** Prism's `sl-violations` header, when present. */
  violations?: string;
}

export interface PrismFront {
  url: string;
  releases: string[];
  defaultRelease: string;
  /** The Prism behind each release (for diagnostics). */
  prisms: Readonly<Record<string, PrismServer>>;
  /** Recent requests, oldest first. */
  log: FrontLogEntry[];
  /** A VM of the mock that runs the tasks, by release: a source a clone task can copy. */
  taskVms: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res(Buffer.concat(chunks)));
    req.on('error', rej);
  });
}

function parseJsonBody(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: Reply, extra: Record<string, string>): void {
  const headers: Record<string, string> = { ...extra, ...(reply.headers ?? {}) };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers).end(text);
}

/** An answer received from Prism or the mock, sent on with `extra` headers. */
function answer(res: ServerResponse, { status, headers, body }: Upstream, extra: Record<string, string>): void {
  const own = new Set(Object.keys(extra).map((k) => k.toLowerCase()));
  const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => !own.has(k.toLowerCase())));
  res.writeHead(status, { ...kept, ...extra, 'content-length': String(body.length) }).end(body);
}

export async function startPrismFront(options: PrismFrontOptions = {}): Promise<PrismFront> {
  const releases = newestFirst(options.releases ?? generatedReleases());
  if (releases.length === 0) throw new Error('startPrismFront: no generated release found (run `npx tsx codegen/src/cli.ts`)');
  const defaultRelease = options.defaultRelease ?? releases[0]!;
  if (!releases.includes(defaultRelease))
    throw new Error(`startPrismFront: defaultRelease ${defaultRelease} is not among ${releases.join(', ')}`);
  const versionHeader = (options.versionHeader ?? 'X-API-Version').toLowerCase();
  const logLimit = options.logLimit ?? 10_000;

  const routes = new Map(releases.map((r) => [r, ReleaseRoutes.load(r)]));
  // All Prisms at once: startup is mostly parsing the document, and the releases are independent.
  const started = await Promise.allSettled(
    releases.map((release) => startPrism({ release, errors: options.errors ?? true, dynamic: options.dynamic ?? false })),
  );
  const prisms: Record<string, PrismServer> = {};
  const failures: string[] = [];
  started.forEach((s, i) => {
    if (s.status === 'fulfilled') prisms[releases[i]!] = s.value;
    else failures.push(String((s.reason as Error)?.message ?? s.reason));
  });
  if (failures.length > 0) {
    await Promise.all(Object.values(prisms).map((p) => p.close()));
    throw new Error(`startPrismFront: Prism failed to start:\n${failures.join('\n')}`);
  }

  let closed = false;
  for (const p of Object.values(prisms)) {
    void p.exited.then(({ code, signal }) => {
      if (closed) return;
      console.error(
        `[mock] Prism for ${p.release} exited unexpectedly (code ${code}, signal ${signal}); last output:\n${p.output().slice(-30).join('\n')}`,
      );
    });
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const log: FrontLogEntry[] = [];
  let mock: FrontMock;
  try {
    mock = await FrontMock.start(releases, options.users);
  } catch (err) {
    await Promise.all(Object.values(prisms).map((p) => p.close()));
    throw err;
  }
  const tasks = new FrontTasks(mock);
  const record = (entry: FrontLogEntry): void => {
    log.push(entry);
    if (log.length > logLimit) log.splice(0, log.length - logLimit);
    options.onRequest?.(entry);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const u = new URL(rawUrl, 'http://mock.invalid');
    const asked = req.headers[versionHeader];
    const askedRelease = (Array.isArray(asked) ? asked[0] : asked)?.trim();
    const release = askedRelease || defaultRelease;
    if (!routes.has(release)) {
      const reply: Reply = {
        status: 400,
        body: apiError(
          'INVALID_ARGUMENT',
          'mock.release',
          `The ${options.versionHeader ?? 'X-API-Version'} header names release '${askedRelease}', which this mock does not serve; it serves ${releases.join(', ')}`,
        ),
      };
      send(res, reply, {});
      record({ release: undefined, method, url: rawUrl, handledBy: 'error', status: 400 });
      return;
    }
    const echo = { [options.versionHeader ?? 'X-API-Version']: release };
    const table = routes.get(release)!;
    const body = await readBody(req);
    const request: FrontRequest = { method, pathname: u.pathname, search: u.searchParams, headers: req.headers, body: parseJsonBody(body) };

    if (isSystemRequest(table, request)) {
      const own = await mock.send(release, request, body);
      answer(res, own, echo);
      record({ release, method, url: rawUrl, handledBy: 'mock', status: own.status });
      return;
    }

    const taskReply = await tasks.reply(release, table, request, body);
    if (taskReply) {
      answer(res, taskReply, echo);
      record({ release, method, url: rawUrl, handledBy: 'mock', status: taskReply.status });
      return;
    }

    const match = table.match(method, u.pathname, u.searchParams);
    const target = match ? match.url : u.pathname + u.search;
    const prism = prisms[release]!;
    const headers = endToEnd(req.headers);
    headers.host = `${HOST}:${prism.port}`;
    if (body.length > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH') headers['content-length'] = String(body.length);

    if (match?.op.async) {
      const opHeader = { ...echo, 'x-mock-operation': match.op.name };
      let outcome: Upstream;
      let handledBy: FrontLogEntry['handledBy'] = 'prism';
      try {
        outcome = await exchange(agent, prism.port, method, match.url, headers, body);
        if (outcome.status < 400) {
          outcome = await tasks.start(release, request, body);
          handledBy = 'mock';
        }
      } catch (err) {
        send(
          res,
          {
            status: 502,
            body: apiError('SERVICE_UNAVAILABLE', 'mock.tasks', `Prism or the mock (${release}) did not answer: ${(err as Error).message}`),
          },
          echo,
        );
        record({ release, method, url: rawUrl, operation: match.op.name, handledBy: 'error', forwardedTo: target, status: 502 });
        return;
      }
      answer(res, outcome, opHeader);
      record({ release, method, url: rawUrl, operation: match.op.name, handledBy, forwardedTo: target, status: outcome.status });
      return;
    }

    await new Promise<void>((done) => {
      const upstream = httpRequest({ host: HOST, port: prism.port, method, path: target, headers, agent }, (pres) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(pres.headers)) {
          if (v === undefined || HOP_BY_HOP.has(k)) continue;
          out[k] = v;
        }
        Object.assign(out, echo);
        if (match) out['x-mock-operation'] = match.op.name;
        res.writeHead(pres.statusCode ?? 502, out);
        pres.pipe(res);
        pres.on('end', () => {
          const violations = pres.headers['sl-violations'];
          record({
            release,
            method,
            url: rawUrl,
            ...(match ? { operation: match.op.name } : {}),
            handledBy: 'prism',
            forwardedTo: target,
            status: pres.statusCode ?? 502,
            ...(typeof violations === 'string' ? { violations } : {}),
          });
          done();
        });
        pres.on('error', () => done());
      });
      upstream.on('error', (err) => {
        if (!res.headersSent) {
          send(
            res,
            { status: 502, body: apiError('SERVICE_UNAVAILABLE', 'mock.prism', `Prism (${release}) did not answer: ${err.message}`) },
            echo,
          );
        } else res.destroy(err);
        record({ release, method, url: rawUrl, handledBy: 'error', forwardedTo: target, status: 502 });
        done();
      });
      upstream.end(body);
    });
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, { status: 500, body: apiError('ERROR', 'mock.internal', String((err as Error)?.message ?? err)) }, {});
      else res.destroy();
    });
  };
  const tls = options.tls;
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(options.port ?? 0, HOST, () => res());
    });
  } catch (err) {
    await Promise.all(Object.values(prisms).map((p) => p.close()));
    throw err;
  }
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `${tls ? 'https' : 'http'}://${HOST}:${port}`,
    releases,
    defaultRelease,
    prisms,
    log,
    taskVms: Object.fromEntries(releases.map((r) => [r, mock.vmOf(r)])),
    close: () =>
      (closing ??= (async () => {
        closed = true;
        await new Promise<void>((res) => {
          server.close(() => res());
          server.closeAllConnections();
        });
        agent.destroy();
        await Promise.all([...Object.values(prisms).map((p) => p.close()), mock.close()]);
      })()),
  };
}
