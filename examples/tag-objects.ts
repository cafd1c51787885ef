/**
 * Tag a VM: create a tag category and a tag, attach the tag to a VM, list the VM's tags,
 * then clean up (detach, delete the tag and the category).
 *
 * Shows: create calls with typed bodies, `AlreadyExists` on re-runs (a previous run that
 * was interrupted left the category or tag behind: find it by name and reuse it),
 * `cis.tagging.tag_association.attach` with a dynamic object id, and cleanup in `finally`
 * that reports but does not mask the original error.
 *
 *   VCENTER_URL=https://vcenter.example VCENTER_USER=... VCENTER_PASSWORD=... \
 *     [VCENTER_VM=vm-42] [VCENTER_KEEP_TAGS=1] npx tsx examples/tag-objects.ts
 *
 * Without VCENTER_VM the first VM found is tagged. Needs a vCenter 7.0.3 or later.
 * Against the mock: `npm run mock`, VCENTER_URL=<its URL>.
 */
import { AlreadyExists, connect, NotFound, VsphereError } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { connection, reportError, setting } from './env.js';

const CATEGORY = 'sdk-example-category';
const TAG = 'sdk-example-tag';

try {
  await using client = await connect({ ...connection(), releases: [v703] });
  console.log(`connected: vSphere ${client.release}`);

  let vm = setting('VCENTER_VM');
  if (vm === undefined) {
    const [first] = await client.call('vcenter.vm.list');
    if (!first) throw new Error('no VM to tag: set VCENTER_VM');
    vm = first.vm;
  }
  const object = { type: 'VirtualMachine', id: vm };

  // Create, or reuse the one a previous run left behind.
  let categoryId: string;
  try {
    categoryId = await client.call('cis.tagging.category.create', {
      body: {
        name: CATEGORY,
        description: 'created by vcenter-sdk examples/tag-objects.ts',
        cardinality: 'MULTIPLE',
        associable_types: ['VirtualMachine'],
      },
    });
    console.log(`created category ${CATEGORY}: ${categoryId}`);
  } catch (e) {
    if (!(e instanceof AlreadyExists)) throw e;
    const found = await findCategory(CATEGORY);
    if (!found) throw e;
    categoryId = found;
    console.log(`category ${CATEGORY} already exists: ${categoryId}`);
  }

  let tagId: string | undefined;
  try {
    try {
      tagId = await client.call('cis.tagging.tag.create', {
        body: { name: TAG, description: 'created by vcenter-sdk examples/tag-objects.ts', category_id: categoryId },
      });
      console.log(`created tag ${TAG}: ${tagId}`);
    } catch (e) {
      if (!(e instanceof AlreadyExists)) throw e;
      tagId = await findTag(categoryId, TAG);
      if (!tagId) throw e;
      console.log(`tag ${TAG} already exists: ${tagId}`);
    }

    await client.call('cis.tagging.tag_association.attach', { path: { tag_id: tagId }, body: { object_id: object } });
    console.log(`attached tag ${tagId} to ${vm}`);

    const attached = await client.call('cis.tagging.tag_association.list_attached_tags', { body: { object_id: object } });
    console.log(`${vm} has ${attached.length} tag(s):`);
    for (const id of attached) {
      const tag = await client.call('cis.tagging.tag.get', { path: { tag_id: id } });
      console.log(`  ${id}  ${tag.name}  (category ${tag.category_id})`);
    }
  } finally {
    // Clean up even when something above failed; a cleanup failure is reported, not thrown,
    // so that the original error (if any) is the one that surfaces.
    if (setting('VCENTER_KEEP_TAGS')) console.log('VCENTER_KEEP_TAGS is set: leaving the tag and category');
    else {
      const step = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
        try {
          await fn();
          console.log(`cleanup: ${what}`);
        } catch (e) {
          if (e instanceof NotFound) return; // already gone
          if (e instanceof VsphereError) console.error(`cleanup: ${what} failed: ${e.kind} ${e.messages.join('; ')}`);
          else throw e;
        }
      };
      const tag = tagId;
      if (tag !== undefined) {
        await step(`detached ${tag} from ${vm}`, () =>
          client.call('cis.tagging.tag_association.detach', { path: { tag_id: tag }, body: { object_id: object } }),
        );
        await step(`deleted tag ${tag}`, () => client.call('cis.tagging.tag.delete', { path: { tag_id: tag } }));
      }
      await step(`deleted category ${categoryId}`, () => client.call('cis.tagging.category.delete', { path: { category_id: categoryId } }));
    }
  }

  async function findCategory(name: string): Promise<string | undefined> {
    for (const id of await client.call('cis.tagging.category.list')) {
      const c = await client.call('cis.tagging.category.get', { path: { category_id: id } });
      if (c.name === name) return id;
    }
    return undefined;
  }

  async function findTag(category: string, name: string): Promise<string | undefined> {
    for (const id of await client.call('cis.tagging.tag.list_tags_for_category', { body: { category_id: category } })) {
      const t = await client.call('cis.tagging.tag.get', { path: { tag_id: id } });
      if (t.name === name) return id;
    }
    return undefined;
  }
} catch (e) {
  reportError(e);
}
