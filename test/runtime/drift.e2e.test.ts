/**
 * Drift on request: with `reportUndeclared`, fields a server sends that its release's spec
 * does not declare reach `onDecodeIssue` as `undeclared_field` issues with their JSON path.
 * Real 7.0.1 servers send `nvme_adapters` on a VM, which the 7.0.1 spec lacks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import v701 from '@vcenter-sdk/vsphere-7.0.1';
import { SEED_VMS, vmInfo } from '../fake-vcenter/index.js';
import { createClient, type DecodeIssue, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, USER } from './fixtures.js';
import { route, startServer } from './helpers.js';

/** A VM as a real 7.0.1 server sends it over /rest: maps as key/value lists, and `nvme_adapters`. */
function restVm701() {
  const info: Record<string, unknown> = vmInfo(SEED_VMS[0]!);
  for (const [k, v] of Object.entries(info))
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) info[k] = [];
  // VMX_19 came with 7.0.2
  return { value: { ...info, hardware: { version: 'VMX_18', upgrade_policy: 'NEVER', upgrade_status: 'NONE' } } };
}

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function vmGet(options: { reportUndeclared?: boolean; decode?: 'strict' | 'report' }) {
  const f = await startServer(route('GET', '/rest/vcenter/vm/vm-1001', { body: restVm701() }));
  cleanup.push(() => f.close());
  const issues: DecodeIssueInfo[] = [];
  const client = createClient({
    baseUrl: f.url,
    release: v701,
    auth: { username: USER, password: PASSWORD },
    hooks: { onDecodeIssue: (i) => issues.push(i) },
    ...options,
  });
  cleanup.push(() => client.close());
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
