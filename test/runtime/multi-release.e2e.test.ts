/**
 * One client over several releases, against a scripted server whose hello answers 8.0.2 to a
 * client offering 7.0.3 and 8.0.2 (as a server of 8.0.3, newer than every generated release,
 * which the mock cannot serve, answers), tasks against the mock: each operation is sent with,
 * and decoded by, the newest given release that has it and is not newer than the server;
 * X-API-Version names that release on each call.
 */
import { describe, expect, it } from 'vitest';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import v802 from '@vcenter-sdk/vsphere-8.0.2';
import { startMock, type MockLogEntry } from '@vcenter-sdk/mock';
import type { HostileServer } from '../support/hostile.js';
import { MOCK_PASSWORD } from '../support/settings.js';
import { connect, createClient, UsageError, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, USER } from './fixtures.js';
import { onCleanup, serve } from './helpers.js';

const auth = { username: USER, password: PASSWORD };
const VMS = [{ vm: 'vm-1001', name: 'web-01', power_state: 'POWERED_ON', cpu_count: 2, memory_size_MiB: 4096 }];
/** A server whose hello answers `release`, with a VM list, one VM, and `table`. */
function server(release: string, table: Parameters<typeof serve>[0] = {}): Promise<HostileServer> {
  return serve({
    'POST /api/vcenter/system': { json: { api_release: release } },
    'GET /api/vcenter/vm': { json: VMS },
    'GET /api/vcenter/vm/vm-1001': { json: { name: 'web-01', power_state: 'POWERED_ON' } },
    ...table,
  });
}
const versionOf = (f: HostileServer, path: string) => f.requests.filter((r) => r.path === path).map((r) => r.headers['x-api-version']);
const offered = (f: HostileServer) => JSON.parse(f.requests.find((r) => r.url === '/api/vcenter/system?action=hello')!.body);

/** 8.0.2 declares a draft list as `{draft id: {...}}`; a list is not that. */
const draftsPath = '/api/esx/settings/clusters/{cluster}/configuration/drafts';

describe('one client over 7.0.3 and 8.0.2, against a server reporting 8.0.3', () => {
  it('connect: vcenter.vm.list goes through 7.0.3, the 8.0.2-only esx and appliance operations through 8.0.2', async () => {
    const f = await server('8.0.2', {
      [`GET ${draftsPath.replace('{cluster}', 'domain-c8')}`]: { json: [1, 2] },
      'POST /api/appliance/update/pending': { status: 204 },
      'GET /api/appliance/system/version': { json: { version: '8.0.3.00000', build: '1' } },
    });
    const issues: DecodeIssueInfo[] = [];
    const client = onCleanup(
      await connect({ baseUrl: f.url, releases: [v703, v802], auth, hooks: { onDecodeIssue: (i) => issues.push(i) } }),
    );
    // hello offered both; the server's answer is the newest it speaks.
    expect(offered(f)).toEqual({ api_releases: ['8.0.2', '7.0.3'] });
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
    const f = await server('8.0.2');
    const client = onCleanup(await connect({ baseUrl: f.url, releases: [v703, v802], auth }));
    const sent = f.requests.length + f.sessionCalls.length;
    const err = await (client.call as unknown as (n: string) => Promise<unknown>)('vcenter.nope.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe("unknown operation 'vcenter.nope.list': none of the releases searched has it (8.0.2, 7.0.3)");
    const task = await (client.start as unknown as (n: string) => Promise<unknown>)('vcenter.nope.create$task').catch((e: unknown) => e);
    expect(task).toBeInstanceOf(UsageError);
    expect((task as Error).message).toContain('none of the releases searched has it (8.0.2, 7.0.3)');
    expect(f.requests.length + f.sessionCalls.length).toBe(sent);
  });

  it('a release newer than the server is not searched: against 7.0.3, 8.0.2-only operations are unknown', async () => {
    const f = await server('7.0.3');
    const client = onCleanup(await connect({ baseUrl: f.url, releases: [v703, v802], auth }));
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
    const m = onCleanup(await startMock({ releases: ['7.0.3', '8.0.2'], onRequest: (e) => log.push(e) }));
    const client = onCleanup(
      createClient({
        baseUrl: m.url,
        releases: [v802, v703],
        auth: { username: USER, password: MOCK_PASSWORD },
        tasks: { poll: { firstMs: 1, floorMs: 1, ceilingMs: 5 } },
      }),
    );
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
