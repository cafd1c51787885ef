/**
 * govmomi's REST clients (vapi/rest, vapi/tags, vapi/library, vapi/vcenter: what govc and
 * Terraform's vSphere provider are made of) against the mock, as a user's Go program meets it:
 * no X-API-Version header, the mock's default release. test/govmomi/client/ runs the
 * steps and prints one JSON line each; every step is asserted here, against what the mock's
 * state then holds.
 *
 * Skipped (with a console.warn saying why) when Go or govmomi's source is not installed, unless
 * VCSIM_REQUIRED=1 (the variable of the simulator suite, which needs the same toolchain; .ci/run
 * sets it), in which case it fails with the reason.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockLogEntry, type MockVcenter } from '@vcenter-sdk/mock';
import { buildGovmomiClient, govmomiClientAvailable } from './build.js';
import { MOCK_PASSWORD, USER } from '../support/settings.js';

const availability = govmomiClientAvailable();
const required = process.env.VCSIM_REQUIRED === '1';
const unavailableReason = availability.ok ? '' : availability.reason;
if (!availability.ok && !required) {
  console.warn(`[govmomi] govmomi REST client tests SKIPPED: ${unavailableReason} (set VCSIM_REQUIRED=1 to make this a failure)`);
}

/** The OVF descriptor the program uploads (its bytes, to check the size and SHA-1 the item lists). */
const OVF =
  '<?xml version="1.0" encoding="UTF-8"?><Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><VirtualSystem ovf:id="govmomi"/></Envelope>';

const require = createRequire(import.meta.url);
/** The operations a release's own spec has (its package's operations.json). */
const ownOperations = (release: string): Set<string> =>
  new Set(
    (JSON.parse(readFileSync(require.resolve(`@vcenter-sdk/vsphere-${release}/operations.json`), 'utf8')) as { name: string }[]).map(
      (o) => o.name,
    ),
  );

/** What test/govmomi/client prints, in order: each is asserted below. */
const STEPS = [
  'session.login',
  'session.get',
  'vm.list',
  'tags.category.create',
  'tags.category.list',
  'tags.category.get',
  'tags.tag.create',
  'tags.tag.list',
  'tags.tag.list_for_category',
  'tags.tag.get',
  'tags.attach',
  'tags.list_attached_tags',
  'tags.list_attached_objects',
  'tags.detach',
  'tags.list_attached_tags.after_detach',
  'tags.attach_multiple_tags_to_object',
  'tags.list_attached_tags.after_batch_attach',
  'tags.attach_tag_to_multiple_objects',
  'tags.detach_multiple_tags_from_object',
  'tags.list_attached_tags.after_batch_detach',
  'datastore.list',
  'library.create',
  'library.list',
  'library.get',
  'library.find',
  'library.item.create',
  'library.item.get',
  'library.upload',
  'library.item.files',
  'resource_pool.list',
  'ovf.deploy',
  'vm.get',
  'vm.get.deployed',
  'vm.power.start',
  'vm.power.stop',
  'ovf.create',
  'ovf.deploy.captured',
  'session.logout',
  'session.get.after_logout',
];

interface Step {
  step: string;
  ok: boolean;
  error?: string;
  result?: any;
}

describe('govmomi availability', () => {
  it('has Go and the govmomi source, or says why (a failure when VCSIM_REQUIRED=1)', () => {
    if (!availability.ok && required) expect.fail(`VCSIM_REQUIRED=1 but govmomi's clients cannot be built: ${unavailableReason}`);
    expect(availability.ok ? '' : unavailableReason).toMatch(availability.ok ? /^$/ : /golang|govmomi|source/);
  });
});

describe.skipIf(!availability.ok)('govmomi REST clients against the mock', () => {
  let mock: MockVcenter;
  const log: MockLogEntry[] = [];
  const steps = new Map<string, Step>();
  let order: string[] = [];

  beforeAll(async () => {
    const [{ binary }, started] = await Promise.all([buildGovmomiClient(), startMock({ onRequest: (e) => log.push(e) })]);
    mock = started;
    // Asynchronous: the mock answers from this process while the program runs.
    const { stdout } = await promisify(execFile)(binary, ['-url', mock.url, '-user', USER, '-password', MOCK_PASSWORD], {
      timeout: 90_000,
    });
    for (const line of stdout.trim().split('\n')) {
      const s = JSON.parse(line) as Step;
      steps.set(s.step, s);
    }
    order = [...steps.keys()];
  }, 600_000); // a cold Go build of govmomi takes ~2 min on a loaded 2-core machine; cached, none

  afterAll(async () => {
    await mock?.close();
  });

  /** The result of a step that must have succeeded. */
  const ok = (name: string): any => {
    const s = steps.get(name);
    expect(s, `step ${name} ran (ran: ${order.join(', ')})`).toBeDefined();
    expect(s!.error, name).toBeUndefined();
    expect(s!.ok, name).toBe(true);
    return s!.result;
  };
  const inventory = () => mock.inventory(mock.defaultRelease);

  it('ran every step, in order, and each succeeded', () => {
    expect(order).toEqual(STEPS);
    expect([...steps.values()].filter((s) => !s.ok).map((s) => `${s.step}: ${s.error}`)).toEqual([]);
  });

  it('sends no release header: every operation is served as the default release, the newest, vcenter.* from the newest release that has it', () => {
    const operations = log.filter((e) => e.operation !== undefined);
    expect(operations.length).toBeGreaterThan(steps.size);
    expect(mock.defaultRelease).toBe(mock.releases[0]);
    expect(new Set(operations.map((e) => e.release))).toEqual(new Set([mock.defaultRelease]));
    const vmList = operations.find((e) => e.operation === 'vcenter.vm.list');
    // 8.0.2's spec has no vcenter service: the newest served release that has the operation answers it.
    const owner = mock.releases.find((r) => ownOperations(r).has('vcenter.vm.list'));
    expect(owner).toBeDefined();
    expect(vmList?.answeredBy).toBe(owner);
  });

  it('logs in, reads its session, logs out; the session is gone after', () => {
    ok('session.login');
    expect(ok('session.get')).toBe(USER);
    ok('session.logout');
    expect(ok('session.get.after_logout')).toBe(false);
    expect(order[0]).toBe('session.login');
    expect(order.at(-1)).toBe('session.get.after_logout');
  });

  it('lists the VMs of the inventory and gets one', () => {
    const ids = ok('vm.list') as string[];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => inventory().vms.has(id))).toBe(true);
    const first = inventory().vms.get(ids[0]!)!;
    expect(ok('vm.get')).toEqual({ name: first.name, power_state: first.powerState });
  });

  it('creates, lists and gets a category and its tags', () => {
    const category = ok('tags.category.create') as string;
    expect(category).toMatch(/^urn:vmomi:InventoryServiceCategory:/);
    expect(ok('tags.category.list')).toContain(category);
    expect(ok('tags.category.get')).toEqual({ id: category, name: 'govmomi-category', cardinality: 'MULTIPLE' });
    const [tag1, tag2] = ok('tags.tag.create') as string[];
    expect(tag1).toMatch(/^urn:vmomi:InventoryServiceTag:/);
    expect(tag2).not.toBe(tag1);
    expect(ok('tags.tag.list')).toEqual(expect.arrayContaining([tag1, tag2]));
    expect([...ok('tags.tag.list_for_category')].sort()).toEqual([tag1, tag2].sort());
    expect(ok('tags.tag.get')).toEqual({ id: tag1, name: 'govmomi-tag-1', category_id: category });
  });

  it('attaches a tag to a VM, lists it both ways, detaches it', () => {
    const [tag1] = ok('tags.tag.create') as string[];
    const [vm] = ok('vm.list') as string[];
    ok('tags.attach');
    expect(ok('tags.list_attached_tags')).toEqual([tag1]);
    expect(ok('tags.list_attached_objects')).toEqual([vm]);
    ok('tags.detach');
    expect(ok('tags.list_attached_tags.after_detach')).toEqual([]);
  });

  it('attaches several tags to a VM and one tag to several VMs in batches, and detaches them', () => {
    const [tag1, tag2] = ok('tags.tag.create') as string[];
    const [vm, vm2] = ok('vm.list') as string[];
    ok('tags.attach_multiple_tags_to_object');
    expect([...ok('tags.list_attached_tags.after_batch_attach')].sort()).toEqual([tag1, tag2].sort());
    expect([...ok('tags.attach_tag_to_multiple_objects')].sort()).toEqual([vm, vm2].sort());
    ok('tags.detach_multiple_tags_from_object');
    expect(ok('tags.list_attached_tags.after_batch_detach')).toEqual([]);
    // tag2 stays on the second VM only.
    expect(
      inventory()
        .associations.get(tag2!)
        ?.map((o) => o.id),
    ).toEqual([vm2]);
  });

  it('creates a local library on a datastore of the inventory, lists, gets and finds it by name', () => {
    const datastore = ok('datastore.list') as string;
    expect(inventory().datastores.has(datastore)).toBe(true);
    const lib = ok('library.create') as string;
    expect(ok('library.list')).toContain(lib);
    expect(ok('library.get')).toEqual({ id: lib, name: 'govmomi-library', type: 'LOCAL' });
    expect(ok('library.find')).toEqual([lib]);
  });

  it('creates a library item and uploads a file through an update session, to an address on the mock', () => {
    const lib = ok('library.create') as string;
    const item = ok('library.item.create') as string;
    expect(ok('library.item.get')).toEqual({ id: item, name: 'govmomi-item', library_id: lib, type: 'ovf' });
    expect(ok('library.upload')).toEqual({ same_host: true });
    const sha1 = createHash('sha1').update(OVF).digest('hex');
    expect(ok('library.item.files')).toEqual([{ name: 'govmomi.ovf', size: Buffer.byteLength(OVF), checksum: sha1, matches: true }]);
  });

  it('deploys the library item into a resource pool: a new VM of the inventory, powered on and off', () => {
    const pool = ok('resource_pool.list') as string;
    expect(inventory().resourcePools.has(pool)).toBe(true);
    const id = ok('ovf.deploy') as string;
    expect(id).toMatch(/^vm-\d+$/);
    expect(ok('vm.list')).not.toContain(id);
    expect(ok('vm.get.deployed')).toEqual({ name: 'govmomi-deployed', power_state: 'POWERED_OFF' });
    expect(ok('vm.power.start')).toEqual({ name: 'govmomi-deployed', power_state: 'POWERED_ON' });
    expect(ok('vm.power.stop')).toEqual({ name: 'govmomi-deployed', power_state: 'POWERED_OFF' });
    const vm = inventory().vms.get(id);
    expect(vm?.name).toBe('govmomi-deployed');
    expect(vm?.resourcePool).toBe(pool);
  });

  it('captures a VM into the library as an OVF item, which deploys back as a VM', () => {
    const lib = ok('library.create') as string;
    const captured = ok('ovf.create') as { id: string; name: string; library_id: string };
    expect(captured).toEqual({ id: expect.any(String), name: 'govmomi-captured', library_id: lib });
    expect(inventory().libraryItems.has(captured.id)).toBe(true);
    expect(ok('ovf.deploy.captured')).toEqual({ name: 'govmomi-from-capture', power_state: 'POWERED_OFF' });
    expect([...inventory().vms.values()].filter((v) => v.name === 'govmomi-from-capture')).toHaveLength(1);
  });

  it('is answered by the mock model throughout, never by a spec example', () => {
    const answered = log.filter((e) => e.operation !== undefined);
    expect(answered.length).toBeGreaterThan(20);
    expect(answered.filter((e) => e.source !== 'model').map((e) => `${e.method} ${e.url} (${e.source})`)).toEqual([]);
  });
});
