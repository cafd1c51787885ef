/**
 * Type-level checks of `call()` and the path API: checked by `npm test`'s tsc, never run
 * (vitest collects `*.test.ts` only). test/typecheck/checks.e2e.test.ts shows that a wrong
 * assertion here fails the check.
 */
import { expectTypeOf } from 'vitest';
import type { VsphereClient } from '@vcenter-sdk/runtime';
import type { r802, r803, VmInfo, VmSummary } from './fixtures.js';

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
