/**
 * `startMock()`: a stateful mock vCenter on 127.0.0.1 serving every generated release (or the
 * ones asked for) behind one endpoint, chosen per request by the `X-API-Version` header.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dispatch, type AnswerSource, type Dispatcher } from './dispatch.js';
import { readBody, toMockRequest, writeReply } from './http.js';
import type { InventoryOptions } from './inventory/seed.js';
import type { Inventory } from './inventory/model.js';
import { exampleAnswered } from './fallback.js';
import { generatedReleases, newestFirst, noReleaseAdvice } from './releases.js';
import { DEFAULT_USERS, SessionStore } from './sessions.js';
import { ReleaseState } from './state.js';
import { fingerprint256, selfSigned, type MockTls } from './tls.js';

export interface StartMockOptions {
  /** Releases to serve; default every release package installed (`@vcenter-sdk/vsphere-<release>`), or every release in `generatedDir`. */
  releases?: readonly string[];
  /** A folder of generated releases (`<dir>/<release>/`) to serve instead of the installed release packages. */
  generatedDir?: string;
  /** Release for requests without the version header; default the newest served. */
  defaultRelease?: string;
  /** Default 0: any free port. Always on 127.0.0.1. */
  port?: number;
  /** `true`: HTTPS with a new self-signed certificate; or your own key and certificate (PEM). Default plain HTTP. */
  tls?: boolean | MockTls;
  /** User name → password. Default `administrator@vsphere.local` / `mock-password`. */
  users?: Readonly<Record<string, string>>;
  /** A session unused this long expires (the next call is 401). Default 30 minutes. */
  idleTimeoutMs?: number;
  /** Size of the inventory (vcsim's defaults: 1 datacenter, 1 cluster of 3 hosts, 1 standalone host, 2 VMs each). */
  inventory?: InventoryOptions;
  /** Seed of the generated properties (guest OS, CPU, memory, power state, UUIDs). Default 1. */
  seed?: number;
  /** Name of the header that selects the release. Default `X-API-Version`. */
  versionHeader?: string;
  /** Called once per request, after the answer. */
  onRequest?: (entry: MockLogEntry) => void;
  /** The clock of sessions and tasks (ms since the epoch). Default `Date.now`. */
  clock?: () => number;
}

export interface MockLogEntry {
  release?: string;
  /** The release whose spec answered the operation: `release`, or the older one it fell back to. */
  answeredBy?: string;
  method: string;
  /** As received: path and query. */
  url: string;
  operation?: string;
  source: AnswerSource;
  status: number;
  /** The body sent (its JSON value), for operations only: never a login's session id. */
  body?: unknown;
}

export interface MockVcenter {
  url: string;
  port: number;
  releases: string[];
  defaultRelease: string;
  /** SHA-256 fingerprint of the certificate (`AB:CD:…`) when serving HTTPS. */
  fingerprint256?: string;
  /** The certificate (PEM) when serving HTTPS: trust it with `tls.ca`. */
  cert?: string;
  /** The state of one release's vCenter. */
  inventory(release: string): Inventory;
  /** The operations a release serves (its own and those it takes from older releases) answered with the spec's examples. */
  fallbacks(release: string): string[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const HOST = '127.0.0.1';
const THIRTY_MINUTES = 30 * 60_000;

export async function startMock(options: StartMockOptions = {}): Promise<MockVcenter> {
  const dir = options.generatedDir;
  const releases = newestFirst(options.releases ?? generatedReleases(dir));
  if (releases.length === 0) throw new Error(`startMock: ${noReleaseAdvice(dir)}`);
  const defaultRelease = options.defaultRelease ?? releases[0]!;
  if (!releases.includes(defaultRelease))
    throw new Error(`startMock: defaultRelease ${defaultRelease} is not among the releases served (${releases.join(', ')})`);
  const clock = options.clock ?? Date.now;
  const now = (): Date => new Date(clock());
  const states = new Map(releases.map((r) => [r, ReleaseState.load(dir, r, options.seed ?? 1, options.inventory, now)]));
  const d: Dispatcher = {
    states,
    defaultRelease,
    versionHeader: options.versionHeader ?? 'X-API-Version',
    sessions: new SessionStore(options.users ?? DEFAULT_USERS, options.idleTimeoutMs ?? THIRTY_MINUTES, clock),
    now,
  };

  const failed = (res: ServerResponse, e: unknown): void => {
    if (res.headersSent) res.destroy();
    else
      writeReply(
        res,
        {
          status: 500,
          body: {
            error_type: 'ERROR',
            messages: [{ id: 'com.vmware.mock.internal', default_message: String((e as Error)?.message ?? e), args: [] }],
          },
        },
        [],
      );
  };
  // A request without a body (a GET) is answered in the same tick: no promise, no await.
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const body = readBody(req);
      if (Buffer.isBuffer(body)) answer(d, req, res, body, options.onRequest);
      else body.then((b) => answer(d, req, res, b, options.onRequest)).catch((e: unknown) => failed(res, e));
    } catch (e) {
      failed(res, e);
    }
  };
  const tls = options.tls === true ? selfSigned() : options.tls || undefined;
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  const port = await listen(server, options.port ?? 0);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return {
    url: `${tls ? 'https' : 'http'}://${HOST}:${port}`,
    port,
    releases,
    defaultRelease,
    ...(tls ? { fingerprint256: fingerprint256(tls.cert), cert: tls.cert } : {}),
    inventory: (release) => stateOf(states, release).inventory,
    fallbacks: (release) => exampleAnswered(states.values(), stateOf(states, release).release).map((s) => s.op.name),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function stateOf(states: ReadonlyMap<string, ReleaseState>, release: string): ReleaseState {
  const s = states.get(release);
  if (!s) throw new Error(`the mock does not serve release ${release} (it serves ${[...states.keys()].join(', ')})`);
  return s;
}

function answer(d: Dispatcher, req: IncomingMessage, res: ServerResponse, raw: Buffer, onRequest: StartMockOptions['onRequest']): void {
  const request = toMockRequest(req, raw);
  const { reply, release, answeredBy, operation, source } = dispatch(d, request);
  const headers: string[] = [];
  if (release) headers.push(d.versionHeader, release);
  if (operation) headers.push('x-mock-operation', operation.name);
  headers.push('x-mock-source', source);
  writeReply(res, reply, headers);
  if (!onRequest) return;
  // Never the body of a login (a session id) or of another system answer: only operations' answers.
  const body = reply.body !== undefined && (source === 'model' || source === 'example') ? { body: reply.body } : {};
  onRequest({
    ...(release ? { release } : {}),
    ...(answeredBy ? { answeredBy } : {}),
    method: request.method,
    url: req.url ?? '/',
    ...(operation ? { operation: operation.name } : {}),
    source,
    status: reply.status,
    ...body,
  });
}

/** Listen on 127.0.0.1; a port in use is one clear error. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(new Error(`port ${port} on ${HOST} is already in use (another mock?): choose another port, or 0 for any free one`));
      else if (e.code === 'EACCES')
        reject(new Error(`port ${port} on ${HOST} needs privileges: choose a port above 1023, or 0 for any free one`));
      else reject(e);
    });
    server.listen(port, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}
