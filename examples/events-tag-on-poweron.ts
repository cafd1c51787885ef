/**
 * A VEBA function: tag every VM that powers on.
 *
 * Listens for vCenter events as the VMware Event Broker Appliance delivers them (CloudEvents
 * over HTTP, binary or structured), and on each `VmPoweredOnEvent` reads the VM with
 * `vcenter.vm.get` and attaches the tag `powered-on` to it. The event's VM id goes straight
 * into the typed calls (`e.vm!.id`). An event about a VM that no longer exists (deleted
 * since, a NotFound) is logged and acknowledged, not failed: the event router would only
 * redeliver it, and it can never succeed.
 *
 *   VCENTER_URL=https://vcenter.example VCENTER_USER=... VCENTER_PASSWORD=... \
 *     [EVENTS_PORT=8080] [EVENTS_TAG_ID=urn:vmomi:InventoryServiceTag:...] npx tsx examples/events-tag-on-poweron.ts
 *
 * Without EVENTS_TAG_ID, the category `sdk-events` and its tag `powered-on` are created (or
 * reused). Ctrl-C stops it. Against the mock, aim the event at a VM the mock has (the
 * default seed's VMs are vm-12, vm-13, vm-19, vm-20; `vcenter-sdk call 7.0.3 vcenter.vm.list
 * --url <its URL>` lists them):
 *
 *   npx vcenter-sdk mock                       # prints its URL; log in as administrator@vsphere.local / mock-password
 *   VCENTER_URL=<its URL> VCENTER_USER=administrator@vsphere.local VCENTER_PASSWORD=mock-password \
 *     npx tsx examples/events-tag-on-poweron.ts
 *   npx vcenter-sdk events send VmPoweredOnEvent --to http://127.0.0.1:8080/ --vm vm-12 [--structured]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReceiver, nodeHandler } from '@vcenter-sdk/events';
import events from '@vcenter-sdk/events-data';
import { AlreadyExists, connect, NotFound } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { connection, reportError, setting } from './env.js';

const CATEGORY = 'sdk-events';
const TAG = 'powered-on';

try {
  const client = await connect({ ...connection(), releases: [v703] });
  console.log(`connected: vSphere ${client.release}`);

  async function createOrFind(
    create: () => Promise<string>,
    list: () => Promise<string[]>,
    nameOf: (id: string) => Promise<string>,
    name: string,
  ): Promise<string> {
    try {
      return await create();
    } catch (e) {
      if (!(e instanceof AlreadyExists)) throw e;
      for (const id of await list()) if ((await nameOf(id)) === name) return id;
      throw e;
    }
  }

  const tagId =
    setting('EVENTS_TAG_ID') ??
    (await (async () => {
      const category = await createOrFind(
        () =>
          client.call('cis.tagging.category.create', {
            body: {
              name: CATEGORY,
              description: 'vcenter-sdk examples/events-tag-on-poweron.ts',
              cardinality: 'MULTIPLE',
              associable_types: ['VirtualMachine'],
            },
          }),
        () => client.call('cis.tagging.category.list'),
        async (id) => (await client.call('cis.tagging.category.get', { path: { category_id: id } })).name,
        CATEGORY,
      );
      return createOrFind(
        () => client.call('cis.tagging.tag.create', { body: { name: TAG, description: 'the VM powered on', category_id: category } }),
        () => client.call('cis.tagging.tag.list_tags_for_category', { body: { category_id: category } }),
        async (id) => (await client.call('cis.tagging.tag.get', { path: { tag_id: id } })).name,
        TAG,
      );
    })());
  console.log(`tag ${TAG}: ${tagId}`);

  const receiver = createReceiver({
    events,
    hooks: {
      onError: (e) => reportError(e),
      onDecodeIssue: (i) => console.warn(`event ${i.operation}: ${i.path} ${i.message}`),
    },
  });
  receiver.on('VmPoweredOnEvent', async (e) => {
    if (!e.vm) return; // every VmEvent names its VM; be safe anyway
    let name: string;
    try {
      name = (await client.call('vcenter.vm.get', { path: { vm: e.vm.id } })).name;
    } catch (err) {
      // Anything else (vCenter down, no permission) fails the delivery, so the router retries it.
      if (!(err instanceof NotFound)) throw err;
      console.log(`skipped ${e.vm.id} (${e.vm.name}): the VM no longer exists (event ${e.data.Key} of ${e.data.CreatedTime})`);
      return;
    }
    await client.call('cis.tagging.tag_association.attach', {
      path: { tag_id: tagId },
      body: { object_id: { type: 'VirtualMachine', id: e.vm.id } },
    });
    console.log(`tagged ${name} (${e.vm.id}), powered on by ${e.data.UserName} at ${e.data.CreatedTime}`);
  });

  const server = createServer(nodeHandler(receiver));
  server.listen(Number(setting('EVENTS_PORT') ?? 8080), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  const stop = () => {
    console.log('stopping');
    server.close();
    server.closeAllConnections();
    void client.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  reportError(e);
}
