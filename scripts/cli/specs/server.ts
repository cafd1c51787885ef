/**
 * The vCenter a pull reads: one undici Agent (the TLS choice of the command line) shared by the
 * SDK's own client, which logs in, finds the server's release and calls the vAPI metadata
 * operations, and the raw GETs of the API Explorer's files, kept as bytes.
 */
import { Agent, request } from 'undici';
import { compareReleases } from '@vcenter-sdk/runtime';
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';
import { buildConnect, type TlsOptions } from '@vcenter-sdk/runtime/tls';
import { Failure } from '../util.js';

interface Descriptor {
  release: string;
  operations: readonly OperationSpec[];
}

interface Client {
  release: string;
  call(name: string, init?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export interface ServerOptions {
  url: string;
  username: string;
  password: string;
  tls: TlsOptions;
  /** Release packages the client may speak (the generated ones). */
  descriptors: Descriptor[];
  /** The client's retry policy (default the runtime's: an idempotent read is retried on 5xx and resets). */
  retry?: false | { retries?: number; baseMs?: number };
}

export interface Server {
  url: string;
  /** `7.0.3.01400`, as the server says. */
  version: string;
  build: string;
  /** The release the SDK's client speaks with it. */
  clientRelease: string;
  /** The bytes at `/apiexplorer/json/<file>`, undefined when the server has no such file (404). */
  explorerFile(file: string): Promise<Buffer | undefined>;
  /** A vAPI metadata operation by its `/api` name; on a server without `/api`, its `/rest` twin. */
  metadata(name: string, path?: Record<string, string>): Promise<unknown>;
  close(): Promise<void>;
}

export async function openServer(o: ServerOptions): Promise<Server> {
  const agent = new Agent({ connect: buildConnect(o.tls) });
  const baseUrl = o.url.replace(/\/+$/, '');
  let client: Client;
  try {
    const runtime = (await import('@vcenter-sdk/runtime')) as unknown as {
      connect(options: Record<string, unknown>): Promise<Client>;
    };
    client = await runtime.connect({
      baseUrl,
      auth: { username: o.username, password: o.password },
      releases: o.descriptors,
      dispatcher: agent,
      ...(o.retry !== undefined ? { retry: o.retry } : {}),
      // The metamodel of a large component is several MB: decoding it buys nothing for a pull.
      decode: 'off',
    });
  } catch (e) {
    await agent.close();
    throw e;
  }
  // The client serves an operation through the newest given release not newer than the one it speaks.
  const ops = new Map(
    o.descriptors
      .filter((d) => compareReleases(d.release, client.release) <= 0)
      .sort((a, b) => compareReleases(a.release, b.release))
      .flatMap((d) => d.operations.map((op) => [op.name, op] as const)),
  );
  const pick = (name: string): OperationSpec => {
    const op = ops.get(name) ?? ops.get(`rest.${name}`);
    if (!op) throw new Failure(`release ${client.release} has no operation ${name} (nor rest.${name}) to read the server's metadata with`);
    return op;
  };
  const metadata = (name: string, path?: Record<string, string>) => {
    const op = pick(name);
    // 6.7.0's `/rest` POSTs declare a body that repeats the path's ids (`{component_id}`).
    const body = op.bodyRequired ? { body: path ?? {} } : {};
    return client.call(op.name, path || op.bodyRequired ? { ...(path ? { path } : {}), ...body } : undefined);
  };
  try {
    const v = (await metadata('appliance.system.version.get')) as { version?: string; build?: string };
    return {
      url: baseUrl,
      version: String(v.version ?? client.release),
      build: String(v.build ?? ''),
      clientRelease: client.release,
      metadata,
      async explorerFile(file) {
        const res = await request(`${baseUrl}/apiexplorer/json/${file}`, { dispatcher: agent, method: 'GET' });
        const bytes = Buffer.from(await res.body.arrayBuffer());
        if (res.statusCode === 404) return undefined;
        if (res.statusCode !== 200) throw new Failure(`GET /apiexplorer/json/${file} answered HTTP ${res.statusCode}`);
        return bytes;
      },
      async close() {
        await client.close().catch(() => undefined);
        await agent.close();
      },
    };
  } catch (e) {
    await client.close().catch(() => undefined);
    await agent.close();
    throw e;
  }
}

/** `7.0.3.01400` → `7.0.3`: the folder a server's specs go to. */
export function releaseOf(version: string): string {
  const parts = version.split('.').filter((p) => /^\d+$/.test(p));
  if (parts.length < 2) throw new Failure(`the server's version '${version}' is not a vSphere release (like 8.0.3)`);
  return [...parts.slice(0, 3), '0', '0'].slice(0, 3).map(Number).join('.');
}
