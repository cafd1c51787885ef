/**
 * A path parameter that is `.`, `..`, or would decode to one, or that holds a lone
 * surrogate, is a UsageError before any request, for call() and for the path API.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '@vcenter-sdk/runtime';
import { client, hostile, rejection } from './helpers.js';

const unsafe = ['.', '..', '%2E%2E', '%2e', '.%2E', '%252E%252E', 'vm-\uD800', '\uDC00x'];

describe('unsafe path parameters', () => {
  it.each(unsafe)('call() refuses %j before sending anything', async (value) => {
    const s = await hostile();
    const c = client(s);
    const err = await rejection(c.call('vcenter.vm.power.get', { path: { vm: value } }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ kind: 'UNSAFE_PATH_PARAMETER', operation: 'vcenter.vm.power.get' });
    expect((err as Error).message).toMatch(/path parameter 'vm'/);
    expect(s.requests).toHaveLength(0);
    expect(s.logins).toHaveLength(0);
  });

  it.each(unsafe)('the path API refuses %j before sending anything', async (value) => {
    const s = await hostile();
    const c = client(s);
    const err = await rejection(c.GET('/api/vcenter/vm/{vm}/power', { params: { path: { vm: value } } }));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/\/api\/vcenter\/vm\/\{vm\}\/power: path parameter 'vm'/);
    expect(s.requests).toHaveLength(0);
  });

  it('ordinary ids with dots, slashes and percent signs are encoded as one segment', async () => {
    const s = await hostile();
    const c = client(s);
    for (const vm of ['vm.1', '...', 'a/..', '50%', '%2F', 'vm-😀']) {
      await c.call('vcenter.vm.power.get', { path: { vm } });
      await c.GET('/api/vcenter/vm/{vm}/power', { params: { path: { vm } } });
    }
    const paths = s.requests.map((r) => r.url);
    expect(paths).toContain('/api/vcenter/vm/vm.1/power');
    expect(paths).toContain('/api/vcenter/vm/.../power');
    expect(paths).toContain('/api/vcenter/vm/a%2F../power');
    expect(paths).toContain('/api/vcenter/vm/50%25/power');
    expect(paths.every((p) => p.startsWith('/api/vcenter/vm/') && p.endsWith('/power'))).toBe(true);
  });
});
