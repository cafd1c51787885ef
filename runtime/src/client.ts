/**
 * `createClient` (one known release) and `connect` (detect the server's release, pick the
 * best of the given ones). A client owns its undici Agent, its headers, its session and its
 * redactor: two clients never share any of them. Its public types are in client-types.ts.
 */
import { SessionManager } from './auth/session.js';
import { callOperation, type CallContext, type CallInitLoose } from './operation.js';
import { createPathClient } from './path-client.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { Pipeline } from './pipeline.js';
import { Redactor } from './redact.js';
import { TaskRuntime, type Task } from './tasks/index.js';
import { Tracing } from './tracing/otel.js';
import { mismatch, pickRelease, probeServer, sortNewestFirst, type ProbeFetch } from './release.js';
import { ReleaseSet, resolveOperation } from './release-set.js';
import { Transport } from './transport.js';
import type { AnyDescriptor, PathsOf } from './types.js';
import { joinBase } from './internal/url.js';
import type {
  ConnectedClient,
  ConnectOptions,
  CreateClientOptions,
  CreateMultiClientOptions,
  MultiReleaseClient,
  VsphereClient,
} from './client-types.js';

interface Core {
  baseUrl: string;
  transport: Transport;
  pipeline: Pipeline;
  session: SessionManager;
  redactor: Redactor;
  options: ResolvedOptions;
}

function hasApiSession(d: AnyDescriptor): boolean {
  return d.operations.some((o) => o.method === 'POST' && o.pathname === '/api/session');
}

/** The client's parts, built from its resolved options; `release` is the release it speaks (undefined while detecting). */
function makeCore(options: ResolvedOptions, loginStyle: 'api' | 'rest' | 'auto', release: () => string | undefined): Core {
  const { baseUrl } = options;
  const redactor = new Redactor();
  const transport = new Transport({
    tls: options.tls,
    dispatcher: options.dispatcher,
    redactor,
    keepAliveTimeoutMs: options.poolKeepAliveMs,
    maxConnections: options.maxConnections,
    maxResponseBytes: options.maxResponseBytes,
  });
  let session: SessionManager | undefined;
  const pipeline = new Pipeline({
    transport,
    redactor,
    hooks: options.hooks,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    versionHeader: options.versionHeader,
    tracing: new Tracing(options.tracing),
    release,
    session: (p) =>
      (session = new SessionManager({
        baseUrl,
        credentials: options.auth,
        style: loginStyle,
        pipeline: p,
        redactor,
        keepAliveMs: options.keepAliveMs,
      })),
  });
  return { baseUrl, transport, pipeline, session: session!, redactor, options };
}

function buildClient<D extends AnyDescriptor>(
  core: Core,
  descriptor: D,
  descriptors: ReadonlyMap<string, AnyDescriptor>,
  releases?: ReleaseSet,
): VsphereClient<D> {
  if (!core.session.sessionId) core.session.setStyle(hasApiSession(descriptor) ? 'api' : 'rest');
  const ctx: CallContext = {
    baseUrl: core.baseUrl,
    descriptor,
    descriptors,
    pipeline: core.pipeline,
    redactor: core.redactor,
    hooks: core.options.hooks,
    decode: core.options.decode,
    int64: core.options.int64,
    versionHeader: core.options.versionHeader,
    releases,
    reportUndeclared: core.options.reportUndeclared,
  };
  const pathClient = createPathClient<PathsOf<D>>(ctx);
  // Tasks are started, watched and decoded in the release that serves their operation.
  const taskRuntimes = new Map<CallContext, TaskRuntime>();
  const tasksFor = (c: CallContext) => {
    let t = taskRuntimes.get(c);
    if (!t) taskRuntimes.set(c, (t = new TaskRuntime(c, core.pipeline.options.tracing, core.options.tasks)));
    return t;
  };
  const tasks = tasksFor(ctx);
  // With several releases, a name none of them has is the UsageError naming the releases searched.
  const tasksOf = (name: string) => (releases ? tasksFor(resolveOperation(ctx, name).ctx) : tasks);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= core.pipeline.close(async () => {
      try {
        await core.session.close();
      } finally {
        await core.transport.close();
      }
    }));
  const client = Object.assign(pathClient, {
    release: descriptor.release,
    descriptor,
    call: (name: string, init?: CallInitLoose) => callOperation(ctx, name, init),
    start: async (name: string, init?: CallInitLoose) => tasksOf(name).start(name, init),
    run: async (name: string, init?: CallInitLoose, options?: Parameters<Task['wait']>[0]) => {
      const task = await tasksOf(name).start(name, options?.signal && !init?.signal ? { ...init, signal: options.signal } : init);
      return task.wait(options);
    },
    tasks: tasks.service(),
    close,
    [Symbol.asyncDispose]: close,
  });
  return client as unknown as VsphereClient<D>;
}

/**
 * A client for one known release, typed by its descriptor; or, given `releases`, a client over
 * several, each operation served by the newest that has it. Nothing is sent until the first call.
 */
export function createClient<D extends AnyDescriptor>(options: CreateClientOptions<D>): VsphereClient<D>;
// `Several` (inferred, never written) gives this signature two type parameters, so that
// `createClient<typeof v703>` still names the one-release signature alone.
export function createClient<const Ds extends readonly AnyDescriptor[], Several extends true>(
  options: CreateMultiClientOptions<Ds>,
): MultiReleaseClient<Ds>;
export function createClient(
  options: CreateClientOptions<AnyDescriptor> | CreateMultiClientOptions<readonly AnyDescriptor[]>,
): VsphereClient<AnyDescriptor> {
  const resolved = resolveOptions(options, 'createClient');
  if ('releases' in options && options.releases !== undefined) {
    const given = options.releases;
    const set = new ReleaseSet(given);
    const newest = set.serving[0]!;
    const core = makeCore(resolved, hasApiSession(newest) ? 'api' : 'rest', () => newest.release);
    return buildClient(core, newest, new Map(given.map((r) => [r.release, r])), given.length > 1 ? set : undefined);
  }
  const { release } = options as CreateClientOptions<AnyDescriptor>;
  const core = makeCore(resolved, hasApiSession(release) ? 'api' : 'rest', () => release.release);
  return buildClient(core, release, new Map([[release.release, release]]));
}

/** The releases that serve a client of release `chosen`: the given ones not newer than it (undefined: just the one). */
function servingSet(releases: readonly AnyDescriptor[], chosen: AnyDescriptor): ReleaseSet | undefined {
  const set = new ReleaseSet(releases, chosen.release);
  return set.serving.length > 1 ? set : undefined;
}

/**
 * Detect the server's release and return a client for the newest given release not newer
 * than the server; an operation that release lacks is served by the newest older given
 * release that has it. Order: `serverRelease` (no request); `POST /api/vcenter/system?action=hello`;
 * `GET /api/appliance/system/version`; `GET /rest/appliance/system/version`. Detection is
 * tried unauthenticated first, then after logging in when the server answers 401.
 */
export async function connect<const Ds extends readonly AnyDescriptor[]>(options: ConnectOptions<Ds>): Promise<ConnectedClient<Ds>> {
  const resolved = resolveOptions(options, 'connect');
  const releases = options.releases as readonly AnyDescriptor[];
  const byId = new Map(releases.map((r) => [r.release, r]));
  const newestFirst = sortNewestFirst(releases);

  if (options.serverRelease !== undefined) {
    const pinned = pickRelease(options.serverRelease, releases);
    if (!pinned) throw mismatch(options.serverRelease, releases, 'as given by serverRelease; the server was not asked');
    const core = makeCore(resolved, hasApiSession(pinned) ? 'api' : 'rest', () => pinned.release);
    return buildClient(core, pinned, byId, servingSet(releases, pinned)) as unknown as ConnectedClient<Ds>;
  }

  // The release the client speaks is known once detection has chosen it.
  let chosen: AnyDescriptor | undefined;
  const core = makeCore(resolved, 'auto', () => chosen?.release);
  try {
    const probe: ProbeFetch = async (method, path, body, authenticated) => {
      const res = await core.pipeline.run({
        operation: 'release.detect',
        path,
        method,
        url: joinBase(core.baseUrl, path),
        body: body === undefined ? undefined : JSON.stringify(body),
        idempotent: true,
        authenticated,
      });
      return { status: res.status, text: res.text };
    };
    const ids = newestFirst.map((r) => r.release);
    let result = await probeServer(probe, ids, false);
    if (result.kind === 'unauthenticated') {
      core.session.setStyle(hasApiSession(newestFirst[0]!) ? 'auto' : 'rest');
      result = await probeServer(probe, ids, true);
    }
    if (result.kind === 'release') {
      chosen = pickRelease(result.release, releases);
      if (!chosen) throw mismatch(result.release, releases);
    } else if (result.kind === 'none-fits') {
      throw mismatch(undefined, releases, 'the server answered hello with no common API release');
    } else {
      throw mismatch(
        undefined,
        releases,
        result.kind === 'unauthenticated' ? 'the server refused every probe (401)' : 'the server answered no release probe',
      );
    }
    return buildClient(core, chosen, byId, servingSet(releases, chosen)) as unknown as ConnectedClient<Ds>;
  } catch (err) {
    await core.session.close().catch(() => undefined);
    await core.transport.close().catch(() => undefined);
    throw err;
  }
}
