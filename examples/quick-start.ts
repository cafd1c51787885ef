/**
 * Quick start: find out which release the server speaks, then list VMs and tag categories
 * through the typed named-operation API and the typed path API.
 *
 *   VCENTER_URL=https://vcenter.example VCENTER_USER=... VCENTER_PASSWORD=... npx tsx examples/quick-start.ts
 */
import { connect } from '@vcenter-sdk/runtime';
import v670 from '@vcenter-sdk/vsphere-6.7.0';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { connection } from './env.js';

await using client = await connect({ ...connection(), releases: [v670, v703] });
console.log(`connected: the server speaks vSphere ${client.release}`);

if (client.release === '7.0.3') {
  // Named operations: parameters, body and result typed from the 7.0.3 specification.
  const vms = await client.call('vcenter.vm.list', { query: { power_states: ['POWERED_ON'] } });
  console.log(`${vms.length} powered-on VM(s):`, vms.map((vm) => `${vm.name} (${vm.vm}, ${vm.cpu_count ?? '?'} vCPU)`).join(', '));

  // The typed path API, openapi-fetch style.
  const { data: categories } = await client.GET('/api/cis/tagging/category');
  console.log(`${categories?.length ?? 0} tag categor(ies)`);
} else {
  // A 6.7 server (or 7.0.0 to 7.0.2, served with 6.7.0's operations): the legacy /rest
  // endpoints, whose {"value": ...} wrapper is already gone.
  const vms = await client.call('rest.vcenter.vm.list');
  console.log(`${vms.length} VM(s):`, vms.map((vm) => vm.name).join(', '));
}
