/**
 * Type-level checks of `call()` and the path API: checked by `npm test`'s tsc, never run
 * (vitest collects `*.test.ts` only). test/typecheck/checks.e2e.test.ts shows that a wrong
 * assertion here fails the check.
 */
import type { Agent, Dispatcher, MockAgent, ProxyAgent } from 'undici';
import { expectTypeOf } from 'vitest';
import { type ClientOptionsBase, createClient, type VsphereClient } from '@vcenter-sdk/runtime';
import { type r802, r803, type VmInfo, type VmSummary } from './fixtures.js';

/** call() derives params, body and result from the descriptor. */
export async function calls(c: VsphereClient<typeof r803>): Promise<void> {
  expectTypeOf(await c.call('vcenter.vm.list')).toEqualTypeOf<VmSummary[]>();
  expectTypeOf(await c.call('vcenter.vm.get', { path: { vm: 'vm-1' } })).toEqualTypeOf<VmInfo>();
  expectTypeOf(await c.call('rest.vcenter.vm.list')).toEqualTypeOf<VmSummary[]>();
  expectTypeOf(await c.call('vcenter.vm.power.start', { path: { vm: 'vm-1' } })).toEqualTypeOf<void>();
  // @ts-expect-error a required path param is missing
  await c.call('vcenter.vm.get');
  // @ts-expect-error wrong query type
  await c.call('vcenter.vm.list', { query: { names: 'x' } });
  // @ts-expect-error unknown operation
  await c.call('vcenter.vm.nope');
  // @ts-expect-error the body is required
  await c.call('vcenter.ovf.library_item.deploy', { path: { ovf_library_item_id: 'i' } });
  const { data } = await c.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: 'vm-1' } } });
  expectTypeOf(data).toEqualTypeOf<VmInfo | undefined>();
}

/** A union of clients narrows on client.release. */
export function narrow(c: VsphereClient<typeof r802> | VsphereClient<typeof r803>): void {
  if (c.release === '8.0.2') expectTypeOf(c).toEqualTypeOf<VsphereClient<typeof r802>>();
}

/**
 * `dispatcher` takes undici's dispatchers, though the option names undici nowhere (so that a
 * consumer's tsc need not load undici's declarations), and nothing that cannot dispatch.
 */
export function dispatchers(agent: Agent, mock: MockAgent, proxy: ProxyAgent, any: Dispatcher): void {
  const options = (dispatcher: ClientOptionsBase['dispatcher']) => dispatcher;
  options(agent);
  options(mock);
  options(proxy);
  options(any);
  options(undefined);
  // @ts-expect-error not a dispatcher
  options({});
  // @ts-expect-error nor a fetch
  options(fetch);
  const auth = { username: 'u', password: 'p' };
  createClient({ baseUrl: 'http://127.0.0.1:9', release: r803, auth, dispatcher: mock });
  createClient({ baseUrl: 'http://127.0.0.1:9', releases: [r803], auth, dispatcher: agent });
}
