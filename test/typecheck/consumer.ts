// A consumer of the generated packages, type-checked with skipLibCheck off
// (test/typecheck/declarations.packaging.test.ts): every generated declaration file is checked.
import { createClient } from '@vcenter-sdk/runtime';
import v670 from '@vcenter-sdk/vsphere-6.7.0';
import v700 from '@vcenter-sdk/vsphere-7.0.0';
import v701 from '@vcenter-sdk/vsphere-7.0.1';
import v702 from '@vcenter-sdk/vsphere-7.0.2';
import v703, { type Schemas } from '@vcenter-sdk/vsphere-7.0.3';

export const releases = [v670, v700, v701, v702, v703].map((r) => r.release);

export async function listVms(baseUrl: string): Promise<Schemas['VcenterVMSummary'][]> {
  await using client = createClient({ baseUrl, release: v703, auth: { username: 'u', password: 'p' } });
  return client.call('vcenter.vm.list', { query: { names: ['web-01'] } });
}
