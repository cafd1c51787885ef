/** Resource pools: list (every filter), get, create (`resgroup-N` under a parent pool), update, delete (children move up, as in vSphere). */
import { invalidArgument, MockFault } from '../errors.js';
import type { Allocation, Inventory, ResourcePool } from '../inventory/model.js';
import { find, listing, requireString, type HandlerContext, type HandlerTable } from './context.js';

const poolOf = (ctx: HandlerContext): ResourcePool => find(ctx.inventory.resourcePools, 'Resource pool', ctx.param('resource_pool'));

const LEVELS = ['LOW', 'NORMAL', 'HIGH', 'CUSTOM'];

/** A create/update spec's allocation with vSphere's defaults for what it leaves out; undefined when not given. */
function allocation(value: unknown, field: string, base?: Allocation): Allocation | undefined {
  if (value === undefined || value === null) return base;
  if (typeof value !== 'object') throw invalidArgument(`${field} must be an object`, field);
  const v = value as Partial<Allocation>;
  const shares = v.shares ?? base?.shares ?? { level: 'NORMAL' };
  if (!LEVELS.includes(shares.level)) throw invalidArgument(`${field}.shares.level must be one of ${LEVELS.join(', ')}`, field);
  if (shares.level === 'CUSTOM' && typeof shares.shares !== 'number')
    throw invalidArgument(`${field}.shares.shares is required with level CUSTOM`, field);
  return {
    reservation: v.reservation ?? base?.reservation ?? 0,
    expandable_reservation: v.expandable_reservation ?? base?.expandable_reservation ?? true,
    limit: v.limit ?? base?.limit ?? -1,
    shares: shares.level === 'CUSTOM' ? { level: 'CUSTOM', shares: shares.shares! } : { level: shares.level },
  };
}

function uniqueName(inv: Inventory, parent: string, name: string, self?: string): void {
  if ([...inv.resourcePools.values()].some((p) => p.parent === parent && p.name === name && p.id !== self))
    throw new MockFault(
      'ALREADY_EXISTS',
      'com.vmware.vcenter.resource_pool.duplicate_name',
      `Resource pool ${parent} already has a child named ${name}`,
      [name],
    );
}

export const poolHandlers: HandlerTable = {
  'vcenter.resource_pool.list': listing(
    (inv) => inv.resourcePools.values(),
    [
      ['resource_pools', (p) => p.id],
      ['names', (p) => p.name],
      ['parent_resource_pools', (p) => p.parent],
      ['datacenters', (p) => p.datacenter],
      ['hosts', (p, inv) => (inv.hosts.has(p.owner) ? p.owner : undefined)],
      ['clusters', (p, inv) => (inv.clusters.has(p.owner) ? p.owner : undefined)],
    ],
    (p) => ({ resource_pool: p.id, name: p.name }),
  ),
  'vcenter.resource_pool.get': (ctx) => {
    const p = poolOf(ctx);
    const children = [...ctx.inventory.resourcePools.values()].filter((c) => c.parent === p.id).map((c) => c.id);
    return {
      value: {
        name: p.name,
        resource_pools: children,
        ...(p.cpu ? { cpu_allocation: p.cpu } : {}),
        ...(p.memory ? { memory_allocation: p.memory } : {}),
      },
    };
  },
  'vcenter.resource_pool.create': (ctx) => {
    const spec = ctx.body('spec');
    const inv = ctx.inventory;
    const name = requireString(spec, 'name');
    const parent = find(inv.resourcePools, 'Resource pool', requireString(spec, 'parent'));
    uniqueName(inv, parent.id, name);
    const cpu = allocation(spec.cpu_allocation, 'cpu_allocation');
    const memory = allocation(spec.memory_allocation, 'memory_allocation');
    const id = inv.moref('resgroup-');
    inv.resourcePools.set(id, {
      id,
      name,
      datacenter: parent.datacenter,
      owner: parent.owner,
      parent: parent.id,
      ...(cpu ? { cpu } : {}),
      ...(memory ? { memory } : {}),
    });
    return { value: id };
  },
  'vcenter.resource_pool.update': (ctx) => {
    const p = poolOf(ctx);
    const spec = ctx.body('spec');
    if (typeof spec.name === 'string') {
      if (p.parent) uniqueName(ctx.inventory, p.parent, spec.name, p.id);
      p.name = spec.name;
    }
    const cpu = allocation(spec.cpu_allocation, 'cpu_allocation', p.cpu);
    const memory = allocation(spec.memory_allocation, 'memory_allocation', p.memory);
    if (cpu) p.cpu = cpu;
    if (memory) p.memory = memory;
  },
  'vcenter.resource_pool.delete': (ctx) => {
    const p = poolOf(ctx);
    const inv = ctx.inventory;
    if (!p.parent)
      throw new MockFault(
        'UNSUPPORTED',
        'com.vmware.vcenter.resource_pool.root',
        `Resource pool ${p.id} is the root pool of ${p.owner}: it cannot be deleted`,
        [p.id],
      );
    for (const vm of inv.vms.values()) if (vm.resourcePool === p.id) vm.resourcePool = p.parent;
    for (const child of inv.resourcePools.values()) if (child.parent === p.id) child.parent = p.parent;
    inv.resourcePools.delete(p.id);
  },
};
