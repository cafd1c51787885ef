/**
 * Drift on request: with `reportUndeclared`, fields a server sends that its release's spec
 * does not declare reach `onDecodeIssue` as `undeclared_field` issues with their JSON path.
 * Real 7.0.1 servers send `nvme_adapters` on a VM, which the 7.0.1 spec lacks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import v701 from '@vcenter-sdk/vsphere-7.0.1';
import { startMock } from '@vcenter-sdk/mock';
import { MOCK_PASSWORD } from '../support/settings.js';
import { createClient, type DecodeIssue, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, USER } from './fixtures.js';
import { onCleanup, serve } from './helpers.js';

/** A VM as @vcenter-sdk/mock's 7.0.1 sends it over /rest, with the `nvme_adapters` real 7.0.1 servers add. */
let restVm701: { value: Record<string, unknown> };
beforeAll(async () => {
  const m = await startMock({ releases: ['7.0.1'] });
  try {
    const basic = Buffer.from(`${USER}:${MOCK_PASSWORD}`).toString('base64');
    const login = await fetch(`${m.url}/rest/com/vmware/cis/session`, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
    const { value: session } = (await login.json()) as { value: string };
    const id = [...m.inventory('7.0.1').vms.values()][0]!.id;
    const res = await fetch(`${m.url}/rest/vcenter/vm/${id}`, { headers: { 'vmware-api-session-id': session } });
    const { value } = (await res.json()) as { value: Record<string, unknown> };
    restVm701 = { value: { ...value, nvme_adapters: [] } };
  } finally {
    await m.close();
  }
});

async function vmGet(options: { reportUndeclared?: boolean; decode?: 'strict' | 'report' }) {
  const f = await serve({ 'GET /rest/vcenter/vm/vm-1001': { json: restVm701 } });
  const issues: DecodeIssueInfo[] = [];
  const client = onCleanup(
    createClient({
      baseUrl: f.url,
      release: v701,
      auth: { username: USER, password: PASSWORD },
      hooks: { onDecodeIssue: (i) => issues.push(i) },
      ...options,
    }),
  );
  const vm = await client.call('rest.vcenter.vm.get', { path: { vm: 'vm-1001' } });
  return { vm, issues: issues.map((i) => i.issue as DecodeIssue) };
}

describe('drift (reportUndeclared)', () => {
  it("reports the 7.0.1 server's nvme_adapters, which the 7.0.1 spec lacks, with its JSON path", async () => {
    const { vm, issues } = await vmGet({ reportUndeclared: true });
    expect(vm).toHaveProperty('nvme_adapters');
    expect(issues).toEqual([
      {
        operation: 'rest.vcenter.vm.get',
        release: '7.0.1',
        path: '$.value.nvme_adapters',
        keys: ['value', 'nvme_adapters'],
        code: 'undeclared_field',
        message: 'field not declared by the 7.0.1 spec',
      },
    ]);
  });

  it('is off by default, and never fatal, not even in strict mode', async () => {
    expect((await vmGet({})).issues).toEqual([]);
    const strict = await vmGet({ reportUndeclared: true, decode: 'strict' });
    expect(strict.issues.map((i) => i.code)).toEqual(['undeclared_field']);
  });
});
