/**
 * What every suite shares, defined once: the login, fast polls and retries, and the client
 * maker the suites' helpers build theirs on. Each password is the one its server accepts.
 */
import { createClient, type AnyDescriptor, type CreateClientOptions, type Hooks, type VsphereClient } from '@vcenter-sdk/runtime';

export const USER = 'administrator@vsphere.local';
/**
 * For the server a test starts and tells what to accept (the hostile server): distinctive,
 * so that a leak is found by searching the output for it.
 */
export const PASSWORD = 'S3cr3t-P@ssw0rd!';
/** The login @vcenter-sdk/mock accepts by default. */
export const MOCK_PASSWORD = 'mock-password';
/** The login the fake vCenter (test/fake-vcenter) accepts by default. */
export const FAKE_PASSWORD = 'secret';

/** Retries without waiting: three, 1–5 ms apart, honouring a `Retry-After` of up to 50 ms. */
export const fastRetry = { retries: 3, baseMs: 1, capMs: 5, maxRetryAfterMs: 50 };
/** Task polls every 5–20 ms: the fakes' tasks advance per read, so suites wait milliseconds, not seconds. */
export const FAST_POLL = { firstMs: 5, floorMs: 5, ceilingMs: 20 };

export type TestClientOptions<D extends AnyDescriptor> = Partial<CreateClientOptions<D>> & { hooks?: Hooks; password?: string };

/** A client of `release` at `baseUrl` as `USER`, with fast retries and polls; `extra` overrides any of it. */
export function testClient<D extends AnyDescriptor>(baseUrl: string, release: D, extra: TestClientOptions<D> = {}): VsphereClient<D> {
  const { password = PASSWORD, ...rest } = extra;
  return createClient({
    baseUrl,
    release,
    auth: { username: USER, password },
    retry: fastRetry,
    tasks: { poll: FAST_POLL },
    ...rest,
  } as CreateClientOptions<D>);
}
