/** Tagging: categories, tags and their attachment to inventory objects. */
import { invalidArgument, message, MockFault, notFound } from '../errors.js';
import type { Category, Inventory, ObjectId, Tag } from '../inventory/model.js';
import { checkEnum, find, requireString, type HandlerContext, type HandlerTable } from './context.js';

/** Object types the inventory holds, and where: an attach to an unknown id of these is NOT_FOUND. */
const OBJECT_KINDS: Readonly<Record<string, (inv: Inventory) => ReadonlyMap<string, unknown>>> = {
  VirtualMachine: (inv) => inv.vms,
  HostSystem: (inv) => inv.hosts,
  ClusterComputeResource: (inv) => inv.clusters,
  Datacenter: (inv) => inv.datacenters,
  Datastore: (inv) => inv.datastores,
  Folder: (inv) => inv.folders,
  ResourcePool: (inv) => inv.resourcePools,
  Network: (inv) => inv.networks,
};

/** A path parameter on `/rest` (`id:{category_id}`) is a body field on `/api`. */
function arg(ctx: HandlerContext, name: string): unknown {
  return ctx.op.parameters.some((p) => p.in === 'path' && p.name === name) ? ctx.param(name) : ctx.body()[name];
}

function objectId(value: unknown, field = 'object_id'): ObjectId {
  const o = value as Partial<ObjectId> | undefined;
  if (!o || typeof o.type !== 'string' || typeof o.id !== 'string') throw invalidArgument(`${field} must be {type, id}`, field);
  return { type: o.type, id: o.id };
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalidArgument(`${field} must be a list of ids`, field);
  return value;
}

const categoryOf = (ctx: HandlerContext, id: string): Category => find(ctx.inventory.categories, 'Category', id);
const tagOf = (ctx: HandlerContext, id: string): Tag => find(ctx.inventory.tags, 'Tag', id);

function checkName(
  _ctx: HandlerContext,
  kind: 'Category' | 'Tag',
  name: string,
  others: Iterable<{ id: string; name: string }>,
  self?: string,
): void {
  if (name.trim() === '') throw invalidArgument(`${kind} name must not be empty`, 'name');
  for (const o of others) {
    if (o.id !== self && o.name.toLowerCase() === name.toLowerCase()) {
      throw new MockFault(
        'ALREADY_EXISTS',
        `com.vmware.cis.tagging.${kind.toLowerCase()}.alreadyExists`,
        `${kind} with name ${name} already exists`,
        [name],
      );
    }
  }
}

function attach(ctx: HandlerContext, tag: Tag, object: ObjectId): void {
  const inv = ctx.inventory;
  const kind = OBJECT_KINDS[object.type];
  if (kind && !kind(inv).has(object.id)) throw notFound(object.type, object.id);
  const category = inv.categories.get(tag.category_id);
  if (category && category.associable_types.length > 0 && !category.associable_types.includes(object.type)) {
    throw invalidArgument(
      `Tag ${tag.name} cannot be attached to a ${object.type} (category ${category.name} allows ${category.associable_types.join(', ')})`,
      'object_id',
    );
  }
  const attached = inv.associations.get(tag.id) ?? [];
  if (attached.some((o) => o.id === object.id && o.type === object.type)) return;
  if (category?.cardinality === 'SINGLE') {
    for (const other of inv.tags.values()) {
      if (other.category_id === category.id && other.id !== tag.id && inv.associations.get(other.id)?.some((o) => o.id === object.id)) {
        throw invalidArgument(
          `${object.type} ${object.id} already has tag ${other.name} of single-cardinality category ${category.name}`,
          'object_id',
        );
      }
    }
  }
  inv.associations.set(tag.id, [...attached, object]);
}

function detach(ctx: HandlerContext, tag: Tag, object: ObjectId): void {
  const list = ctx.inventory.associations.get(tag.id) ?? [];
  ctx.inventory.associations.set(
    tag.id,
    list.filter((o) => !(o.id === object.id && o.type === object.type)),
  );
}

/** Each step of a batch, its failures as messages: what attached or detached stays so, as in vCenter. */
function batch(steps: (() => void)[]) {
  const error_messages = steps.flatMap((step) => {
    try {
      step();
      return [];
    } catch (e) {
      if (!(e instanceof MockFault)) throw e;
      return [message(e.id, e.message, e.args)];
    }
  });
  return { value: { success: error_messages.length === 0, error_messages } };
}

const objectList = (ctx: HandlerContext): ObjectId[] => {
  const ids = ctx.body().object_ids;
  if (!Array.isArray(ids)) throw invalidArgument('object_ids must be a list of {type, id}', 'object_ids');
  return ids.map((o) => objectId(o, 'object_ids'));
};

const same = (a: ObjectId) => (b: ObjectId) => a.id === b.id && a.type === b.type;

/** Whether `attach` would add the tag: not on the object yet, a type its category takes, its single-cardinality category not used on it. */
function attachable(inv: Inventory, tag: Tag, object: ObjectId): boolean {
  const category = inv.categories.get(tag.category_id);
  if (inv.associations.get(tag.id)?.some(same(object))) return false;
  if (category && category.associable_types.length > 0 && !category.associable_types.includes(object.type)) return false;
  return !(
    category?.cardinality === 'SINGLE' &&
    [...inv.tags.values()].some((o) => o.category_id === category.id && inv.associations.get(o.id)?.some(same(object)))
  );
}

/** `used_by` of a category or tag: add or remove an entity (a set, as in vCenter). */
const usedBy = (of: (ctx: HandlerContext) => Category | Tag, add: boolean) => (ctx: HandlerContext) => {
  const target = of(ctx);
  const entity = requireString(ctx.body(), 'used_by_entity');
  target.used_by = target.used_by.filter((e) => e !== entity);
  if (add) target.used_by.push(entity);
};

const usedList = (items: (ctx: HandlerContext) => Iterable<Category | Tag>) => (ctx: HandlerContext) => {
  const entity = requireString(ctx.body(), 'used_by_entity');
  return { value: [...items(ctx)].filter((i) => i.used_by.includes(entity)).map((i) => i.id) };
};

const tagsOn = (inv: Inventory, object: ObjectId): string[] =>
  [...inv.associations.entries()]
    .filter(([, objects]) => objects.some((o) => o.id === object.id && o.type === object.type))
    .map(([tag]) => tag);

export const taggingHandlers: HandlerTable = {
  'cis.tagging.category.list': (ctx) => ({ value: [...ctx.inventory.categories.keys()] }),
  'cis.tagging.category.get': (ctx) => ({ value: categoryOf(ctx, ctx.param('category_id')) }),
  'cis.tagging.category.create': (ctx) => {
    const spec = ctx.body('create_spec');
    const name = requireString(spec, 'name');
    checkName(ctx, 'Category', name, ctx.inventory.categories.values());
    const cardinality = requireString(spec, 'cardinality');
    checkEnum('cardinality', [cardinality], ['SINGLE', 'MULTIPLE']);
    const id = typeof spec.category_id === 'string' ? spec.category_id : `urn:vmomi:InventoryServiceCategory:${ctx.random.uuid()}:GLOBAL`;
    ctx.inventory.categories.set(id, {
      id,
      name,
      description: typeof spec.description === 'string' ? spec.description : '',
      cardinality: cardinality as Category['cardinality'],
      associable_types: Array.isArray(spec.associable_types) ? stringList(spec.associable_types, 'associable_types') : [],
      used_by: [],
    });
    return { value: id };
  },
  'cis.tagging.category.update': (ctx) => {
    const c = categoryOf(ctx, ctx.param('category_id'));
    const spec = ctx.body('update_spec');
    if (typeof spec.name === 'string') checkName(ctx, 'Category', spec.name, ctx.inventory.categories.values(), c.id);
    if (spec.cardinality !== undefined && spec.cardinality !== null)
      checkEnum('cardinality', [String(spec.cardinality)], ['SINGLE', 'MULTIPLE']);
    if (typeof spec.name === 'string') c.name = spec.name;
    if (typeof spec.description === 'string') c.description = spec.description;
    if (spec.cardinality === 'SINGLE' || spec.cardinality === 'MULTIPLE') c.cardinality = spec.cardinality;
    if (Array.isArray(spec.associable_types)) c.associable_types = stringList(spec.associable_types, 'associable_types');
  },
  'cis.tagging.category.delete': (ctx) => {
    const c = categoryOf(ctx, ctx.param('category_id'));
    for (const t of [...ctx.inventory.tags.values()]) {
      if (t.category_id === c.id) {
        ctx.inventory.tags.delete(t.id);
        ctx.inventory.associations.delete(t.id);
      }
    }
    ctx.inventory.categories.delete(c.id);
  },

  'cis.tagging.tag.list': (ctx) => ({ value: [...ctx.inventory.tags.keys()] }),
  'cis.tagging.tag.get': (ctx) => ({ value: tagOf(ctx, ctx.param('tag_id')) }),
  'cis.tagging.tag.list_tags_for_category': (ctx) => {
    const category = categoryOf(ctx, String(arg(ctx, 'category_id') ?? ''));
    return { value: [...ctx.inventory.tags.values()].filter((t) => t.category_id === category.id).map((t) => t.id) };
  },
  'cis.tagging.tag.create': (ctx) => {
    const spec = ctx.body('create_spec');
    const name = requireString(spec, 'name');
    const category = categoryOf(ctx, requireString(spec, 'category_id'));
    checkName(
      ctx,
      'Tag',
      name,
      [...ctx.inventory.tags.values()].filter((t) => t.category_id === category.id),
    );
    const id = typeof spec.tag_id === 'string' ? spec.tag_id : `urn:vmomi:InventoryServiceTag:${ctx.random.uuid()}:GLOBAL`;
    ctx.inventory.tags.set(id, {
      id,
      category_id: category.id,
      name,
      description: typeof spec.description === 'string' ? spec.description : '',
      used_by: [],
    });
    return { value: id };
  },
  'cis.tagging.tag.update': (ctx) => {
    const t = tagOf(ctx, ctx.param('tag_id'));
    const spec = ctx.body('update_spec');
    if (typeof spec.name === 'string') {
      checkName(
        ctx,
        'Tag',
        spec.name,
        [...ctx.inventory.tags.values()].filter((o) => o.category_id === t.category_id),
        t.id,
      );
      t.name = spec.name;
    }
    if (typeof spec.description === 'string') t.description = spec.description;
  },
  'cis.tagging.tag.delete': (ctx) => {
    const t = tagOf(ctx, ctx.param('tag_id'));
    ctx.inventory.tags.delete(t.id);
    ctx.inventory.associations.delete(t.id);
  },

  'cis.tagging.tag_association.attach': (ctx) => attach(ctx, tagOf(ctx, ctx.param('tag_id')), objectId(ctx.body().object_id)),
  'cis.tagging.tag_association.detach': (ctx) => detach(ctx, tagOf(ctx, ctx.param('tag_id')), objectId(ctx.body().object_id)),
  'cis.tagging.tag_association.attach_multiple_tags_to_object': (ctx) => {
    const object = objectId(ctx.body().object_id);
    return batch(stringList(ctx.body().tag_ids, 'tag_ids').map((id) => () => attach(ctx, tagOf(ctx, id), object)));
  },
  'cis.tagging.tag_association.detach_multiple_tags_from_object': (ctx) => {
    const object = objectId(ctx.body().object_id);
    return batch(stringList(ctx.body().tag_ids, 'tag_ids').map((id) => () => detach(ctx, tagOf(ctx, id), object)));
  },
  'cis.tagging.tag_association.attach_tag_to_multiple_objects': (ctx) => {
    const tag = tagOf(ctx, ctx.param('tag_id'));
    return batch(objectList(ctx).map((object) => () => attach(ctx, tag, object)));
  },
  'cis.tagging.tag_association.detach_tag_from_multiple_objects': (ctx) => {
    const tag = tagOf(ctx, ctx.param('tag_id'));
    return batch(objectList(ctx).map((object) => () => detach(ctx, tag, object)));
  },
  'cis.tagging.tag_association.list_attachable_tags': (ctx) => {
    const object = objectId(ctx.body().object_id);
    const kind = OBJECT_KINDS[object.type];
    if (kind && !kind(ctx.inventory).has(object.id)) throw notFound(object.type, object.id);
    return { value: [...ctx.inventory.tags.values()].filter((t) => attachable(ctx.inventory, t, object)).map((t) => t.id) };
  },
  'cis.tagging.category.add_to_used_by': usedBy((ctx) => categoryOf(ctx, ctx.param('category_id')), true),
  'cis.tagging.category.remove_from_used_by': usedBy((ctx) => categoryOf(ctx, ctx.param('category_id')), false),
  'cis.tagging.category.list_used_categories': usedList((ctx) => ctx.inventory.categories.values()),
  'cis.tagging.tag.add_to_used_by': usedBy((ctx) => tagOf(ctx, ctx.param('tag_id')), true),
  'cis.tagging.tag.remove_from_used_by': usedBy((ctx) => tagOf(ctx, ctx.param('tag_id')), false),
  'cis.tagging.tag.list_used_tags': usedList((ctx) => ctx.inventory.tags.values()),
  'cis.tagging.tag_association.list_attached_objects': (ctx) => ({
    value: [...(ctx.inventory.associations.get(tagOf(ctx, ctx.param('tag_id')).id) ?? [])],
  }),
  'cis.tagging.tag_association.list_attached_tags': (ctx) => ({ value: tagsOn(ctx.inventory, objectId(ctx.body().object_id)) }),
  'cis.tagging.tag_association.list_attached_tags_on_objects': (ctx) => {
    const objects = (Array.isArray(ctx.body().object_ids) ? (ctx.body().object_ids as unknown[]) : []).map((o) =>
      objectId(o, 'object_ids'),
    );
    return { value: objects.map((object_id) => ({ object_id, tag_ids: tagsOn(ctx.inventory, object_id) })) };
  },
  'cis.tagging.tag_association.list_attached_objects_on_tags': (ctx) => {
    const tags = stringList(ctx.body().tag_ids, 'tag_ids');
    return { value: tags.map((tag_id) => ({ tag_id, object_ids: [...(ctx.inventory.associations.get(tag_id) ?? [])] })) };
  },
};
