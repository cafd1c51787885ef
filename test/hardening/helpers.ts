/** Shared setup of the hardening suites: a hostile server per test, clients on it, cleanup after each test. */
import { afterEach } from 'vitest';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { startHostileServer, type HostileServer } from '../support/hostile.js';
import { fastRetry, PASSWORD, testClient, USER, type TestClientOptions } from '../support/settings.js';

export { fastRetry, PASSWORD, USER, v703 };

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => undefined);
});

export function onCleanup(fn: () => Promise<void>): void {
  cleanup.push(fn);
}

export async function hostile(): Promise<HostileServer> {
  const s = await startHostileServer();
  cleanup.push(() => s.close());
  return s;
}

export function client(s: HostileServer, extra: TestClientOptions<typeof v703> = {}) {
  const c = testClient(s.url, v703, { tracing: false, ...extra });
  cleanup.push(() => c.close());
  return c;
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
}
