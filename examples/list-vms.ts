/**
 * List VMs with a filter, then show one VM's details.
 *
 * Shows: `connect` detecting which of the given releases the server speaks (6.7.0's legacy
 * `/rest` API or 7.0.3's `/api`), narrowing the client on `client.release`, filtered list
 * calls with typed query parameters, and `NotFound` for a VM that is gone.
 *
 *   VCENTER_URL=https://vcenter.example VCENTER_USER=... VCENTER_PASSWORD=... \
 *     [VCENTER_VM_NAME=web-01] [VCENTER_POWER_STATE=POWERED_ON] npx tsx examples/list-vms.ts
 *
 * Against the mock: `npm run mock`, then the same with VCENTER_URL=<the URL it prints>.
 */
import { connect, NotFound } from '@vcenter-sdk/runtime';
import v670 from '@vcenter-sdk/vsphere-6.7.0';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { connection, reportError, setting } from './env.js';

const POWER_STATES = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'] as const;
type PowerState = (typeof POWER_STATES)[number];

function powerStateFilter(): PowerState[] {
  const asked = setting('VCENTER_POWER_STATE');
  if (asked === undefined) return [];
  const found = POWER_STATES.find((s) => s === asked.toUpperCase());
  if (!found) throw new Error(`VCENTER_POWER_STATE must be one of ${POWER_STATES.join(', ')}`);
  return [found];
}

try {
  const names = setting('VCENTER_VM_NAME') ? [setting('VCENTER_VM_NAME')!] : [];
  const powerStates = powerStateFilter();

  await using client = await connect({ ...connection(), releases: [v670, v703] });
  console.log(`connected: vSphere ${client.release}`);

  if (client.release === '7.0.3') {
    // /api: filters are plain query parameters; an empty list means "any".
    const vms = await client.call('vcenter.vm.list', { query: { names, power_states: powerStates } });
    console.log(`${vms.length} VM(s) match:`);
    for (const vm of vms)
      console.log(`  ${vm.vm}  ${vm.name}  ${vm.power_state}  ${vm.cpu_count ?? '?'} vCPU  ${vm.memory_size_MiB ?? '?'} MiB`);

    const first = vms[0];
    if (first) {
      try {
        const info = await client.call('vcenter.vm.get', { path: { vm: first.vm } });
        console.log(`details of ${first.vm}: name ${info.name}, guest OS ${info.guest_OS}, power ${info.power_state}`);
        console.log(
          `  hardware version ${info.hardware.version}, ${info.cpu.count} vCPU, ${info.memory.size_MiB} MiB, ${Object.keys(info.disks).length} disk(s), ${Object.keys(info.nics).length} NIC(s)`,
        );
      } catch (e) {
        // Deleted between the list and the get: not an error for a listing.
        if (e instanceof NotFound) console.log(`${first.vm} is gone`);
        else throw e;
      }
    }
  } else {
    // /rest (6.7): the same filters under `filter.`; the {"value": ...} wrapper is already gone.
    const vms = await client.call('rest.vcenter.vm.list', { query: { 'filter.names': names, 'filter.power_states': powerStates } });
    console.log(`${vms.length} VM(s) match:`);
    for (const vm of vms) console.log(`  ${vm.vm}  ${vm.name}  ${vm.power_state}`);
    const first = vms[0];
    if (first) {
      try {
        const info = await client.call('rest.vcenter.vm.get', { path: { vm: first.vm } });
        console.log(`details of ${first.vm}: name ${info.name}, guest OS ${info.guest_OS}, power ${info.power_state}`);
      } catch (e) {
        if (e instanceof NotFound) console.log(`${first.vm} is gone`);
        else throw e;
      }
    }
  }
} catch (e) {
  reportError(e);
}
