import { describe, expect, it } from 'vitest';
import {
  AlreadyExists,
  ConnectionError,
  createClient,
  InternalServerError,
  InvalidArgument,
  NotFound,
  RequestTimeout,
  ResourceBusy,
  ServiceUnavailable,
  UnexpectedResponse,
  UsageError,
  VsphereError,
} from '@vcenter-sdk/runtime';
import { PASSWORD, r803, USER } from './fixtures.js';
import type { HostileServer } from '../support/hostile.js';
import { fastRetry, onCleanup, serve, vms } from './helpers.js';

async function setup(table: Parameters<typeof serve>[0] = {}) {
  const s = await serve(table);
  const client = onCleanup(
    createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, retry: fastRetry, decode: 'report' }),
  );
  return { s, client };
}
const calls = (s: HostileServer, path: string) => s.requests.filter((r) => r.path === path);
const unavailable = { status: 503, json: { error_type: 'SERVICE_UNAVAILABLE', messages: [] }, headers: { 'retry-after': '0' } };

describe('URL building', () => {
  it('substitutes path params, merges the fixed query, repeats arrays, percent-encodes', async () => {
    const { s, client } = await setup({ 'GET /api/vcenter/vm': { json: vms }, 'POST /api/vcenter/vm/vm%201/power': { status: 204 } });
    await client.call('vcenter.vm.list', { query: { names: ['a b', 'c&d'], power_states: ['POWERED_ON'] } });
    expect(calls(s, '/api/vcenter/vm')[0]!.url).toBe('/api/vcenter/vm?names=a%20b&names=c%26d&power_states=POWERED_ON');
    await client.call('vcenter.vm.power.start', { path: { vm: 'vm 1' } });
    expect(s.requests.at(-1)!.url).toBe('/api/vcenter/vm/vm%201/power?action=start');
  });

  it('substitutes id:{x} segments and snake_case names', async () => {
    const { s, client } = await setup({
      'GET /rest/com/vmware/cis/tagging/tag/id:urn%3Avmomi%3Atag-1': { json: { value: { id: 'urn:vmomi:tag-1', name: 't' } } },
    });
    expect(await client.call('rest.com.vmware.cis.tagging.tag.get', { path: { tag_id: 'urn:vmomi:tag-1' } })).toEqual({
      id: 'urn:vmomi:tag-1',
      name: 't',
    });
    await client.call('rest.com.vmware.cis.tagging.tag.get', { path: { tag_id: 'urn:vmomi:tag-1' } });
    expect(s.requests.at(-1)!.url).toBe('/rest/com/vmware/cis/tagging/tag/id:urn%3Avmomi%3Atag-1');
  });

  it('a missing required path param is an error naming the operation (nothing sent)', async () => {
    const { s, client } = await setup();
    const err = await client.call('vcenter.vm.get', { path: {} as { vm: string } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(String(err)).toContain('vcenter.vm.get');
    expect(String(err)).toContain("'vm'");
    expect([...s.sessionCalls, ...s.requests]).toHaveLength(0);
  });
});

describe('bodies', () => {
  it('/rest results are unwrapped from {"value": ...}; /api results are returned as they are', async () => {
    const { client } = await setup({
      'GET /rest/vcenter/vm': { json: { value: vms } },
      'POST /rest/com/vmware/cis/tagging/tag': { json: { value: 'urn:vmomi:InventoryServiceTag:1' } },
      'GET /api/vcenter/vm/vm-1': { json: { name: 'web-1', power_state: 'POWERED_ON', value: 'kept' } },
    });
    expect(await client.call('rest.vcenter.vm.list')).toEqual(vms);
    expect(
      await client.call('rest.com.vmware.cis.tagging.tag.create', {
        body: { create_spec: { name: 't', category_id: 'c', description: '' } },
      }),
    ).toBe('urn:vmomi:InventoryServiceTag:1');
    expect(await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } })).toEqual({
      name: 'web-1',
      power_state: 'POWERED_ON',
      value: 'kept',
    });
  });

  it('an empty 204 resolves to undefined', async () => {
    const { client } = await setup({ 'POST /api/vcenter/vm/vm-1/power': { status: 204 } });
    expect(await client.call('vcenter.vm.power.start', { path: { vm: 'vm-1' } })).toBeUndefined();
  });

  it('int64: bigint keeps integers beyond 2^53 exact', async () => {
    const s = await serve({
      'GET /api/vcenter/vm': {
        text: '[{"vm":"vm-1","name":"a","power_state":"POWERED_ON","memory_size_MiB":9007199254740993}]',
        headers: { 'content-type': 'application/json' },
      },
    });
    const client = onCleanup(
      createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, int64: 'bigint', decode: 'strict' }),
    );
    const [vm] = await client.call('vcenter.vm.list');
    expect(vm!.memory_size_MiB).toBe(9007199254740993n);
  });
});

describe('errors', () => {
  it('/api error shape → class from error_type, with status, kind, messages, operation, release, body', async () => {
    const body = { error_type: 'NOT_FOUND', messages: [{ id: 'vm.not_found', default_message: 'VM vm-9 not found', args: ['vm-9'] }] };
    const { client } = await setup({ 'GET /api/vcenter/vm/vm-9': { status: 404, json: body } });
    const err = (await client.call('vcenter.vm.get', { path: { vm: 'vm-9' } }).catch((e: unknown) => e)) as NotFound;
    expect(err).toBeInstanceOf(NotFound);
    expect(err).toBeInstanceOf(VsphereError);
    expect(err).toMatchObject({
      status: 404,
      kind: 'NOT_FOUND',
      messages: ['VM vm-9 not found'],
      operation: 'vcenter.vm.get',
      release: '8.0.3',
      body,
    });
    expect(err.message).toContain('VM vm-9 not found');
  });

  it('/rest error shape → class from the last segment of type', async () => {
    const body = {
      type: 'com.vmware.vapi.std.errors.already_exists',
      value: { messages: [{ id: 'x', default_message: 'tag exists', args: [] }] },
    };
    const { client } = await setup({ 'POST /rest/com/vmware/cis/tagging/tag': { status: 400, json: body } });
    const err = (await client
      .call('rest.com.vmware.cis.tagging.tag.create', { body: { create_spec: { name: 't', category_id: 'c', description: '' } } })
      .catch((e: unknown) => e)) as AlreadyExists;
    expect(err).toBeInstanceOf(AlreadyExists);
    expect(err).toMatchObject({
      status: 400,
      kind: 'ALREADY_EXISTS',
      messages: ['tag exists'],
      operation: 'rest.com.vmware.cis.tagging.tag.create',
    });
  });

  it('a body that is not JSON falls back on the HTTP status', async () => {
    const { client } = await setup({
      'GET /api/vcenter/vm/vm-1': { status: 500, text: '<html>Internal error</html>' },
      'GET /api/vcenter/vm/vm-2': { status: 418, text: 'teapot' },
    });
    const e1 = (await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } }).catch((e: unknown) => e)) as InternalServerError;
    expect(e1).toBeInstanceOf(InternalServerError);
    expect(e1.body).toBe('<html>Internal error</html>');
    const e2 = await client.call('vcenter.vm.get', { path: { vm: 'vm-2' } }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(UnexpectedResponse);
    expect((e2 as UnexpectedResponse).status).toBe(418);
  });

  it('400 INVALID_ARGUMENT', async () => {
    const { client } = await setup({ 'GET /api/vcenter/vm': { status: 400, json: { error_type: 'INVALID_ARGUMENT', messages: [] } } });
    await expect(client.call('vcenter.vm.list')).rejects.toBeInstanceOf(InvalidArgument);
  });
});

describe('retries', () => {
  it('503 with Retry-After is retried for a GET', async () => {
    const s = await serve({ 'GET /api/vcenter/vm': { json: vms } });
    s.next('/api/vcenter/vm', unavailable, unavailable);
    const retries: number[] = [];
    const client = onCleanup(
      createClient({
        baseUrl: s.url,
        release: r803,
        auth: { username: USER, password: PASSWORD },
        retry: fastRetry,
        hooks: { onRetry: (i) => retries.push(i.attempt) },
      }),
    );
    expect(await client.call('vcenter.vm.list')).toEqual(vms);
    expect(calls(s, '/api/vcenter/vm')).toHaveLength(3);
    expect(retries).toEqual([0, 1]);
  });

  it('503 is not retried for a POST create', async () => {
    const { s, client } = await setup({
      'POST /rest/com/vmware/cis/tagging/tag': { status: 503, text: 'busy', headers: { 'retry-after': '0' } },
    });
    const err = await client
      .call('rest.com.vmware.cis.tagging.tag.create', { body: { create_spec: { name: 't', category_id: 'c', description: '' } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailable);
    expect(calls(s, '/rest/com/vmware/cis/tagging/tag')).toHaveLength(1);
  });

  it('retries are bounded (default 3), RESOURCE_BUSY retried for a GET', async () => {
    const { s, client } = await setup({ 'GET /api/vcenter/vm': { status: 400, json: { error_type: 'RESOURCE_BUSY', messages: [] } } });
    await expect(client.call('vcenter.vm.list')).rejects.toBeInstanceOf(ResourceBusy);
    expect(calls(s, '/api/vcenter/vm')).toHaveLength(4); // 1 + 3 retries
  });

  it('a connection reset is retried for a GET, not for a POST', async () => {
    const { s, client } = await setup({
      'GET /api/vcenter/vm': { json: vms },
      'POST /rest/com/vmware/cis/tagging/tag': { reset: 'before-headers' },
    });
    s.next('/api/vcenter/vm', { reset: 'before-headers' });
    expect(await client.call('vcenter.vm.list')).toEqual(vms);
    expect(calls(s, '/api/vcenter/vm')).toHaveLength(2);
    const err = await client
      .call('rest.com.vmware.cis.tagging.tag.create', { body: { create_spec: { name: 't', category_id: 'c', description: '' } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(calls(s, '/rest/com/vmware/cis/tagging/tag')).toHaveLength(1);
  });

  it('an idempotent: true POST action is retried (fresh body each time)', async () => {
    const s = await serve({ 'POST /api/vcenter/ovf/library-item/item-1': { json: { succeeded: true } } });
    s.next('/api/vcenter/ovf/library-item/item-1', { status: 503, text: '' });
    const d = {
      ...r803,
      operations: r803.operations.map((o) => (o.name === 'vcenter.ovf.library_item.deploy' ? { ...o, idempotent: true } : o)),
    };
    const c = onCleanup(createClient({ baseUrl: s.url, release: d, auth: { username: USER, password: PASSWORD }, retry: fastRetry }));
    const body = { target: { resource_pool_id: 'rp-1' }, deployment_spec: { name: 'x' } };
    expect(await c.call('vcenter.ovf.library_item.deploy', { path: { ovf_library_item_id: 'item-1' }, body })).toEqual({ succeeded: true });
    const sent = calls(s, '/api/vcenter/ovf/library-item/item-1');
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => JSON.parse(r.body))).toEqual([body, body]);
  });
});

describe('timeouts and abort', () => {
  it('client-side timeout → RequestTimeout (distinct from TIMED_OUT)', async () => {
    const { client } = await setup({ 'POST /api/vcenter/vm/vm-1/power': { status: 204, delayMs: 500 } });
    const err = await client.call('vcenter.vm.power.start', { path: { vm: 'vm-1' }, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestTimeout);
    expect((err as RequestTimeout).kind).toBe('REQUEST_TIMEOUT');
  });

  it('a timed-out GET is retried', async () => {
    const { s, client } = await setup({ 'GET /api/vcenter/vm': { json: vms } });
    s.next('/api/vcenter/vm', { json: vms, delayMs: 300 });
    expect(await client.call('vcenter.vm.list', { timeoutMs: 50 })).toEqual(vms);
    expect(calls(s, '/api/vcenter/vm')).toHaveLength(2);
  });

  it('abort → the signal reason', async () => {
    const { client } = await setup({ 'GET /api/vcenter/vm': { json: vms, delayMs: 500 } });
    const ac = new AbortController();
    const p = client.call('vcenter.vm.list', { signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    const err = await p.catch((e: unknown) => e);
    expect((err as DOMException).name).toBe('AbortError');
    const reason = new Error('stop it');
    const ac2 = new AbortController();
    ac2.abort(reason);
    await expect(client.call('vcenter.vm.list', { signal: ac2.signal })).rejects.toBe(reason);
  });

  it('abort during a retry delay stops at once', async () => {
    const s = await serve({ 'GET /api/vcenter/vm': { status: 503, text: '', headers: { 'retry-after': '10' } } });
    const c = onCleanup(
      createClient({
        baseUrl: s.url,
        release: r803,
        auth: { username: USER, password: PASSWORD },
        retry: { retries: 3, maxRetryAfterMs: 10_000 },
      }),
    );
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 80);
    const err = await c.call('vcenter.vm.list', { signal: ac.signal }).catch((e: unknown) => e);
    expect((err as DOMException).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
