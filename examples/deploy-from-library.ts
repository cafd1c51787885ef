/**
 * Deploy a VM from an OVF template in a content library.
 *
 * Shows: finding a library item by name (`content.library.item.find`) or taking the first
 * item of the first library, choosing a resource pool, `vcenter.ovf.library_item.deploy`
 * (`POST /api/vcenter/ovf/library-item/{id}?action=deploy`) with its deployment spec and a
 * `client_token` (so that a retried request does not deploy twice), a longer per-call
 * timeout for a slow operation, and reading the deployment result, which reports a
 * failed deployment in the result (`succeeded: false` with OVF errors), not as an HTTP error.
 *
 *   VCENTER_URL=https://vcenter.example VCENTER_USER=... VCENTER_PASSWORD=... \
 *     [VCENTER_LIBRARY_ITEM=ubuntu-22.04] [VCENTER_RESOURCE_POOL=resgroup-9] [VCENTER_VM_NAME=from-ovf] \
 *     npx tsx examples/deploy-from-library.ts
 *
 * Needs a vCenter 7.0.3 or later. Against the mock: `npm run mock`, VCENTER_URL=<its URL>.
 */
import { randomUUID } from 'node:crypto';
import { connect, NotFound, RequestTimeout } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { connection, reportError, setting } from './env.js';

try {
  await using client = await connect({ ...connection(), releases: [v703] });
  console.log(`connected: vSphere ${client.release}`);

  // The library item: by name, or the first item of the first library.
  const wanted = setting('VCENTER_LIBRARY_ITEM');
  let itemId: string | undefined;
  if (wanted !== undefined) {
    [itemId] = await client.call('content.library.item.find', { body: { name: wanted, type: 'ovf' } });
    if (!itemId) throw new Error(`no OVF library item named '${wanted}'`);
  } else {
    for (const library of await client.call('content.library.list')) {
      [itemId] = await client.call('content.library.item.list', { query: { library_id: library } });
      if (itemId) break;
    }
    if (!itemId) throw new Error('no content library item found: set VCENTER_LIBRARY_ITEM');
  }
  const item = await client.call('content.library.item.get', { path: { library_item_id: itemId } });
  console.log(
    `library item ${itemId}: ${item.name ?? '?'} (type ${item.type ?? '?'}, ${item.size ?? '?'} bytes) in library ${item.library_id ?? '?'}`,
  );

  // Where to deploy: a resource pool (a cluster's or host's root pool will do).
  let pool = setting('VCENTER_RESOURCE_POOL');
  if (pool === undefined) {
    const [first] = await client.call('vcenter.resource_pool.list');
    if (!first) throw new Error('no resource pool found: set VCENTER_RESOURCE_POOL');
    pool = first.resource_pool;
  }

  const name = setting('VCENTER_VM_NAME') ?? `sdk-example-ovf-${Date.now()}`;
  console.log(`deploying ${item.name ?? itemId} as ${name} into resource pool ${pool}…`);
  const result = await client
    .call('vcenter.ovf.library_item.deploy', {
      path: { ovf_library_item_id: itemId },
      query: { client_token: randomUUID() },
      body: {
        target: { resource_pool_id: pool },
        deployment_spec: { name, accept_all_EULA: true, annotation: 'deployed by vcenter-sdk examples/deploy-from-library.ts' },
      },
      // A deployment copies disks: minutes, not seconds.
      timeoutMs: 30 * 60_000,
    })
    .catch((e: unknown) => {
      if (e instanceof NotFound)
        throw new Error(`library item ${itemId} or resource pool ${pool} not found: ${e.messages.join('; ')}`, { cause: e });
      if (e instanceof RequestTimeout)
        throw new Error(`no answer within 30 minutes; the deployment may still be running on the server`, { cause: e });
      throw e;
    });

  for (const w of result.error?.warnings ?? []) console.log(`  warning (${w.category}): ${w.message?.default_message ?? w.name ?? ''}`);
  if (result.succeeded) {
    console.log(`deployed: ${result.resource_id?.type ?? 'resource'} ${result.resource_id?.id ?? '?'}`);
  } else {
    console.error('deployment failed:');
    for (const err of result.error?.errors ?? []) console.error(`  ${err.category}: ${err.message?.default_message ?? err.name ?? ''}`);
    process.exitCode = 1;
  }
} catch (e) {
  reportError(e);
}
