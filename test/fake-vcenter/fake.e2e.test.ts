import { type Agent, request, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { matchers, startFakeVcenter, type FakeVcenter, type FakeVcenterOptions } from './index.js';

const BASIC = `Basic ${Buffer.from('administrator@vsphere.local:secret').toString('base64')}`;

let fake: FakeVcenter | undefined;
let agent: Agent | undefined;

afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeVcenterOptions = {}): Promise<FakeVcenter> {
  fake = await startFakeVcenter(options);
  return fake;
}

interface Call {
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  body?: unknown;
  session?: string;
}

async function call(path: string, { method = 'GET', headers = {}, body, session }: Call = {}) {
  const h: Record<string, string> = { ...headers };
  if (session) h['vmware-api-session-id'] = session;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await request(fake!.url + path, {
    method,
    headers: h,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    ...(agent ? { dispatcher: agent } : {}),
  });
  const text = await res.body.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

async function login(): Promise<string> {
  const r = await call('/api/session', { method: 'POST', headers: { authorization: BASIC } });
  expect(r.status).toBe(201);
  return r.json as string;
}

describe('sessions', () => {
  it('logs in with /api style (bare JSON string) and checks the session header', async () => {
    const f = await start();
    const id = await login();
    expect(typeof id).toBe('string');
    expect(f.loginCount).toBe(1);
    expect(f.sessionCount).toBe(1);

    const info = await call('/api/session', { session: id });
    expect(info.status).toBe(200);
    expect(info.json.user).toBe('administrator@vsphere.local');

    expect(f.requests[0]).toMatchObject({ method: 'POST', path: '/api/session' });
    expect(f.requests[0]!.headers.authorization).toBe(BASIC);
    expect(f.requests[1]!.headers['vmware-api-session-id']).toBe(id);
    expect(f.requests[1]!.headers.authorization).toBeUndefined();

    expect((await call('/api/session', { method: 'DELETE', session: id })).status).toBe(204);
    expect(f.sessionCount).toBe(0);
    const after = await call('/api/vcenter/vm', { session: id });
    expect(after.status).toBe(401);
    expect(after.json.error_type).toBe('UNAUTHENTICATED');
  });

  it('logs in with /rest style and answers 401 in the style of the path', async () => {
    const f = await start();
    const r = await call('/rest/com/vmware/cis/session', { method: 'POST', headers: { authorization: BASIC } });
    expect(r.status).toBe(200);
    const id = r.json.value as string;
    const info = await call('/rest/com/vmware/cis/session?~action=get', { method: 'POST', session: id });
    expect(info.json.value.user).toBe('administrator@vsphere.local');

    const bad = await call('/rest/com/vmware/cis/session', {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('administrator@vsphere.local:nope').toString('base64')}` },
    });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ type: 'com.vmware.vapi.std.errors.unauthenticated', value: { messages: [] } });

    const noSession = await call('/rest/vcenter/vm');
    expect(noSession.status).toBe(401);
    expect(noSession.json.type).toBe('com.vmware.vapi.std.errors.unauthenticated');
    expect((await call('/rest/com/vmware/cis/session', { method: 'DELETE', session: id })).status).toBe(200);
    expect(f.loginCount).toBe(1);
    expect(f.sessionCount).toBe(0);
  });

  it('rejects wrong credentials on /api and accepts custom users', async () => {
    await start({ users: { bob: 'pw' } });
    const bad = await call('/api/session', { method: 'POST', headers: { authorization: BASIC } });
    expect(bad.status).toBe(401);
    expect(bad.json.error_type).toBe('UNAUTHENTICATED');
    expect(bad.json.messages.length).toBeGreaterThan(0);
    const ok = await call('/api/session', {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('bob:pw').toString('base64')}` },
    });
    expect(ok.status).toBe(201);
    expect((await call('/api/session', { method: 'POST' })).status).toBe(401);
  });
});

describe('releases', () => {
  it('has no /api on 6.7, only /rest', async () => {
    await start({ release: '6.7.0' });
    expect((await call('/api/session', { method: 'POST', headers: { authorization: BASIC } })).status).toBe(404);
    const r = await call('/rest/com/vmware/cis/session', { method: 'POST', headers: { authorization: BASIC } });
    expect((await call('/rest/vcenter/vm', { session: r.json.value })).json.value.length).toBeGreaterThan(0);
    expect((await call('/api/vcenter/vm', { session: r.json.value })).status).toBe(404);
  });
});

describe('inventory', () => {
  it('lists and filters VMs, in both styles', async () => {
    await start();
    const id = await login();
    const all = await call('/api/vcenter/vm', { session: id });
    expect(all.json).toHaveLength(3);
    expect(all.json[0]).toEqual({ vm: 'vm-1001', name: 'web-01', power_state: 'POWERED_ON', cpu_count: 2, memory_size_MiB: 4096 });
    expect((await call('/api/vcenter/vm?names=db-01&names=web-01', { session: id })).json.map((v: any) => v.vm)).toEqual([
      'vm-1001',
      'vm-1002',
    ]);
    expect((await call('/api/vcenter/vm?power_states=SUSPENDED', { session: id })).json.map((v: any) => v.name)).toEqual(['build-01']);
    const rest = await call('/rest/vcenter/vm?filter.names=web-01', { session: id });
    expect(rest.json.value).toHaveLength(1);
  });

  it('gets a VM or answers NOT_FOUND in both shapes', async () => {
    await start();
    const id = await login();
    const vm = await call('/api/vcenter/vm/vm-1002', { session: id });
    expect(vm.json).toMatchObject({ name: 'db-01', power_state: 'POWERED_OFF', cpu: { count: 4 }, memory: { size_MiB: 16384 } });
    const missing = await call('/api/vcenter/vm/vm-9', { session: id });
    expect(missing.status).toBe(404);
    expect(missing.json.error_type).toBe('NOT_FOUND');
    expect(missing.json.messages[0]).toEqual({ id: expect.any(String), default_message: expect.any(String), args: ['vm-9'] });
    const restMissing = await call('/rest/vcenter/vm/vm-9', { session: id });
    expect(restMissing.status).toBe(404);
    expect(restMissing.json.type).toBe('com.vmware.vapi.std.errors.not_found');
    expect(restMissing.json.value.messages).toHaveLength(1);
  });

  it('powers VMs on and off', async () => {
    await start();
    const id = await login();
    expect((await call('/api/vcenter/vm/vm-1002/power?action=start', { method: 'POST', session: id })).status).toBe(204);
    expect((await call('/api/vcenter/vm/vm-1002/power', { session: id })).json).toEqual({ state: 'POWERED_ON' });
    const again = await call('/api/vcenter/vm/vm-1002/power?action=start', { method: 'POST', session: id });
    expect(again.status).toBe(400);
    expect(again.json.error_type).toBe('ALREADY_IN_DESIRED_STATE');
    expect((await call('/api/vcenter/vm/vm-1002/power?action=stop', { method: 'POST', session: id })).status).toBe(204);
    expect((await call('/api/vcenter/vm/vm-1002', { session: id })).json.power_state).toBe('POWERED_OFF');
  });

  it('serves raw JSON text (int64 beyond 2^53, nulls, unknown enums) and beats built-ins', async () => {
    const f = await start();
    const id = await login();
    f.route('GET', '/api/vcenter/vm/{vm}', {
      status: 200,
      body: '{"name":"x","power_state":"HIBERNATING","size":9007199254740993,"disks":null,"extra":1}',
    });
    const r = await call('/api/vcenter/vm/vm-1001', { session: id });
    expect(r.text).toContain('9007199254740993');
    expect(r.headers['content-type']).toBe('application/json');
  });

  it('matches fixed query as a subset, uses handlers, requires a session unless auth: false', async () => {
    const f = await start();
    const remove = f.route('POST', '/api/x?action=go', (ctx) => ({ status: 200, body: { got: ctx.json(), q: ctx.query.get('extra') } }));
    f.route('GET', '/api/open', { body: 'plain words' }, { auth: false });
    expect((await call('/api/x?action=go', { method: 'POST', body: { a: 1 } })).status).toBe(401);
    const id = await login();
    const r = await call('/api/x?extra=1&action=go', { method: 'POST', session: id, body: { a: 1 } });
    expect(r.json).toEqual({ got: { a: 1 }, q: '1' });
    expect((await call('/api/x?action=other', { method: 'POST', session: id })).status).toBe(404);
    const open = await call('/api/open');
    expect(open.text).toBe('plain words');
    expect(open.headers['content-type']).toBe('text/plain');
    remove();
    expect((await call('/api/x?action=go', { method: 'POST', session: id })).status).toBe(404);
  });
});

describe('faults', () => {
  it('fails the next matching requests, then recovers', async () => {
    const f = await start();
    const id = await login();
    f.failNext({
      status: 503,
      headers: { 'Retry-After': '2' },
      body: '<html>busy</html>',
      times: 2,
      match: matchers.path('/api/vcenter/vm'),
    });
    const a = await call('/api/vcenter/vm', { session: id });
    expect(a.status).toBe(503);
    expect(a.headers['retry-after']).toBe('2');
    expect(a.headers['content-type']).toBe('text/html');
    expect((await call('/api/session', { session: id })).status).toBe(200); // not matched
    expect((await call('/api/vcenter/vm', { session: id })).status).toBe(503);
    expect((await call('/api/vcenter/vm', { session: id })).status).toBe(200);
  });

  it('answers JSON error bodies and non-JSON bodies', async () => {
    const f = await start();
    f.failNext({ status: 500, body: { error_type: 'RESOURCE_BUSY', messages: [] } });
    f.failNext({ status: 502, body: 'Bad Gateway' });
    const busy = await call('/api/vcenter/vm');
    expect(busy.status).toBe(500);
    expect(busy.json.error_type).toBe('RESOURCE_BUSY');
    const gw = await call('/api/vcenter/vm');
    expect(gw.status).toBe(502);
    expect(gw.text).toBe('Bad Gateway');
    expect(gw.headers['content-type']).toBe('text/plain');
  });

  it('resets the connection without answering', async () => {
    const f = await start();
    f.resetNext();
    await expect(call('/api/vcenter/vm')).rejects.toThrow();
    expect(f.requests).toHaveLength(1);
    expect((await call('/api/vcenter/vm')).status).toBe(401);
  });

  it('delays answers', async () => {
    const f = await start();
    f.delayNext({ ms: 150 });
    const t0 = Date.now();
    expect((await call('/api/vcenter/vm')).status).toBe(401);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('closes promptly while a delayed request waits', async () => {
    const f = await start();
    f.delayNext({ ms: 60_000 });
    const pending = call('/api/vcenter/vm').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await f.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('tasks', () => {
  it('clones with vmw-task=true and advances one step per poll (default template)', async () => {
    const f = await start();
    const id = await login();
    const r = await call('/api/vcenter/vm?action=clone&vmw-task=true', {
      method: 'POST',
      session: id,
      body: { source: 'vm-1001', name: 'web-02' },
    });
    expect(r.status).toBe(202);
    const task = r.json as string;
    const seen: string[] = [];
    let info: any;
    do {
      info = (await call(`/api/cis/tasks/${task}`, { session: id })).json;
      seen.push(info.status);
    } while (info.status !== 'SUCCEEDED');
    expect(seen).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(info).toMatchObject({
      service: 'com.vmware.vcenter.vm',
      operation: 'clone',
      cancelable: false,
      progress: { total: 100, completed: 100 },
    });
    expect(info.start_time).toMatch(/Z$/);
    expect(info.end_time).toMatch(/Z$/);
    expect((await call(`/api/vcenter/vm/${info.result}`, { session: id })).json.name).toBe('web-02');
    expect(f.tasks.polls(task)).toBe(3);
  });

  it('runs a scripted task advanced by the test, in both styles', async () => {
    const f = await start();
    const id = await login();
    const task = f.tasks.create({
      script: [
        { status: 'PENDING' },
        { status: 'RUNNING', progress: { total: 10, completed: 3, message: { id: 'p', default_message: '30%', args: [] } } },
        { status: 'BLOCKED' },
        { status: 'SUCCEEDED', result: { answer: 42 } },
      ],
      cancelable: true,
    });
    const get = async () => (await call(`/api/cis/tasks/${task}`, { session: id })).json;
    expect((await get()).status).toBe('PENDING');
    expect((await get()).status).toBe('PENDING'); // manual: polls do not advance
    f.tasks.advance(task);
    expect(await get()).toMatchObject({ status: 'RUNNING', cancelable: true, progress: { completed: 3 } });
    f.tasks.advance(task);
    expect((await call(`/rest/cis/tasks/${task}`, { session: id })).json.value.status).toBe('BLOCKED');
    f.tasks.advance(task, 5);
    expect(await get()).toMatchObject({ status: 'SUCCEEDED', result: { answer: 42 }, cancelable: false, progress: { completed: 3 } });
  });

  it('advances by a clock the test controls', async () => {
    const f = await start();
    const id = await login();
    let now = 1_000_000;
    const task = f.tasks.create({ advance: { everyMs: 1000, now: () => now } });
    const status = async () => (await call(`/api/cis/tasks/${task}`, { session: id })).json.status;
    expect(await status()).toBe('PENDING');
    now += 999;
    expect(await status()).toBe('PENDING');
    now += 1;
    expect(await status()).toBe('RUNNING');
    now += 5000;
    expect(await status()).toBe('SUCCEEDED');
    expect(f.tasks.get(task)!.end_time).toBe(new Date(now).toISOString());
  });

  it('follows vi.useFakeTimers through a Date.now clock; delayNext stays wall-clock', async () => {
    const f = await start();
    const id = await login();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const task = f.tasks.create({ advance: { everyMs: 1000, now: () => Date.now() } });
      expect(f.tasks.get(task)!.status).toBe('PENDING');
      vi.advanceTimersByTime(1000);
      expect(f.tasks.get(task)!.status).toBe('RUNNING');
      vi.advanceTimersByTime(1000);
      expect(f.tasks.get(task)!.status).toBe('SUCCEEDED');
      f.delayNext({ ms: 20 });
      expect((await call(`/api/cis/tasks/${task}`, { session: id })).json.status).toBe('SUCCEEDED');
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails with an error object or an error string', async () => {
    const f = await start();
    const id = await login();
    const errObj = { error_type: 'NOT_FOUND', messages: [{ id: 'x', default_message: 'gone', args: [] }] };
    const a = f.tasks.create({ script: [{ status: 'RUNNING' }, { status: 'FAILED', error: errObj }], advance: 'per-poll' });
    const b = f.tasks.create({ script: [{ status: 'FAILED', error: 'it broke' }] });
    await call(`/api/cis/tasks/${a}`, { session: id });
    expect((await call(`/api/cis/tasks/${a}`, { session: id })).json).toMatchObject({ status: 'FAILED', error: errObj });
    expect((await call(`/api/cis/tasks/${b}`, { session: id })).json).toMatchObject({ status: 'FAILED', error: 'it broke' });
  });

  it('cancels when cancelable and records every cancel request', async () => {
    const f = await start();
    const id = await login();
    const yes = f.tasks.create({ script: [{ status: 'RUNNING' }, { status: 'SUCCEEDED' }], cancelable: true });
    const no = f.tasks.create({ script: [{ status: 'RUNNING' }], cancelable: false });
    const done = f.tasks.create({ script: [{ status: 'SUCCEEDED' }], cancelable: true });
    expect((await call(`/api/cis/tasks/${yes}?action=cancel`, { method: 'POST', session: id })).status).toBe(204);
    const info = (await call(`/api/cis/tasks/${yes}`, { session: id })).json;
    expect(info).toMatchObject({ status: 'FAILED', error: { error_type: 'CANCELED' } });
    f.tasks.advance(yes);
    expect(f.tasks.get(yes)!.status).toBe('FAILED');
    const unsupported = await call(`/api/cis/tasks/${no}?action=cancel`, { method: 'POST', session: id });
    expect(unsupported.status).toBe(400);
    expect(unsupported.json.error_type).toBe('UNSUPPORTED');
    const completed = await call(`/api/cis/tasks/${done}?action=cancel`, { method: 'POST', session: id });
    expect(completed.json.error_type).toBe('NOT_ALLOWED_IN_CURRENT_STATE');
    expect(f.tasks.cancelRequests).toEqual([yes, no, done]);
    expect(f.tasks.wasCancelled(yes)).toBe(true);
    expect(f.tasks.wasCancelled(no)).toBe(false);
  });

  it('lists tasks filtered by id and status', async () => {
    const f = await start();
    const id = await login();
    const a = f.tasks.create({ script: [{ status: 'RUNNING' }] });
    const b = f.tasks.create({ script: [{ status: 'SUCCEEDED' }] });
    expect(Object.keys((await call('/api/cis/tasks', { session: id })).json).sort()).toEqual([a, b].sort());
    expect(Object.keys((await call(`/api/cis/tasks?tasks=${a}`, { session: id })).json)).toEqual([a]);
    expect(Object.keys((await call('/api/cis/tasks?status=SUCCEEDED', { session: id })).json)).toEqual([b]);
  });

  it('vanishes (404) and meets 503 on a poll', async () => {
    const f = await start();
    const id = await login();
    const task = f.tasks.create({ script: [{ status: 'RUNNING' }, { status: 'RUNNING', vanish: true }], advance: 'per-poll' });
    f.failNext({ status: 503, headers: { 'Retry-After': '1' }, match: matchers.path(`/api/cis/tasks/${task}`) });
    expect((await call(`/api/cis/tasks/${task}`, { session: id })).status).toBe(503);
    expect((await call(`/api/cis/tasks/${task}`, { session: id })).json.status).toBe('RUNNING');
    const gone = await call(`/api/cis/tasks/${task}`, { session: id });
    expect(gone.status).toBe(404);
    expect(gone.json.error_type).toBe('NOT_FOUND');
    const other = f.tasks.create();
    f.tasks.remove(other);
    expect((await call(`/rest/cis/tasks/${other}`, { session: id })).json.type).toBe('com.vmware.vapi.std.errors.not_found');
  });

  it('answers the /rest clone variant wrapped in value', async () => {
    await start();
    const r = await call('/rest/com/vmware/cis/session', { method: 'POST', headers: { authorization: BASIC } });
    const clone = await call('/rest/vcenter/vm?action=clone&vmw-task=true', {
      method: 'POST',
      session: r.json.value,
      body: { spec: { source: 'vm-1002', name: 'db-02' } },
    });
    expect(clone.status).toBe(200);
    expect(typeof clone.json.value).toBe('string');
  });
});
