import { describe, expect, it } from 'vitest';
import { createClient } from '@vcenter-sdk/runtime';
import { PASSWORD, r803, USER } from './fixtures.js';
import { fastRetry, onCleanup, serve, vms } from './helpers.js';

async function setup(table: Parameters<typeof serve>[0]) {
  const s = await serve(table);
  const client = onCleanup(createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, retry: fastRetry }));
  return { s, client };
}

describe('path API (openapi-fetch through the runtime pipeline)', () => {
  it('GET with typed query params, session applied', async () => {
    const { s, client } = await setup({ 'GET /api/vcenter/vm': { json: vms } });
    const { data, error, response } = await client.GET('/api/vcenter/vm', { params: { query: { names: ['web-1', 'db-1'] } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(vms);
    const sent = s.requests.at(-1)!;
    expect(sent.url).toBe('/api/vcenter/vm?names=web-1&names=db-1');
    expect(sent.headers['vmware-api-session-id']).toBe(s.logins[0]);
    expect(sent.headers['x-api-version']).toBe('8.0.3');
    expect(s.logins).toHaveLength(1);
  });

  it('POST on a path key with ?action= plus query params yields one ? and merged params', async () => {
    const { s, client } = await setup({ 'POST /api/vcenter/ovf/library-item/item-1': { json: { succeeded: true } } });
    const { data } = await client.POST('/api/vcenter/ovf/library-item/{ovf_library_item_id}?action=deploy', {
      params: { path: { ovf_library_item_id: 'item-1' }, query: { client_token: 'tok 1' } },
      body: { target: { resource_pool_id: 'rp-1' }, deployment_spec: { name: 'x' } },
    });
    expect(data).toEqual({ succeeded: true });
    const sent = s.requests.at(-1)!;
    expect(sent.url).toBe('/api/vcenter/ovf/library-item/item-1?action=deploy&client_token=tok%201');
    expect(JSON.parse(sent.body)).toEqual({ target: { resource_pool_id: 'rp-1' }, deployment_spec: { name: 'x' } });
  });

  it('/rest results are unwrapped', async () => {
    const { client } = await setup({ 'GET /rest/vcenter/vm': { json: { value: vms } } });
    const { data } = await client.GET('/rest/vcenter/vm');
    expect(data).toEqual(vms);
  });

  it('re-login on 401 and retries on 503 apply; errors come back as { error }', async () => {
    const { s, client } = await setup({
      'GET /api/vcenter/vm': { json: vms },
      'GET /api/vcenter/vm/vm-9': { status: 404, json: { error_type: 'NOT_FOUND', messages: [] } },
    });
    s.next('/api/vcenter/vm', { status: 503, text: '', headers: { 'retry-after': '0' } });
    await client.GET('/api/vcenter/vm');
    expect(s.requests).toHaveLength(2);
    s.expireSessions();
    const { data } = await client.GET('/api/vcenter/vm');
    expect(data).toEqual(vms);
    expect(s.logins).toHaveLength(2);
    const { error, response } = await client.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: 'vm-9' } } });
    expect(response.status).toBe(404);
    expect(error).toEqual({ error_type: 'NOT_FOUND', messages: [] });
  });

  it('204 gives data undefined', async () => {
    const { s, client } = await setup({ 'POST /api/vcenter/vm/vm-1/power': { status: 204 } });
    const { data, response } = await client.POST('/api/vcenter/vm/{vm}/power?action=start', { params: { path: { vm: 'vm-1' } } });
    expect(s.requests.at(-1)!.url).toBe('/api/vcenter/vm/vm-1/power?action=start');
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });
});
