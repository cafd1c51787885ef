/**
 * The second half of the conformance walk (scenario.ts is the first): resource pools, VM
 * sub-resources, OVF capture, batch tagging, library find and update sessions, in each style
 * a release has, with calls that must fail, so that their answers get validated too.
 */
import type { AnyDescriptor } from '@vcenter-sdk/runtime';
import { expect } from 'vitest';
import type { LooseClient } from './helpers.js';

type Init = { path?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };

export interface Walk {
  style: 'api' | 'rest';
  has(base: string): boolean;
  call(base: string, init?: Init): Promise<any>;
  fails(kind: string, base: string, init?: Init): Promise<void>;
  /** `v` on `/api`, `{ [key]: v }` on `/rest`. */
  wrap(key: string, v: unknown): unknown;
  /** A list filter's query name: `names` on `/api`, `filter.names` on `/rest`. */
  filter(k: string): string;
  /** Whether the operation takes a body (6.7.0's `/rest` repeats path ids in one). */
  takesBody(base: string): boolean;
}

export function walks(c: LooseClient, d: AnyDescriptor): Walk[] {
  const names = new Set(d.operations.map((o) => o.name));
  const withBody = new Set(d.operations.filter((o) => o.body !== undefined).map((o) => o.name));
  return (['api', 'rest'] as const)
    .filter((style) => [...names].some((name) => (style === 'rest') === name.startsWith('rest.')))
    .map((style) => {
      const n = (base: string): string => (style === 'api' ? base : `rest.${base}`);
      const has = (base: string): boolean => names.has(n(base));
      return {
        style,
        has,
        call: async (base, init) => (has(base) ? c.call(n(base), init) : undefined),
        fails: async (kind, base, init) => {
          if (!has(base)) return;
          await expect(c.call(n(base), init), `${n(base)} should fail with ${kind}`).rejects.toMatchObject({ kind });
        },
        wrap: (key, v) => (style === 'api' ? v : { [key]: v }),
        filter: (k) => (style === 'api' ? k : `filter.${k}`),
        takesBody: (base) => withBody.has(n(base)),
      };
    });
}

export async function runModelScenario(c: LooseClient, d: AnyDescriptor): Promise<void> {
  for (const w of walks(c, d)) {
    await pools(w);
    await devices(w);
    await ovfCapture(w);
    await uploads(w);
    await batchTagging(w);
    await libraryFind(w);
  }
}

/** Two tags attached to a VM at once (and one unknown tag, reported), detached at once; one tag on two VMs and off again. */
async function batchTagging(w: Walk): Promise<void> {
  const { call, wrap, has } = w;
  if (!has('cis.tagging.category.create')) return;
  const vms: { vm: string }[] = (await call('vcenter.vm.list')) ?? [];
  const objects = vms.length ? vms.slice(0, 2).map((v) => ({ type: 'VirtualMachine', id: v.vm })) : [{ type: 'Folder', id: 'group-d1' }];
  const category = await call('cis.tagging.category.create', {
    body: wrap('create_spec', { name: `batch-${w.style}`, description: '', cardinality: 'MULTIPLE', associable_types: [] }),
  });
  const tag = async (name: string) =>
    call('cis.tagging.tag.create', { body: wrap('create_spec', { name, description: '', category_id: category }) });
  const [a, b] = [await tag('a'), await tag('b')];
  const object_id = objects[0];
  const missing = 'urn:vmomi:InventoryServiceTag:missing:GLOBAL';
  const attachable: string[] | undefined = await call('cis.tagging.tag_association.list_attachable_tags', { body: { object_id } });
  if (attachable) expect(attachable).toEqual(expect.arrayContaining([a, b]));
  const used = { used_by_entity: `user-${w.style}` };
  await call('cis.tagging.tag.add_to_used_by', { path: { tag_id: a }, body: used });
  await call('cis.tagging.category.add_to_used_by', { path: { category_id: category }, body: used });
  const usedTags = await call('cis.tagging.tag.list_used_tags', { body: used });
  if (usedTags) expect(usedTags).toEqual([a]);
  await call('cis.tagging.category.list_used_categories', { body: used });
  await call('cis.tagging.tag.remove_from_used_by', { path: { tag_id: a }, body: used });
  await call('cis.tagging.category.remove_from_used_by', { path: { category_id: category }, body: used });
  const partly = await call('cis.tagging.tag_association.attach_multiple_tags_to_object', {
    body: { object_id, tag_ids: [a, b, missing] },
  });
  if (partly) expect(partly.success).toBe(false);
  await call('cis.tagging.tag_association.detach_multiple_tags_from_object', { body: { object_id, tag_ids: [a, b] } });
  await call('cis.tagging.tag_association.attach_tag_to_multiple_objects', { path: { tag_id: a }, body: { object_ids: objects } });
  await call('cis.tagging.tag_association.detach_tag_from_multiple_objects', { path: { tag_id: a }, body: { object_ids: objects } });
  await call('cis.tagging.category.delete', { path: { category_id: category } });
}

async function libraryFind(w: Walk): Promise<void> {
  await w.call('content.library.find', { body: w.wrap('spec', { name: 'library0' }) });
  await w.call('content.library.find', { body: w.wrap('spec', { name: 'no such library', type: 'LOCAL' }) });
}

/** An update session on the first library item: add two files, upload one, remove the other, complete; then end three more sessions. */
async function uploads(w: Walk): Promise<void> {
  const { call, fails, wrap, has } = w;
  if (!has('content.library.item.update_session.create')) return;
  const rest = w.style === 'rest';
  const [library] = (await call('content.library.list')) ?? [];
  if (!library) return;
  const [item] = await call('content.library.item.list', { query: { library_id: library } });
  const create = () => call('content.library.item.update_session.create', { body: wrap('create_spec', { library_item_id: item }) });
  const file = (op: string) => (rest ? `content.library.item.updatesession.file.${op}` : `content.library.item.update_session.file.${op}`);
  const session = await create();
  const path = { update_session_id: session };
  // 6.7.0's /rest bodies repeat the session id.
  const ends = (op: string, body: Record<string, unknown> = {}) =>
    w.takesBody(`content.library.item.update_session.${op}`) ? { body: rest ? { ...path, ...body } : body } : {};
  await call('content.library.item.update_session.list');
  await call('content.library.item.update_session.get', { path });
  await fails('NOT_FOUND', 'content.library.item.update_session.get', { path: { update_session_id: 'no-such-session' } });
  const added = await call(file('add'), {
    path,
    body: rest
      ? { ...path, file_spec: { name: `notes-${w.style}.txt`, source_type: 'PUSH' } }
      : { name: `notes-${w.style}.txt`, source_type: 'PUSH' },
  });
  await call(file('add'), {
    path,
    body: rest ? { ...path, file_spec: { name: 'dropped.txt', source_type: 'PUSH' } } : { name: 'dropped.txt', source_type: 'PUSH' },
  });
  const validate = () => call(file('validate'), w.takesBody(file('validate')) ? { path, body: rest ? path : {} } : { path });
  const before = await validate();
  if (before) expect(before.has_errors).toBe(true);
  const put = await fetch(added.upload_endpoint.uri, { method: 'PUT', body: `uploaded over ${w.style}` });
  expect(put.status).toBe(200);
  await call(file('list'), rest ? { query: { update_session_id: session } } : { path });
  await call(file('get'), rest ? { path, body: { ...path, file_name: added.name } } : { path: { ...path, file_name: added.name } });
  await call(
    file('remove'),
    rest ? { path, body: { ...path, file_name: 'dropped.txt' } } : { path: { ...path, file_name: 'dropped.txt' } },
  );
  const after = await validate();
  if (after) expect(after.has_errors).toBe(false);
  await call('content.library.item.update_session.keep_alive', { path, ...ends('keep_alive', { client_progress: 50 }) });
  await call('content.library.item.update_session.complete', { path, ...ends('complete') });
  await fails('NOT_ALLOWED_IN_CURRENT_STATE', 'content.library.item.update_session.complete', { path, ...ends('complete') });
  await call('content.library.item.file.list', rest ? { query: { library_item_id: item } } : { path: { library_item_id: item } });
  await call(
    'content.library.item.file.get',
    rest
      ? { path: { library_item_id: item }, body: { name: added.name } }
      : { path: { library_item_id: item }, query: { name: added.name } },
  );
  for (const [op, body] of [
    ['cancel', {}],
    ['fail', { client_error_message: 'disk full' }],
  ] as const) {
    const other = await create();
    const at = { update_session_id: other };
    const b = w.takesBody(`content.library.item.update_session.${op}`) ? { body: rest ? { ...at, ...body } : body } : {};
    await call(`content.library.item.update_session.${op}`, { path: at, ...b });
    await call('content.library.item.update_session.get', { path: { update_session_id: other } });
  }
  await call('content.library.item.update_session.delete', { path });
}

/** A pool under a cluster's root pool: created, found by its parent, renamed, deleted; the root pool cannot go. */
async function pools(w: Walk): Promise<void> {
  const { call, fails, wrap, filter } = w;
  if (!w.has('vcenter.resource_pool.create')) return;
  const [root] = await call('vcenter.resource_pool.list', { query: { [filter('names')]: ['Resources'] } });
  const spec = {
    name: `rp-${w.style}`,
    parent: root.resource_pool,
    cpu_allocation: { reservation: 500, expandable_reservation: false, limit: 2000, shares: { level: 'HIGH' } },
  };
  const id = await call('vcenter.resource_pool.create', { body: wrap('spec', spec) });
  await fails('ALREADY_EXISTS', 'vcenter.resource_pool.create', { body: wrap('spec', spec) });
  await fails('NOT_FOUND', 'vcenter.resource_pool.create', { body: wrap('spec', { ...spec, parent: 'resgroup-999' }) });
  await call('vcenter.resource_pool.get', { path: { resource_pool: id } });
  await call('vcenter.resource_pool.list', { query: { [filter('parent_resource_pools')]: [root.resource_pool] } });
  await call('vcenter.resource_pool.update', { path: { resource_pool: id }, body: wrap('spec', { name: `rp-${w.style}-renamed` }) });
  await call('vcenter.resource_pool.delete', { path: { resource_pool: id } });
  await fails('NOT_FOUND', 'vcenter.resource_pool.get', { path: { resource_pool: id } });
  await fails('UNSUPPORTED', 'vcenter.resource_pool.delete', { path: { resource_pool: root.resource_pool } });
}

/** A VM captured into the library, deployed back, captured again over the same item. */
async function ovfCapture(w: Walk): Promise<void> {
  const { call, fails } = w;
  if (!w.has('vcenter.ovf.library_item.create')) return;
  const [vm] = await call('vcenter.vm.list');
  const [library] = await call('content.library.list');
  const capture = (target: Record<string, string>, id = vm.vm) => ({
    body: { source: { type: 'VirtualMachine', id }, target, create_spec: { name: `captured-${w.style}`, description: 'captured' } },
  });
  const made = await call('vcenter.ovf.library_item.create', capture({ library_id: library }));
  await fails('NOT_FOUND', 'vcenter.ovf.library_item.create', capture({ library_id: library }, 'vm-missing'));
  await fails('NOT_ALLOWED_IN_CURRENT_STATE', 'vcenter.ovf.library_item.create', capture({ library_id: library }));
  await call('vcenter.ovf.library_item.create', capture({ library_item_id: made.ovf_library_item_id }));
  const [pool] = await call('vcenter.resource_pool.list');
  await call('vcenter.ovf.library_item.deploy', {
    path: { ovf_library_item_id: made.ovf_library_item_id },
    body: { target: { resource_pool_id: pool.resource_pool }, deployment_spec: { name: `from-capture-${w.style}`, accept_all_EULA: true } },
  });
}

const READS = [
  'vcenter.vm.hardware.get',
  'vcenter.vm.hardware.boot.get',
  'vcenter.vm.hardware.boot.device.get',
  'vcenter.vm.hardware.cpu.get',
  'vcenter.vm.hardware.memory.get',
  'vcenter.vm.hardware.disk.list',
  'vcenter.vm.hardware.ethernet.list',
  'vcenter.vm.hardware.cdrom.list',
  'vcenter.vm.tools.get',
  'vcenter.vm.guest.identity.get',
];

/** Every hardware read of a powered-on VM, each device by its key, and NOT_FOUND for an unknown VM or device. */
async function devices(w: Walk): Promise<void> {
  const { call, fails, filter } = w;
  const [on] = (await call('vcenter.vm.list', { query: { [filter('power_states')]: ['POWERED_ON'] } })) ?? [];
  const [off] = (await call('vcenter.vm.list', { query: { [filter('power_states')]: ['POWERED_OFF'] } })) ?? [];
  if (!on) return;
  const path = { vm: on.vm };
  for (const op of READS) {
    await call(op, { path });
    await fails('NOT_FOUND', op, { path: { vm: 'vm-missing' } });
  }
  for (const [kind, key] of [
    ['disk', 'disk'],
    ['ethernet', 'nic'],
    ['cdrom', 'cdrom'],
  ] as const) {
    const listed: Record<string, string>[] = (await call(`vcenter.vm.hardware.${kind}.list`, { path })) ?? [];
    for (const d of listed) await call(`vcenter.vm.hardware.${kind}.get`, { path: { ...path, [key]: d[key]! } });
    await fails('NOT_FOUND', `vcenter.vm.hardware.${kind}.get`, { path: { ...path, [key]: '9999' } });
  }
  if (off) {
    await call('vcenter.vm.tools.get', { path: { vm: off.vm } });
    await fails('SERVICE_UNAVAILABLE', 'vcenter.vm.guest.identity.get', { path: { vm: off.vm } });
  }
}
