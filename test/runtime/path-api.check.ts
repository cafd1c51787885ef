/**
 * Type-level checks of the path API (`client.GET(path, init)`...): the same init and response
 * types as openapi-fetch's `Client<paths>` on the same release, path by path, and the same
 * refusals (a path without the method is a plain "not assignable" where openapi-fetch's type
 * reports TS2589, "excessively deep").
 * Checked by `npm test`'s tsc, never run (the behaviour is in path-api.e2e.test.ts).
 */
import type { Client } from 'openapi-fetch';
import { expectTypeOf } from 'vitest';
import type v703 from '@vcenter-sdk/vsphere-7.0.3';
import type { paths } from '@vcenter-sdk/vsphere-7.0.3';
import type { VsphereClient } from '@vcenter-sdk/runtime';

export async function sameAsOpenapiFetch(c: VsphereClient<typeof v703>, of: Client<paths>): Promise<void> {
  const vm = { params: { path: { vm: 'vm-1' } } };
  expectTypeOf(await c.GET('/api/vcenter/vm/{vm}', vm)).toEqualTypeOf(await of.GET('/api/vcenter/vm/{vm}', vm));
  expectTypeOf(await c.GET('/api/vcenter/vm', { params: { query: { names: ['web-01'] } } })).toEqualTypeOf(
    await of.GET('/api/vcenter/vm', { params: { query: { names: ['web-01'] } } }),
  );
  expectTypeOf(await c.GET('/api/vcenter/vm')).toEqualTypeOf(await of.GET('/api/vcenter/vm'));
  expectTypeOf(await c.GET('/rest/vcenter/vm/{vm}', vm)).toEqualTypeOf(await of.GET('/rest/vcenter/vm/{vm}', vm));
  // `parseAs` types the data as openapi-fetch does.
  const text = { ...vm, parseAs: 'text' } as const;
  expectTypeOf(await c.GET('/api/vcenter/vm/{vm}', text)).toEqualTypeOf(await of.GET('/api/vcenter/vm/{vm}', text));
  const category = { body: { name: 'env', description: 'where it runs', cardinality: 'SINGLE' as const, associable_types: [] } };
  expectTypeOf(await c.POST('/api/cis/tagging/category', category)).toEqualTypeOf(await of.POST('/api/cis/tagging/category', category));
  expectTypeOf(await c.DELETE('/api/vcenter/vm/{vm}', vm)).toEqualTypeOf(await of.DELETE('/api/vcenter/vm/{vm}', vm));
  expectTypeOf(await c.PATCH('/api/vcenter/vm/{vm}/hardware', { ...vm, body: {} })).toEqualTypeOf(
    await of.PATCH('/api/vcenter/vm/{vm}/hardware', { ...vm, body: {} }),
  );
  expectTypeOf(await c.request('get', '/api/vcenter/vm/{vm}', vm)).toEqualTypeOf(await of.GET('/api/vcenter/vm/{vm}', vm));
}

export async function refused(c: VsphereClient<typeof v703>): Promise<void> {
  // @ts-expect-error the path parameter is required
  await c.GET('/api/vcenter/vm/{vm}');
  // @ts-expect-error nor with an init that lacks it
  await c.GET('/api/vcenter/vm/{vm}', {});
  // @ts-expect-error a misspelled path parameter
  await c.GET('/api/vcenter/vm/{vm}', { params: { path: { vmx: 'vm-1' } } });
  // @ts-expect-error a query parameter of the wrong type
  await c.GET('/api/vcenter/vm', { params: { query: { names: 'web-01' } } });
  // @ts-expect-error no such path
  await c.GET('/api/vcenter/vmx');
  // @ts-expect-error the path has no GET
  await c.GET('/api/vcenter/vm?action=clone');
  // @ts-expect-error the body is required
  await c.POST('/api/cis/tagging/category', {});
}
