/**
 * Batch tagging attaches and detaches what it says, with a true BatchResult (an unknown tag
 * is one error message, the others still attach), over `/api` (the SDK) and over `/rest`
 * the way govmomi calls it; and library find by name answers the library's id.
 */
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { describe, expect, it } from 'vitest';
import type { MockVcenter } from '@vcenter-sdk/mock';
import { login, mockForFile, restPoster, type LooseClient } from './helpers.js';

let mock: MockVcenter;
let c: LooseClient;
mockForFile(v703, (m, client) => {
  mock = m;
  c = client;
});

async function category(client: LooseClient, name: string): Promise<{ category: string; tags: [string, string] }> {
  const id = await client.call('cis.tagging.category.create', {
    body: { name, description: '', cardinality: 'MULTIPLE', associable_types: [] },
  });
  const tag = (t: string): Promise<string> =>
    client.call('cis.tagging.tag.create', { body: { name: t, description: '', category_id: id } });
  return { category: id, tags: [await tag('red'), await tag('green')] };
}

describe('batch tagging over /api (7.0.3)', () => {
  it('attach several tags to an object, then detach them: the VM carries them, then none', async () => {
    const { tags } = await category(c, 'batch-api');
    const [vm] = await c.call('vcenter.vm.list');
    const object_id = { type: 'VirtualMachine', id: vm.vm };
    const attached = await c.call('cis.tagging.tag_association.attach_multiple_tags_to_object', { body: { object_id, tag_ids: tags } });
    expect(attached).toEqual({ success: true, error_messages: [] });
    expect((await c.call('cis.tagging.tag_association.list_attached_tags', { body: { object_id } })).sort()).toEqual([...tags].sort());
    const detached = await c.call('cis.tagging.tag_association.detach_multiple_tags_from_object', { body: { object_id, tag_ids: tags } });
    expect(detached).toEqual({ success: true, error_messages: [] });
    expect(await c.call('cis.tagging.tag_association.list_attached_tags', { body: { object_id } })).toEqual([]);
  });

  it('an unknown tag or VM in a batch is one error message; the rest is done', async () => {
    const { tags } = await category(c, 'batch-partial');
    const vms: { vm: string }[] = await c.call('vcenter.vm.list');
    const object_id = { type: 'VirtualMachine', id: vms[0]!.vm };
    const missing = 'urn:vmomi:InventoryServiceTag:missing:GLOBAL';
    const r = await c.call('cis.tagging.tag_association.attach_multiple_tags_to_object', {
      body: { object_id, tag_ids: [tags[0], missing] },
    });
    expect(r.success).toBe(false);
    expect(r.error_messages).toEqual([expect.objectContaining({ default_message: `Tag ${missing} not found` })]);
    expect(await c.call('cis.tagging.tag_association.list_attached_tags', { body: { object_id } })).toContain(tags[0]);

    const objects = [...vms.slice(0, 2).map((v) => ({ type: 'VirtualMachine', id: v.vm })), { type: 'VirtualMachine', id: 'vm-missing' }];
    const many = await c.call('cis.tagging.tag_association.attach_tag_to_multiple_objects', {
      path: { tag_id: tags[1] },
      body: { object_ids: objects },
    });
    expect(many.success).toBe(false);
    expect(many.error_messages).toHaveLength(1);
    expect(await c.call('cis.tagging.tag_association.list_attached_objects', { path: { tag_id: tags[1] } })).toEqual(objects.slice(0, 2));
    const off = await c.call('cis.tagging.tag_association.detach_tag_from_multiple_objects', {
      path: { tag_id: tags[1] },
      body: { object_ids: objects.slice(0, 2) },
    });
    expect(off).toEqual({ success: true, error_messages: [] });
    expect(await c.call('cis.tagging.tag_association.list_attached_objects', { path: { tag_id: tags[1] } })).toEqual([]);
  });
});

describe('what can be attached, and who uses a tag (7.0.3 /api)', () => {
  it('list_attachable_tags leaves out tags on the object and the other tags of a single-cardinality category in use on it', async () => {
    const single = await c.call('cis.tagging.category.create', {
      body: { name: 'tier', description: '', cardinality: 'SINGLE', associable_types: ['VirtualMachine'] },
    });
    const [gold, silver] = [
      await c.call('cis.tagging.tag.create', { body: { name: 'gold', description: '', category_id: single } }),
      await c.call('cis.tagging.tag.create', { body: { name: 'silver', description: '', category_id: single } }),
    ];
    const [vm] = await c.call('vcenter.vm.list');
    const object_id = { type: 'VirtualMachine', id: vm.vm };
    expect(await c.call('cis.tagging.tag_association.list_attachable_tags', { body: { object_id } })).toEqual(
      expect.arrayContaining([gold, silver]),
    );
    await c.call('cis.tagging.tag_association.attach', { path: { tag_id: gold }, body: { object_id } });
    const after: string[] = await c.call('cis.tagging.tag_association.list_attachable_tags', { body: { object_id } });
    expect([after.includes(gold), after.includes(silver)]).toEqual([false, false]);
    const [host] = await c.call('vcenter.host.list');
    const onHost: string[] = await c.call('cis.tagging.tag_association.list_attachable_tags', {
      body: { object_id: { type: 'HostSystem', id: host.host } },
    });
    expect(onHost.includes(silver)).toBe(false);
  });

  it('add_to_used_by and remove_from_used_by change what tag get and list_used_tags answer', async () => {
    const { tags } = await category(c, 'used');
    await c.call('cis.tagging.tag.add_to_used_by', { path: { tag_id: tags[0] }, body: { used_by_entity: 'backup-job' } });
    expect((await c.call('cis.tagging.tag.get', { path: { tag_id: tags[0] } })).used_by).toEqual(['backup-job']);
    expect(await c.call('cis.tagging.tag.list_used_tags', { body: { used_by_entity: 'backup-job' } })).toEqual([tags[0]]);
    await c.call('cis.tagging.tag.remove_from_used_by', { path: { tag_id: tags[0] }, body: { used_by_entity: 'backup-job' } });
    expect(await c.call('cis.tagging.tag.list_used_tags', { body: { used_by_entity: 'backup-job' } })).toEqual([]);
  });
});

describe('over /rest as govmomi calls it (no version header: 8.0.2)', () => {
  it('attach a tag to several objects, then list them; library find by name answers the id of Library0', async () => {
    const session = (await login(mock, '8.0.2')).id!;
    const post = restPoster(mock, session);
    const cat = await post('/com/vmware/cis/tagging/category', {
      create_spec: { name: 'batch-rest', description: '', cardinality: 'MULTIPLE', associable_types: [] },
    });
    const tag = await post('/com/vmware/cis/tagging/tag', { create_spec: { name: 'blue', description: '', category_id: cat.value } });
    const objects = [...mock.inventory('8.0.2').vms.keys()].slice(0, 3).map((id) => ({ type: 'VirtualMachine', id }));
    const r = await post(`/com/vmware/cis/tagging/tag-association/id:${tag.value}?~action=attach-tag-to-multiple-objects`, {
      object_ids: objects,
    });
    expect({ status: r.status, value: r.value }).toEqual({ status: 200, value: { success: true, error_messages: [] } });
    const listed = await post(`/com/vmware/cis/tagging/tag-association/id:${tag.value}?~action=list-attached-objects`, {});
    expect(listed.value).toEqual(objects);

    const library = [...mock.inventory('8.0.2').libraries.values()][0]!;
    const found = await post('/com/vmware/content/library?~action=find', { spec: { name: library.name.toUpperCase() } });
    expect(found.value).toEqual([library.id]);
    expect((await post('/com/vmware/content/library?~action=find', { spec: { name: 'nothing' } })).value).toEqual([]);
  });
});
