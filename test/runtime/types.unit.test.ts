/**
 * Type-level checks (enforced by `npm run typecheck`; at run time these only build clients
 * and never send anything).
 */
import { describe, expectTypeOf, it } from 'vitest';
import { createClient, type VsphereClient } from '@vcenter-sdk/runtime';
import { type r802, r803, type VmInfo, type VmSummary } from './fixtures.js';

describe('types', () => {
  it('call() derives params, body and result from the descriptor', async () => {
    const c = createClient({ baseUrl: 'http://127.0.0.1:9', release: r803, auth: { username: 'u', password: 'p' } });
    const typed = async () => {
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
    };
    void typed;
    await c.close();
  });

  it('a union of clients narrows on client.release', () => {
    const narrow = (c: VsphereClient<typeof r802> | VsphereClient<typeof r803>) => {
      if (c.release === '8.0.2') expectTypeOf(c).toEqualTypeOf<VsphereClient<typeof r802>>();
    };
    void narrow;
  });
});
