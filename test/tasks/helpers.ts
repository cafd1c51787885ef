/** Shared setup of the task suites: a fake per test, clients with fast polls and fast retries. */
import { afterEach } from 'vitest';
import r670 from '@vcenter-sdk/vsphere-6.7.0';
import r700 from '@vcenter-sdk/vsphere-7.0.0';
import r701 from '@vcenter-sdk/vsphere-7.0.1';
import r703 from '@vcenter-sdk/vsphere-7.0.3';
import { startFakeVcenter, type FakeVcenter } from '../fake-vcenter/index.js';
import type { TaskStep } from '../fake-vcenter/index.js';
import { message } from '../fake-vcenter/protocol.js';
import { FAKE_PASSWORD as PASSWORD, fastRetry, testClient, USER, type TestClientOptions } from '../support/settings.js';

export { r670, r700, r701, r703 };

export { fastRetry, PASSWORD, USER };

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

export async function fake(release = '7.0.3'): Promise<FakeVcenter> {
  const f = await startFakeVcenter({ release });
  cleanup.push(() => f.close());
  return f;
}

type AnyD = typeof r703 | typeof r700 | typeof r701 | typeof r670;

export function client<D extends AnyD>(f: FakeVcenter, release: D, extra: TestClientOptions<D> = {}) {
  const c = testClient(f.url, release, { password: PASSWORD, ...extra });
  cleanup.push(() => c.close());
  return c;
}

export const cloneBody = { source: 'vm-1001', name: 'clone-1' };
export const restCloneBody = { spec: { source: 'vm-1001', name: 'clone-1' } };

export const progress = (completed: number, text = `${completed}%`) => ({
  total: 100,
  completed,
  message: message(text, 'com.vmware.test.progress'),
});

/** PENDING → RUNNING 30% → RUNNING 60% → SUCCEEDED with `result`. */
export function successScript(result: unknown): TaskStep[] {
  return [
    { status: 'PENDING' },
    { status: 'RUNNING', progress: progress(30) },
    { status: 'RUNNING', progress: progress(60) },
    { status: 'SUCCEEDED', progress: progress(100), result },
  ];
}

/** Tasks whose HTTP requests (get, cancel) the fake received, in order. */
export function taskRequests(f: FakeVcenter): string[] {
  return f.requests.filter((r) => r.path.includes('/cis/tasks')).map((r) => `${r.method} ${r.path}`);
}
