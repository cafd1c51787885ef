/** What the mock's own tests share: a mock per test file, clients of any release, the release packages. */
import type { AnyDescriptor } from '@vcenter-sdk/runtime';
import { afterAll, beforeAll } from 'vitest';
import { generatedReleases, startMock, type MockLogEntry, type MockVcenter, type StartMockOptions } from '@vcenter-sdk/mock';
import { FAST_POLL, MOCK_PASSWORD as PASSWORD, testClient, USER } from '../support/settings.js';

export { FAST_POLL, PASSWORD, USER };
export const RELEASES = generatedReleases();

export async function descriptorOf(release: string): Promise<AnyDescriptor> {
  return ((await import(`@vcenter-sdk/vsphere-${release}`)) as { default: AnyDescriptor }).default;
}

/** A client with a loose `call`, for code that walks releases and names at run time. */
export interface LooseClient {
  call(name: string, init?: { path?: Record<string, string>; query?: Record<string, unknown>; body?: unknown }): Promise<any>;
  run(name: string, init?: { body?: unknown }, options?: Record<string, unknown>): Promise<any>;
  start(name: string, init?: { body?: unknown }): Promise<any>;
  close(): Promise<void>;
}

export function clientOf(mock: MockVcenter, release: AnyDescriptor, extra: Record<string, unknown> = {}): LooseClient {
  return testClient(mock.url, release, { password: PASSWORD, decode: 'strict', retry: false, ...extra }) as unknown as LooseClient;
}

/** A mock and a strict client of `release` for the whole file, handed to `ready` once started; both closed after the file. */
export function mockForFile(release: AnyDescriptor, ready: (mock: MockVcenter, client: LooseClient) => void): void {
  let mock: MockVcenter | undefined;
  let client: LooseClient | undefined;
  beforeAll(async () => {
    mock = await startMock();
    client = clientOf(mock, release);
    ready(mock, client);
  });
  afterAll(async () => {
    await client?.close();
    await mock?.close();
  });
}

export async function startLogged(options: StartMockOptions = {}): Promise<{ mock: MockVcenter; log: MockLogEntry[] }> {
  const log: MockLogEntry[] = [];
  const mock = await startMock({ ...options, onRequest: (e) => log.push(e) });
  return { mock, log };
}

/** Raw POSTs to `/rest` with a session and no version header, as govmomi and Ansible send them: the status, the release that answered, the unwrapped value. */
export function restPoster(mock: MockVcenter, session: string) {
  return async (path: string, body: unknown): Promise<{ status: number; answered: string | null; value: any }> => {
    const res = await fetch(`${mock.url}/rest${path}`, {
      method: 'POST',
      headers: { 'vmware-api-session-id': session, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      answered: res.headers.get('x-mock-release-answered'),
      value: ((await res.json()) as { value: any }).value,
    };
  };
}

/** A raw request with a session of its own. */
export async function login(
  mock: MockVcenter,
  release: string,
  user = USER,
  password = PASSWORD,
): Promise<{ status: number; id?: string }> {
  const api = (await descriptorOf(release)).operations.some((o) => o.name === 'session.create');
  const res = await fetch(`${mock.url}${api ? '/api/session' : '/rest/com/vmware/cis/session'}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, 'x-api-version': release },
  });
  const body = (await res.json()) as unknown;
  return { status: res.status, ...(res.ok ? { id: api ? (body as string) : (body as { value: string }).value } : {}) };
}
