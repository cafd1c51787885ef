/**
 * 7.0.0's appliance service refers to its own definitions without their `com.vmware.` prefix;
 * the generator redirects those references, so its /rest appliance results are checked, not `unknown`.
 */
import { describe, expect, it } from 'vitest';
import v700 from '@vcenter-sdk/vsphere-7.0.0';
import { createClient, DecodeError, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, USER } from './fixtures.js';
import { onCleanup, serve } from './helpers.js';

async function consolecli(body: unknown, decode: 'report' | 'strict' = 'report') {
  const s = await serve({ 'GET /rest/appliance/access/consolecli': { json: body } });
  const issues: DecodeIssueInfo[] = [];
  const client = onCleanup(
    createClient({
      baseUrl: s.url,
      release: v700,
      auth: { username: USER, password: PASSWORD },
      decode,
      hooks: { onDecodeIssue: (i) => issues.push(i) },
    }),
  );
  const result = await client.call('rest.appliance.access.consolecli.get');
  return { result, issues: issues.map((i) => i.issue as { path: string; code: string }) };
}

describe('7.0.0 rest.appliance.access.consolecli.get', () => {
  it('a garbage body is a decode issue', async () => {
    const { issues } = await consolecli({ value: { garbage: [1, 2, 3] } });
    expect(issues).toEqual([expect.objectContaining({ path: '$.value', code: 'invalid_type' })]);
    await expect(consolecli({ value: 'yes' }, 'strict')).rejects.toBeInstanceOf(DecodeError);
  });

  it('a real answer decodes cleanly, unwrapped', async () => {
    expect(await consolecli({ value: true })).toEqual({ result: true, issues: [] });
  });
});
