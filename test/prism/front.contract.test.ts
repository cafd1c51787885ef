/**
 * The mock vCenter itself (test/prism/front/server.ts, the Prism front the contract suites run against): release routing by `X-API-Version`,
 * fixed-query folding (clone vs create vs clone$task, valueless keys), release detection
 * and login answered by the mock behind it, and the SDK's `connect` detecting the release through it.
 * Routing is proven by the `X-Mock-Operation` header (the operation the mock chose) and by
 * the response schema that came back.
 */
import { request } from 'undici';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, createClient, type ReleaseDescriptor } from '@vcenter-sdk/runtime';
import { BASIC, loadRelease, PASSWORD, RELEASES, USER } from './harness.js';

let base: string;
/** A session of the mock behind the front: tasks and logout check it. */
let session: string;
const descriptors: Record<string, ReleaseDescriptor> = {};

beforeAll(async () => {
  base = inject('mockUrl');
  for (const r of RELEASES) descriptors[r] = (await loadRelease(r)).descriptor;
  session = (await send('POST', '/api/session', { headers: { authorization: BASIC } })).json as string;
});

async function send(method: string, path: string, opts: { release?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(session ? { 'vmware-api-session-id': session } : {}), ...(opts.headers ?? {}) };
  if (opts.release) headers['X-API-Version'] = opts.release;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(base + path, {
    method: method as 'GET',
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  const h = (n: string) => {
    const v = res.headers[n];
    return Array.isArray(v) ? v[0] : v;
  };
  return { status: res.statusCode, json, operation: h('x-mock-operation'), release: h('x-api-version'), violations: h('sl-violations') };
}

describe('fixed-query folding', () => {
  const cloneSpec = { name: 'x', source: 'vm-1' };

  it('POST /api/vcenter/vm?action=clone reaches clone, not create', async () => {
    const r = await send('POST', '/api/vcenter/vm?action=clone', { release: '7.0.3', body: cloneSpec });
    expect(r.violations).toBeUndefined();
    expect(r.operation).toBe('vcenter.vm.clone');
    expect(r.status).toBe(200);
    const d = descriptors['7.0.3']!;
    const op = d.operations.find((o) => o.name === 'vcenter.vm.clone')!;
    expect(d.schemas[op.result!]!().safeParse(r.json).success).toBe(true);
  });

  it('POST /api/vcenter/vm (no action) reaches create, which validates a create spec', async () => {
    const r = await send('POST', '/api/vcenter/vm', { release: '7.0.3', body: { guest_OS: 'DOS' } });
    expect(r.operation).toBe('vcenter.vm.create');
    expect(r.violations).toBeUndefined();
    // The clone spec is not a create spec: Prism's validation of the create operation says so.
    const wrong = await send('POST', '/api/vcenter/vm', { release: '7.0.3', body: cloneSpec });
    expect(wrong.operation).toBe('vcenter.vm.create');
    expect(wrong.violations).toContain('guest_OS');
  });

  it('?action=clone&vmw-task=true reaches the async variant and answers a task id (202, string)', async () => {
    const r = await send('POST', '/api/vcenter/vm?vmw-task=true&action=clone', { release: '7.0.3', body: cloneSpec });
    expect(r.operation).toBe('vcenter.vm.clone$task');
    expect(r.status).toBe(202);
    expect(typeof r.json).toBe('string');
  });

  it('the SDK client reaches clone$task too', async () => {
    const client = createClient({
      baseUrl: base,
      release: descriptors['7.0.3']!,
      auth: { username: USER, password: PASSWORD },
      retry: false,
    });
    try {
      const task = await (client.call as (n: string, i: unknown) => Promise<unknown>)('vcenter.vm.clone$task', { body: cloneSpec });
      expect(typeof task).toBe('string');
    } finally {
      await client.close();
    }
  });

  it('valueless fixed keys: ?file_name=… reaches storage.get, without it storage.list', async () => {
    const get = await send('GET', '/api/content/library/item/item-1/storage?file_name=disk.vmdk', { release: '7.0.3' });
    expect(get.operation).toBe('content.library.item.storage.get');
    expect(get.violations).toBeUndefined();
    const list = await send('GET', '/api/content/library/item/item-1/storage', { release: '7.0.3' });
    expect(list.operation).toBe('content.library.item.storage.list');
  });

  it('/rest ~action: POST /rest/vcenter/vm/{vm}/power/start vs ~action=get on sessions', async () => {
    const r = await send('POST', '/rest/com/vmware/cis/session?~action=get', { release: '7.0.3' });
    expect(r.operation).toBe('rest.cis.session.get');
    expect(r.status).toBe(200);
  });
});

describe('release routing', () => {
  it('without the header: the newest release, echoed in X-API-Version', async () => {
    // The newest generated release (8.0.2 has no vcenter service: its session operation is asked).
    const newest = inject('mockReleases')[0]!;
    const r = await send('GET', '/api/session');
    expect(r.release).toBe(newest);
    expect(r.operation).toBe('session.get');
  });

  it('the header in any case picks the release', async () => {
    const r = await send('GET', '/rest/vcenter/vm', { headers: { 'x-api-VERSION': '6.7.0' } });
    expect(r.release).toBe('6.7.0');
    expect(r.operation).toBe('rest.vcenter.vm.list');
    // 6.7.0 has no /api at all
    const api = await send('GET', '/api/vcenter/vm', { release: '6.7.0' });
    expect(api.status).toBe(404);
  });

  it('an unknown release → 400 with an /api style error', async () => {
    const r = await send('GET', '/api/vcenter/vm', { release: '9.9.9' });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error_type: 'INVALID_ARGUMENT', messages: [{ id: 'mock.release', args: [] }] });
    expect((r.json as { messages: { default_message: string }[] }).messages[0]!.default_message).toContain('9.9.9');
  });
});

describe('release detection and login answered by the mock', () => {
  it('hello: newest offered release the mock has, not newer than the answering release', async () => {
    const offered = { api_releases: ['8.0.0', '7.0.2', '6.7.0'] };
    expect((await send('POST', '/api/vcenter/system?action=hello', { body: offered })).json).toEqual({ api_release: '7.0.2' });
    expect(
      (await send('POST', '/api/vcenter/system?action=hello', { release: '7.0.1', body: { api_releases: ['7.0.3', '7.0.1', '7.0.0'] } }))
        .json,
    ).toEqual({
      api_release: '7.0.1',
    });
    expect((await send('POST', '/api/vcenter/system?action=hello', { body: { api_releases: ['9.0.0'] } })).json).toEqual({
      api_release: '',
    });
  });

  it('appliance version in both styles, decodable with the release schemas', async () => {
    const api = await send('GET', '/api/appliance/system/version', { release: '7.0.2' });
    expect(api.json).toMatchObject({ version: '7.0.2', build: '0' });
    const d = descriptors['7.0.2']!;
    const op = d.operations.find((o) => o.name === 'appliance.system.version.get')!;
    expect(d.schemas[op.result!]!().safeParse(api.json).success).toBe(true);
    const rest = await send('GET', '/rest/appliance/system/version', { release: '6.7.0' });
    expect(rest.json).toMatchObject({ value: { version: '6.7.0' } });
  });

  it('login: Basic → a usable id; missing Basic → 401', async () => {
    const ok = await send('POST', '/api/session', { headers: { authorization: BASIC } });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatch(/^[0-9a-f]{32}$/);
    const rest = await send('POST', '/rest/com/vmware/cis/session', { release: '6.7.0', headers: { authorization: BASIC } });
    expect(rest.status).toBe(200);
    expect((rest.json as { value: string }).value).toMatch(/^[0-9a-f]{32}$/);
    expect((await send('POST', '/api/session')).status).toBe(401);
    expect((await send('POST', '/rest/com/vmware/cis/session', { headers: { authorization: 'Basic !!' } })).status).toBe(401);
  });

  it("the SDK's connect() detects the newest release, and an older one when given only older ones", async () => {
    const all = RELEASES.map((r) => descriptors[r]!);
    const c1 = await connect({ baseUrl: base, releases: all, auth: { username: USER, password: PASSWORD }, retry: false });
    try {
      expect(c1.release).toBe('7.0.3');
    } finally {
      await c1.close();
    }
    const older = [descriptors['7.0.1']!, descriptors['6.7.0']!];
    const c2 = await connect({ baseUrl: base, releases: older, auth: { username: USER, password: PASSWORD }, retry: false });
    try {
      expect(c2.release).toBe('7.0.1');
    } finally {
      await c2.close();
    }
  });
});
