/**
 * Closing a client with calls in flight: each call rejects with ClientClosed and nothing else,
 * and no rejection goes unhandled, for every way of making a client, whether the calls are
 * waiting for the first login or already on the wire. Child processes under
 * `--unhandled-rejections=strict` (an unhandled rejection ends them with code 1), awaiting
 * `close()` before the calls, as a user who closes first does; and `await using` in a function
 * that returns a call without awaiting it. The mock vCenter is the server.
 */
import { fileURLToPath } from 'node:url';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTsChild } from '../support/child.js';

const CHILD = fileURLToPath(new URL('./children/closed-in-flight.ts', import.meta.url));
let mock: MockVcenter;

beforeAll(async () => {
  mock = await startMock({ releases: ['7.0.3', '8.0.2'] });
});
afterAll(async () => {
  await mock?.close();
});

const ways = ['create', 'create-several', 'connect-detect', 'connect-pinned', 'connect-several'];
const strict = (what: string) => runTsChild(CHILD, [mock.url, what], ['--unhandled-rejections=strict']);

describe('close() with calls in flight', () => {
  it('every way of making a client, before the first login and on the wire: each call rejects with ClientClosed, nothing is unhandled, exit 0', async () => {
    const r = await strict('ways');
    expect(r.err).toBe('');
    const lines = ['fresh', 'warm'].flatMap((phase) => ways.map((way) => `${way} ${phase}: ClientClosed ClientClosed ClientClosed`));
    expect(r.out).toBe(`${lines.join('\n')}\ndone\n`);
    expect(r.code).toBe(0);
  }, 60_000);

  it('await using, returning an un-awaited call: ClientClosed reaches the caller, nothing is unhandled, exit 0', async () => {
    const r = await strict('using');
    expect(r.err).toBe('');
    expect(r.out).toBe('using fresh: ClientClosed\nusing warm: ClientClosed\ndone\n');
    expect(r.code).toBe(0);
  }, 60_000);
});
