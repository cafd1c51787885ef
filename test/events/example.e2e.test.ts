/**
 * examples/events-tag-on-poweron.ts runs as a user runs it (`node --import tsx`, a child
 * process) against the stateful mock, as its header says: events sent with `vcenter-sdk
 * events send --vm <a VM of the mock>` in binary and structured mode get that VM tagged (read
 * back through the SDK); other events are ignored; an event about a VM the mock does not have
 * is logged and acknowledged (200), not failed; Ctrl-C stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, type VsphereClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { encodeEvent } from '@vcenter-sdk/events';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { run } from '../cli/helpers.js';
import { post } from './helpers.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';
import { runMarkEnv } from '../support/leak-check.js';
import { MOCK_PASSWORD as PASSWORD, USER } from '../support/settings.js';

let mock: MockVcenter;
let client: VsphereClient<typeof v703>;

beforeAll(async () => {
  mock = await startMock({ releases: ['7.0.3'] });
  client = createClient({ baseUrl: mock.url, release: v703, auth: { username: USER, password: PASSWORD } });
});
afterAll(async () => {
  await client?.close();
  await mock?.close();
});

function waitFor(child: ChildProcess, out: { text: string }, re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = out.text.match(re);
      if (m) {
        child.stdout!.off('data', check);
        resolve(m);
      }
    };
    child.stdout!.on('data', check);
    child.once('close', () => reject(new Error(`exited before ${re}: ${out.text}`)));
    check();
  });
}

const tagsOf = (vm: string) =>
  client.call('cis.tagging.tag_association.list_attached_tags', { body: { object_id: { type: 'VirtualMachine', id: vm } } });

it('tags the mock VM of every VmPoweredOnEvent, in binary and structured mode; acknowledges one about a VM that does not exist', async () => {
  const vms = (await client.call('vcenter.vm.list')).map((v) => ({ id: v.vm, name: v.name }));
  expect(vms.length).toBeGreaterThanOrEqual(3);
  const [a, b, c] = vms as [(typeof vms)[0], (typeof vms)[0], (typeof vms)[0]];
  for (const vm of [a, b, c]) expect(await tagsOf(vm.id)).toEqual([]);

  const child = spawn(process.execPath, ['--import', 'tsx', join('examples', 'events-tag-on-poweron.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...runMarkEnv(),
      VCENTER_URL: mock.url,
      VCENTER_USER: USER,
      VCENTER_PASSWORD: PASSWORD,
      EVENTS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { text: '' };
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.text += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const closed = new Promise<number | null>((r) => child.on('close', r));
  try {
    const [, url] = await waitFor(child, out, /listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
    const [, tagId] = out.text.match(/tag powered-on: (\S+)/)!;
    // The tag the example made (or found) is the mock's, in the category it made.
    expect((await client.call('cis.tagging.tag.get', { path: { tag_id: tagId! } })).name).toBe('powered-on');

    // As the example's header says: the CLI, aimed at a VM of the mock.
    const binary = await run(['events', 'send', 'VmPoweredOnEvent', '--to', url!, '--vm', a.id]);
    expect(binary.code, binary.stderr).toBe(0);
    const structured = await run(['events', 'send', 'VmPoweredOnEvent', '--to', url!, '--vm', b.id, '--structured', '--router']);
    expect(structured.code, structured.stderr).toBe(0);
    expect((await post(url!, encodeEvent('VmPoweredOffEvent', vmEvent(c.id, c.name)))).status).toBe(200);
    // A VM deleted since the event: logged and acknowledged, so the router does not redeliver it.
    const gone = await post(url!, encodeEvent('VmPoweredOnEvent', vmEvent('vm-999999', 'deleted-01')));
    expect(gone.status).toBe(200);
    await waitFor(child, out, /skipped vm-999999/);

    expect(await tagsOf(a.id)).toEqual([tagId]);
    expect(await tagsOf(b.id)).toEqual([tagId]);
    expect(await tagsOf(c.id)).toEqual([]);
    expect(out.text).toContain(`tagged ${a.name} (${a.id}), powered on by VSPHERE.LOCAL\\Administrator at `);
    expect(out.text).toContain(`tagged ${b.name} (${b.id})`);
    expect(out.text).toContain('skipped vm-999999 (deleted-01): the VM no longer exists (event 7 of 2026-11-30T12:00:00Z)');

    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(out.text).toContain('stopping');
    expect(err).toBe('');
  } finally {
    child.kill('SIGKILL');
  }
}, 120_000);

function vmEvent(id: string, name: string) {
  return {
    Key: 7,
    ChainId: 7,
    CreatedTime: '2026-11-30T12:00:00Z',
    UserName: 'VSPHERE.LOCAL\\alice',
    Datacenter: null,
    ComputeResource: null,
    Host: null,
    Vm: { Name: name, Vm: { Type: 'VirtualMachine', Value: id } },
    Ds: null,
    Net: null,
    Dvs: null,
    FullFormattedMessage: `${name} powered on`,
    ChangeTag: '',
    Template: false,
  };
}
