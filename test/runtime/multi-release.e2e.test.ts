/**
 * One client over several releases, against the fake vCenter reporting 8.0.3 (newer than every
 * generated release, which the mock cannot serve), tasks against the mock: each operation
 * is sent with, and decoded by, the newest given release that has it and is not newer than
 * the server; X-API-Version names that release on each call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import v802 from '@vcenter-sdk/vsphere-8.0.2';
import { startMock, type MockLogEntry } from '@vcenter-sdk/mock';
import { startFakeVcenter, type FakeVcenter } from '../fake-vcenter/index.js';
import { MOCK_PASSWORD } from '../support/settings.js';
import { connect, createClient, UsageError, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, USER } from './fixtures.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
const auth = { username: USER, password: PASSWORD };
async function fake(release: string): Promise<FakeVcenter> {
  const f = await startFakeVcenter({ users: { [USER]: PASSWORD }, release });
  cleanup.push(() => f.close());
  return f;
}
const versionOf = (f: FakeVcenter, path: string) =>
  f.requests.filter((r) => r.path.split('?')[0] === path).map((r) => r.headers['x-api-version']);

/** 8.0.2 declares a draft list as `{draft id: {...}}`; a list is not that. */
const draftsPath = '/api/esx/settings/clusters/{cluster}/configuration/drafts';

describe('one client over 7.0.3 and 8.0.2, against a server reporting 8.0.3', () => {
  it('connect: vcenter.vm.list goes through 7.0.3, the 8.0.2-only esx and appliance operations through 8.0.2', async () => {
    const f = await fake('8.0.3');
    f.route('GET', draftsPath, { body: [1, 2] });
    f.route('POST', '/api/appliance/update/pending?action=rollback', { status: 204 });
    const issues: DecodeIssueInfo[] = [];
    const client = await connect({ baseUrl: f.url, releases: [v703, v802], auth, hooks: { onDecodeIssue: (i) => issues.push(i) } });
    cleanup.push(() => client.close());
    // hello offered both; the server's answer is the newest it speaks.
    expect(client.release).toBe('8.0.2');
    if (client.release !== '8.0.2') throw new Error('narrowing');

    const vms = await client.call('vcenter.vm.list');
    expect(vms.length).toBeGreaterThan(0);
    expect(versionOf(f, '/api/vcenter/vm')).toEqual(['7.0.3']);

    await client.call('esx.settings.clusters.configuration.drafts.list', { path: { cluster: 'domain-c8' } });
    expect(versionOf(f, '/api/esx/settings/clusters/domain-c8/configuration/drafts')).toEqual(['8.0.2']);
    // decoded with 8.0.2's schema (an object of drafts), reported as 8.0.2
    expect(issues.map((i) => [i.operation, i.release, (i.issue as { code: string }).code])).toEqual([
      ['esx.settings.clusters.configuration.drafts.list', '8.0.2', 'invalid_type'],
    ]);

    await client.call('appliance.update.pending.rollback');
    expect(versionOf(f, '/api/appliance/update/pending')).toEqual(['8.0.2']);
    // an operation both have goes through the newest
    await client.call('appliance.system.version.get');
    expect(versionOf(f, '/api/appliance/system/version').at(-1)).toBe('8.0.2');

    // the path API dispatches the same way
    const { data } = await client.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: vms[0]!.vm } } });
    expect(data?.name).toBe(vms[0]!.name);
    expect(versionOf(f, `/api/vcenter/vm/${vms[0]!.vm}`)).toEqual(['7.0.3']);
  });

  it('an operation no given release has is a UsageError naming the releases searched', async () => {
    const f = await fake('8.0.3');
    const client = await connect({ baseUrl: f.url, releases: [v703, v802], auth });
    cleanup.push(() => client.close());
    const sent = f.requests.length;
    const err = await (client.call as unknown as (n: string) => Promise<unknown>)('vcenter.nope.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe("unknown operation 'vcenter.nope.list': none of the releases searched has it (8.0.2, 7.0.3)");
    const task = await (client.start as unknown as (n: string) => Promise<unknown>)('vcenter.nope.create$task').catch((e: unknown) => e);
    expect(task).toBeInstanceOf(UsageError);
    expect((task as Error).message).toContain('none of the releases searched has it (8.0.2, 7.0.3)');
    expect(f.requests.length).toBe(sent);
  });

  it('a release newer than the server is not searched: against 7.0.3, 8.0.2-only operations are unknown', async () => {
    const f = await fake('7.0.3');
    const client = await connect({ baseUrl: f.url, releases: [v703, v802], auth });
    cleanup.push(() => client.close());
    expect(client.release).toBe('7.0.3');
    if (client.release !== '7.0.3') throw new Error('narrowing');
    const err = await (client.call as unknown as (n: string, i: unknown) => Promise<unknown>)(
      'esx.settings.clusters.configuration.drafts.list',
      { path: { cluster: 'c' } },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain("'esx.settings.clusters.configuration.drafts.list' in release 7.0.3");
    await client.call('vcenter.vm.list');
    expect(versionOf(f, '/api/vcenter/vm')).toEqual(['7.0.3']);
  });

  it('createClient({ releases }) dispatches without detection; tasks run in the release that serves them', async () => {
    const log: MockLogEntry[] = [];
    const m = await startMock({ releases: ['7.0.3', '8.0.2'], onRequest: (e) => log.push(e) });
    cleanup.push(() => m.close());
    const client = createClient({
      baseUrl: m.url,
      releases: [v802, v703],
      auth: { username: USER, password: MOCK_PASSWORD },
      tasks: { poll: { firstMs: 1, floorMs: 1, ceilingMs: 5 } },
    });
    cleanup.push(() => client.close());
    expect(client.release).toBe('8.0.2');
    const source = [...m.inventory('7.0.3').vms.values()][0]!.id;
    const vm = await client.run('vcenter.vm.clone$task', { body: { source, name: 'twin' } });
    expect(m.inventory('7.0.3').vms.get(vm)?.name).toBe('twin');
    const taskCalls = log.filter((e) => e.url.startsWith('/api/vcenter/vm?action=clone') || e.url.startsWith('/api/cis/tasks/'));
    expect(taskCalls.length).toBeGreaterThan(1);
    expect(new Set(taskCalls.map((e) => e.release))).toEqual(new Set(['7.0.3']));
    expect(log.filter((e) => e.url === '/api/vcenter/system?action=hello')).toEqual([]);
  });
});
