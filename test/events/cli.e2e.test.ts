/**
 * `vcenter-sdk events list` and `events send`, run as the real bin: catalogs by either release
 * name, patterns, JSON; sending every kind of id to a local receiver in both modes and
 * schemes, --data merged over the sample, --vm / --host setting the event's objects; mistakes are usage errors naming the option.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Delivery } from '@vcenter-sdk/events';
import { run } from '../cli/helpers.js';
import { receiverWith, serve } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'vcenter-sdk-events-cli-'));
const got: Delivery[] = [];
const receiver = receiverWith();
receiver.onAny((d) => void got.push(d as Delivery));
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => (server = await serve(receiver)));
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

it('list: by catalog name or version id, with a pattern, as a table or JSON', async () => {
  const a = await run(['events', 'list', '8.0u3', 'VmPoweredOn']);
  expect(a.code).toBe(0);
  expect(a.stdout).toMatch(/^VmPoweredOnEvent\s+Standard\s+VM powered on$/m);
  expect(a.stderr).toMatch(/of 2194 events of vCenter 8\.0u3 \(8\.0\.3\)/);
  const b = await run(['events', 'list', '8.0.3', 'VmPoweredOn', '--json']);
  const entries = JSON.parse(b.stdout);
  expect(entries.map((e: { id: string }) => e.id)).toContain('VmPoweredOnEvent');
  expect(entries.find((e: { id: string }) => e.id === 'VmPoweredOnEvent')).toEqual({
    id: 'VmPoweredOnEvent',
    kind: 'Standard',
    class: 'VmPoweredOnEvent',
    description: 'VM powered on',
  });
  const all = await run(['events', 'list', '6.7u3', '--json']);
  expect(JSON.parse(all.stdout)).toHaveLength(1650);
});

it('list: an unknown release is a usage error listing the known ones', async () => {
  const r = await run(['events', 'list', '9.0']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/no event catalog for release '9\.0' \(known: 6\.7u3 \(6\.7\.3\), .* 8\.0u3 \(8\.0\.3\)\)/);
});

it('send: a standard class (binary), a dotted id (structured, router scheme), --data merged over the sample', async () => {
  const data = join(tmp, 'vm.json');
  writeFileSync(data, JSON.stringify({ Vm: { Name: 'db-01', Vm: { Type: 'VirtualMachine', Value: 'vm-1002' } } }));
  const a = await run(['events', 'send', 'VmPoweredOnEvent', '--to', server.url, '--data', data]);
  expect(a.code, a.stderr).toBe(0);
  expect(a.stderr).toMatch(
    /sent VmPoweredOnEvent \(VmPoweredOnEvent, binary mode, type com\.vmware\.vsphere\.VmPoweredOnEvent\.v0\) to .*: HTTP 200/,
  );
  const b = await run([
    'events',
    'send',
    'com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent',
    '--to',
    server.url,
    '--structured',
    '--router',
  ]);
  expect(b.code, b.stderr).toBe(0);
  expect(got.map((d) => [d.eventId, d.eventClass, d.mode, d.scheme, d.issues.length])).toEqual([
    ['VmPoweredOnEvent', 'VmPoweredOnEvent', 'binary', 'vsphere', 0],
    ['com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent', 'EventEx', 'structured', 'router', 0],
  ]);
  expect(got[0]!.vm).toEqual({ id: 'vm-1002', type: 'VirtualMachine', name: 'db-01' });
  expect((got[1]!.data as { EventTypeId: string }).EventTypeId).toBe('com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent');
});

it('send: --vm and --host aim the sample at existing objects, over --data, in either mode', async () => {
  const data = join(tmp, 'vm-named.json');
  writeFileSync(
    data,
    JSON.stringify({ Vm: { Name: 'db-01', Vm: { Type: 'VirtualMachine', Value: 'vm-1002' } }, UserName: 'VSPHERE.LOCAL\\bob' }),
  );
  const before = got.length;
  const a = await run(['events', 'send', 'VmPoweredOnEvent', '--to', server.url, '--vm', 'vm-12', '--host', 'host-16', '--data', data]);
  expect(a.code, a.stderr).toBe(0);
  const b = await run(['events', 'send', 'VmPoweredOffEvent', '--to', server.url, '--vm', 'vm-19', '--structured']);
  expect(b.code, b.stderr).toBe(0);
  const [on, off] = got.slice(before);
  expect([on!.eventId, on!.mode, on!.issues.length, off!.eventId, off!.mode, off!.issues.length]).toEqual([
    'VmPoweredOnEvent',
    'binary',
    0,
    'VmPoweredOffEvent',
    'structured',
    0,
  ]);
  expect(on!.data).toMatchObject({
    Vm: { Name: 'vm-12', Vm: { Type: 'VirtualMachine', Value: 'vm-12' } },
    Host: { Name: 'host-16', Host: { Type: 'HostSystem', Value: 'host-16' } },
    UserName: 'VSPHERE.LOCAL\\bob',
  });
  expect([on!.vm?.id, on!.host?.id, off!.vm?.id]).toEqual(['vm-12', 'host-16', 'vm-19']);
  // The rest of the sample is untouched: the datacenter of the sample, not of --host.
  expect((off!.data as { Datacenter: unknown }).Datacenter).toEqual({
    Name: 'dc-01',
    Datacenter: { Type: 'Datacenter', Value: 'datacenter-1' },
  });
  const bad = await run(['events', 'send', 'VmPoweredOnEvent', '--to', server.url, '--vm', 'vm 12']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--vm 'vm 12': expected a managed object id such as vm-12/);
  expect(got.length).toBe(before + 2);
});

it('send: mistakes are usage errors naming what is wrong; a refused event exits 1', async () => {
  expect((await run(['events', 'send', 'VmPoweredOnEvent'])).stderr).toMatch(/missing --to URL/);
  expect((await run(['events', 'send', 'NoSuchEvent', '--to', server.url])).stderr).toMatch(
    /'NoSuchEvent' is neither an event class nor an id of any catalog; give its body with --data FILE/,
  );
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, '[1]');
  const r = await run(['events', 'send', 'VmPoweredOnEvent', '--to', server.url, '--data', bad]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--data .*bad\.json: expected a JSON object/);
  expect((await run(['events', 'nope'])).stderr).toMatch(/unknown subcommand 'nope' \(list, send\)/);
  const strict = receiverWith({ decode: 'strict' });
  const s2 = await serve(strict);
  try {
    const wrong = join(tmp, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ Key: 'x' }));
    const refused = await run(['events', 'send', 'VmPoweredOnEvent', '--to', s2.url, '--data', wrong]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/HTTP 400/);
  } finally {
    await s2.close();
  }
});
