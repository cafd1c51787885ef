// A consumer of the generated packages, type-checked with skipLibCheck off
// (test/typecheck/declarations.packaging.test.ts): every generated declaration file is checked.
import { createClient, type VsphereClient } from '@vcenter-sdk/runtime';
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

// Bodies the server refuses to go without (the spec leaves `required` off; codegen decides from
// the schema): a call without one does not compile, by name or by path. An unused
// `@ts-expect-error` is itself an error (TS2578), so each probe fails the check once it passes.
export async function bodies(client: VsphereClient<typeof v703>) {
  // @ts-expect-error the server answers 400 "name is required" to a category without a body
  await client.call('cis.tagging.category.create');
  // @ts-expect-error nor with options but no body
  await client.call('cis.tagging.category.create', { timeoutMs: 1000 });
  // @ts-expect-error the server answers 400 "source is required" to a clone without a body
  await client.call('vcenter.vm.clone');
  // @ts-expect-error the same through the path API
  await client.POST('/api/vcenter/vm?action=clone', {});
  // @ts-expect-error nor through the path API
  await client.POST('/api/cis/tagging/category', {});
  const category: string = await client.call('cis.tagging.category.create', {
    body: { name: 'env', description: 'where it runs', cardinality: 'SINGLE', associable_types: [] },
  });
  const vm: string = await client.call('vcenter.vm.clone', { body: { source: 'vm-1', name: 'copy' } });
  // An update whose schema requires no field keeps its body optional (report.json: body-optional).
  await client.call('cis.tagging.category.update', { path: { category_id: category } });
  return vm;
}
