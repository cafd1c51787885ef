/**
 * A VM's sub-resources agree with the VM: hardware version, CPU, memory, disks, NICs and
 * CD-ROMs as `vcenter.vm.get` and the inventory have them; Tools without the optional
 * `error` (which crashes Ansible's tools info); the guest identity of the VM's guest OS;
 * an unknown VM is 404 on each, over `/api` and over `/rest` without a version header.
 */
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { describe, expect, it } from 'vitest';
import type { MockVcenter } from '@vcenter-sdk/mock';
import { login, mockForFile, type LooseClient } from './helpers.js';

let mock: MockVcenter;
let c: LooseClient;
mockForFile(v703, (m, client) => {
  mock = m;
  c = client;
});

const SUB_RESOURCES = [
  'hardware',
  'hardware/boot',
  'hardware/cpu',
  'hardware/memory',
  'hardware/disk',
  'hardware/ethernet',
  'hardware/cdrom',
  'tools',
  'guest/identity',
];

describe('sub-resources follow the seeded VM (7.0.3 /api)', () => {
  it('hardware, CPU, memory, disks, NICs and CD-ROMs answer what vcenter.vm.get and the inventory say, for every VM', async () => {
    const vms: { vm: string; cpu_count: number; memory_size_MiB: number }[] = await c.call('vcenter.vm.list');
    expect(vms.length).toBeGreaterThan(0);
    for (const summary of vms) {
      const path = { vm: summary.vm };
      const model = mock.inventory('7.0.3').vms.get(summary.vm)!;
      const vm = await c.call('vcenter.vm.get', { path });
      expect(await c.call('vcenter.vm.hardware.get', { path })).toEqual(vm.hardware);
      expect(vm.hardware.version).toBe(model.hardwareVersion);
      expect((await c.call('vcenter.vm.hardware.cpu.get', { path })).count).toBe(summary.cpu_count);
      expect((await c.call('vcenter.vm.hardware.memory.get', { path })).size_MiB).toBe(summary.memory_size_MiB);
      expect(await c.call('vcenter.vm.hardware.boot.get', { path })).toEqual(vm.boot);

      const disks: { disk: string }[] = await c.call('vcenter.vm.hardware.disk.list', { path });
      expect(disks.map((d) => d.disk)).toEqual(Object.keys(vm.disks));
      const disk = await c.call('vcenter.vm.hardware.disk.get', { path: { ...path, disk: disks[0]!.disk } });
      expect(disk).toEqual(vm.disks[disks[0]!.disk]);
      expect(disk.capacity).toBe(model.diskGiB * 1024 ** 3);

      const nics: { nic: string }[] = await c.call('vcenter.vm.hardware.ethernet.list', { path });
      expect(nics.map((n) => n.nic)).toEqual(Object.keys(vm.nics));
      const nic = await c.call('vcenter.vm.hardware.ethernet.get', { path: { ...path, nic: nics[0]!.nic } });
      expect(nic).toEqual(vm.nics[nics[0]!.nic]);
      expect([nic.mac_address, nic.backing.network]).toEqual([model.macAddress, model.network]);

      const cdroms: { cdrom: string }[] = await c.call('vcenter.vm.hardware.cdrom.list', { path });
      expect(cdroms.map((d) => d.cdrom)).toEqual(Object.keys(vm.cdroms));
      for (const { cdrom } of cdroms)
        expect(await c.call('vcenter.vm.hardware.cdrom.get', { path: { ...path, cdrom } })).toEqual(vm.cdroms[cdrom]);
    }
  });

  it("Tools run while the VM is on and carry no error; the guest identity is the VM's guest OS, and unavailable while it is off", async () => {
    const vms: { vm: string; power_state: string }[] = await c.call('vcenter.vm.list');
    const on = vms.find((v) => v.power_state === 'POWERED_ON')!;
    const off = vms.find((v) => v.power_state === 'POWERED_OFF')!;
    const tools = await c.call('vcenter.vm.tools.get', { path: { vm: on.vm } });
    expect(tools.run_state).toBe('RUNNING');
    expect('error' in tools).toBe(false);
    expect((await c.call('vcenter.vm.tools.get', { path: { vm: off.vm } })).run_state).toBe('NOT_RUNNING');

    const identity = await c.call('vcenter.vm.guest.identity.get', { path: { vm: on.vm } });
    const vm = await c.call('vcenter.vm.get', { path: { vm: on.vm } });
    expect(identity.name).toBe(vm.guest_OS);
    expect(identity.family).toBe(vm.guest_OS.startsWith('WIN') ? 'WINDOWS' : 'LINUX');
    await expect(c.call('vcenter.vm.guest.identity.get', { path: { vm: off.vm } })).rejects.toMatchObject({
      kind: 'SERVICE_UNAVAILABLE',
    });
  });

  it("a clone keeps the source's hardware version and CD-ROMs; a device key the VM lacks is NOT_FOUND", async () => {
    const [source] = await c.call('vcenter.vm.list');
    const clone = await c.call('vcenter.vm.clone', { body: { source: source.vm, name: 'device-clone' } });
    const a = await c.call('vcenter.vm.get', { path: { vm: source.vm } });
    const b = await c.call('vcenter.vm.get', { path: { vm: clone } });
    expect(b.hardware).toEqual(a.hardware);
    expect(Object.keys(b.cdroms)).toEqual(Object.keys(a.cdroms));
    await expect(c.call('vcenter.vm.hardware.disk.get', { path: { vm: clone, disk: '9999' } })).rejects.toThrow(
      `Disk of virtual machine ${clone}: 9999 not found`,
    );
  });
});

describe('an unknown VM, without a version header (Ansible, govmomi)', () => {
  it("is 404 on every sub-resource over /api and /rest, answered with 7.0.3's spec", async () => {
    const session = (await login(mock, '8.0.2')).id!;
    for (const sub of SUB_RESOURCES) {
      for (const base of ['/api/vcenter/vm', '/rest/vcenter/vm']) {
        const res = await fetch(`${mock.url}${base}/vm-missing/${sub}`, { headers: { 'vmware-api-session-id': session } });
        expect([sub, base, res.status]).toEqual([sub, base, 404]);
        expect(res.headers.get('x-mock-release-answered')).toBe('7.0.3');
        expect(JSON.stringify(await res.json())).toContain('Virtual machine vm-missing not found');
      }
    }
  });

  it("GET /rest/vcenter/vm/{vm}/tools has no error field, as Ansible's vcenter_vm_tools_info reads it", async () => {
    const session = (await login(mock, '8.0.2')).id!;
    const [vm] = [...mock.inventory('8.0.2').vms.keys()];
    const res = await fetch(`${mock.url}/rest/vcenter/vm/${vm}/tools`, { headers: { 'vmware-api-session-id': session } });
    expect(res.status).toBe(200);
    const { value } = (await res.json()) as { value: Record<string, unknown> };
    expect(value).not.toHaveProperty('error');
    expect(value).toMatchObject({ version_status: 'CURRENT', upgrade_policy: 'MANUAL' });
  });
});
