import { describe, expect, it, vi } from 'vitest';
import { createClient, type Hooks } from '@vcenter-sdk/runtime';
import { Redactor, REDACTED } from '@vcenter-sdk/runtime/text';
import { PASSWORD, r803, USER } from './fixtures.js';
import { fastRetry, onCleanup, serve } from './helpers.js';

function recordingHooks(): { hooks: Hooks; payloads: unknown[] } {
  const payloads: unknown[] = [];
  const rec = (name: string) => (p: unknown) => payloads.push({ hook: name, ...(p as object) });
  return {
    payloads,
    hooks: {
      onRequest: rec('onRequest'),
      onResponse: rec('onResponse'),
      onRetry: rec('onRetry'),
      onError: rec('onError'),
      onDecodeIssue: rec('onDecodeIssue'),
      onWarning: rec('onWarning'),
    },
  };
}

function dump(x: unknown): string {
  const e = x as Error;
  let cause = '';
  for (let c: unknown = e?.cause, i = 0; c && i < 5; c = (c as Error).cause, i++) cause += `${String(c)}\n${(c as Error).stack ?? ''}\n`;
  return [String(x), e?.stack ?? '', JSON.stringify(x), cause].join('\n');
}

function safeStringify(x: unknown): string {
  const seen = new WeakSet();
  return JSON.stringify(x, (_k, v: unknown) => {
    if (v instanceof Error) return { ...v, message: v.message, stack: v.stack, string: String(v) };
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return typeof v === 'bigint' ? v.toString() : v;
  });
}

describe('redaction', () => {
  it('neither the password nor the session id appears in errors or hook payloads', async () => {
    let sessionId = '';
    // errors that echo secrets back: the server puts the session id and the password in its messages
    const s = await serve({
      'GET /api/vcenter/vm': (req) => {
        sessionId = String(req.headers['vmware-api-session-id']);
        return {
          status: 400,
          json: {
            error_type: 'INVALID_ARGUMENT',
            messages: [{ id: 'x', default_message: `bad session ${sessionId} for password ${PASSWORD}`, args: [sessionId, PASSWORD] }],
          },
        };
      },
      'GET /api/vcenter/vm/vm-1': { status: 503, text: `<html>down, ${PASSWORD}</html>`, headers: { 'retry-after': '0' } },
      'GET /api/vcenter/vm/vm-2': { reset: 'before-headers' },
    });
    const { hooks, payloads } = recordingHooks();
    const client = onCleanup(
      createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, hooks, retry: fastRetry }),
    );

    const errors: unknown[] = [];
    errors.push(await client.call('vcenter.vm.list').catch((e: unknown) => e));
    errors.push(await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } }).catch((e: unknown) => e));
    errors.push(await client.call('vcenter.vm.get', { path: { vm: 'vm-2' } }).catch((e: unknown) => e));
    // a failed login too
    const bad = onCleanup(createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: 'Wr0ng-P@ss-9876' }, hooks }));
    errors.push(await bad.call('vcenter.vm.list').catch((e: unknown) => e));
    // and the path API
    const { error } = await client.GET('/api/vcenter/vm');
    expect(error).toBeDefined();
    errors.push(Object.assign(new Error('path API error body'), { body: error }));

    expect(sessionId).toBe(s.logins[0]);
    const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    for (const e of errors) {
      expect(e).toBeInstanceOf(Error);
      const text = dump(e);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(sessionId);
      expect(text).not.toContain('Wr0ng-P@ss-9876');
      expect(text).not.toContain(basic);
    }
    expect(String(errors[0])).toContain(REDACTED);
    const hookText = safeStringify(payloads);
    expect(payloads.length).toBeGreaterThan(5);
    expect(hookText).not.toContain(PASSWORD);
    expect(hookText).not.toContain(sessionId);
    expect(hookText).not.toContain(basic);
    expect(hookText).not.toContain('Wr0ng-P@ss-9876');
    expect(hookText).toContain('"vmware-api-session-id":"[REDACTED]"');
  });

  it('hook payloads name operation, release, method, path template, status, attempt', async () => {
    const s = await serve({ 'GET /api/vcenter/vm/vm-1': { json: { name: 'a', power_state: 'POWERED_ON' } } });
    const { hooks, payloads } = recordingHooks();
    const client = onCleanup(createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, hooks }));
    await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } });
    const resp = payloads.filter((p) => (p as { hook: string }).hook === 'onResponse');
    expect(resp).toHaveLength(2);
    expect(resp[0]).toMatchObject({ operation: 'session.create', method: 'POST', path: '/api/session', status: 201, attempt: 0 });
    expect(resp[1]).toMatchObject({
      operation: 'vcenter.vm.get',
      release: '8.0.3',
      method: 'GET',
      path: '/api/vcenter/vm/{vm}',
      status: 200,
      attempt: 0,
    });
  });

  it('a hook set alone gets its whole payload, and hooks nobody set cost no redaction', async () => {
    const s = await serve({
      'GET /api/vcenter/vm/vm-1': { json: { name: 'a', power_state: 'POWERED_ON' } },
      'GET /api/vcenter/vm/vm-2': { status: 503, text: 'busy', headers: { 'retry-after': '0' } },
    });
    const auth = { username: USER, password: PASSWORD };
    const redacting = vi.spyOn(Redactor.prototype, 'headers');
    onCleanup({ close: async () => redacting.mockRestore() });

    // Only onDecodeIssue: no request or response headers are redacted for payloads nobody reads.
    const quiet = onCleanup(createClient({ baseUrl: s.url, release: r803, auth, hooks: { onDecodeIssue: () => undefined } }));
    await quiet.call('vcenter.vm.get', { path: { vm: 'vm-1' } });
    expect(redacting).not.toHaveBeenCalled();

    const seen: Array<{ hook: string } & Record<string, unknown>> = [];
    for (const hook of ['onRequest', 'onResponse', 'onRetry', 'onError'] as const) {
      const client = onCleanup(
        createClient({
          baseUrl: s.url,
          release: r803,
          auth,
          retry: { ...fastRetry, retries: 1 },
          hooks: { [hook]: (p: object) => seen.push({ hook, ...p }) },
        }),
      );
      await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } });
      await client.call('vcenter.vm.get', { path: { vm: 'vm-2' } }).catch(() => undefined);
    }
    const sent = {
      accept: 'application/json',
      'x-api-version': '8.0.3',
      'vmware-use-header-authn': 'true',
      'vmware-api-session-id': REDACTED,
    };
    expect(seen.find((p) => p.hook === 'onRequest' && p.operation === 'vcenter.vm.get')).toMatchObject({
      path: '/api/vcenter/vm/{vm}',
      headers: sent,
    });
    const response = seen.find((p) => p.hook === 'onResponse' && p.operation === 'vcenter.vm.get' && p.status === 200);
    expect(response).toMatchObject({ headers: sent, responseHeaders: { 'content-type': 'application/json' } });
    expect(typeof response?.durationMs).toBe('number');
    expect(seen.find((p) => p.hook === 'onRetry')).toMatchObject({ reason: 'SERVICE_UNAVAILABLE', attempt: 0, headers: sent });
    expect(seen.find((p) => p.hook === 'onError')).toMatchObject({
      operation: 'vcenter.vm.get',
      attempt: 1,
      error: { kind: 'SERVICE_UNAVAILABLE' },
    });
  });
});
