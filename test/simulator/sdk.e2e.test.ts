/**
 * The SDK against a server nobody here wrote: govmomi's vCenter simulator (vcsim), over the
 * legacy /rest endpoints, with the 7.0.1 release pinned. It answers like no spec says:
 * `text/plain` JSON, `{"value": null}` for empty lists, vAPI errors without messages,
 * plain-text 404s, empty-bodied 401s, and it expires idle sessions behind the client's back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlreadyExists, CertificateMismatch, NotFound, createClient, type Hooks } from '@vcenter-sdk/runtime';
import v701 from '@vcenter-sdk/vsphere-7.0.1';
import { simulatorAvailable, startSimulator, type Simulator } from './harness.js';
import { PASSWORD, USER } from '../support/settings.js';

const availability = simulatorAvailable();
const IDLE_MS = 1000;

describe.skipIf(!availability.ok)('the SDK against govmomi’s simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ tls: true, idleTimeout: `${IDLE_MS}ms` });
  }, 180_000);
  afterAll(async () => sim?.close());

  /** A client pinned to the simulator's certificate, counting logins and collecting decode issues. */
  function client(extra: { thumbprint?: string } = {}) {
    const seen = { logins: 0, issues: [] as unknown[], requests: [] as string[] };
    const hooks: Hooks = {
      onRequest: (r) => {
        seen.requests.push(`${r.method} ${r.path}`);
        if (r.path === '/rest/com/vmware/cis/session' && r.method === 'POST') seen.logins++;
      },
      onDecodeIssue: (i) => seen.issues.push(i.issue),
    };
    const c = createClient({
      baseUrl: sim.url,
      release: v701,
      auth: { username: USER, password: PASSWORD },
      tls: { thumbprint: extra.thumbprint ?? sim.fingerprint256 },
      hooks,
      retry: false,
    });
    return { c, seen };
  }

  it('logs in over /rest and reads an empty list, which the simulator sends as null, as []', async () => {
    const { c, seen } = client();
    await using _ = c;
    expect(await c.call('rest.cis.tagging.tag.list')).toEqual([]);
    expect(seen.logins).toBe(1);
    expect(seen.issues).toEqual([expect.objectContaining({ code: 'null_array' })]);
  });

  it('creates, reads, updates, attaches and deletes tags, and types a duplicate as AlreadyExists', async () => {
    const { c } = client();
    await using _ = c;
    const vm = sim.inventory.VirtualMachine![0]!.id;
    const create_spec = { name: 'env', description: 'environment', cardinality: 'SINGLE' as const, associable_types: ['VirtualMachine'] };
    const category = await c.call('rest.cis.tagging.category.create', { body: { create_spec } });
    expect(category).toMatch(/^urn:vmomi:InventoryServiceCategory:/);

    const duplicate = await c.call('rest.cis.tagging.category.create', { body: { create_spec } }).catch((e) => e);
    expect(duplicate).toBeInstanceOf(AlreadyExists);
    expect(duplicate).toMatchObject({
      status: 400,
      kind: 'ALREADY_EXISTS',
      operation: 'rest.cis.tagging.category.create',
      release: '7.0.1',
    });

    const got = await c.call('rest.cis.tagging.category.get', { path: { category_id: category } });
    expect(got).toMatchObject({ id: category, name: 'env', cardinality: 'SINGLE' });

    await c.call('rest.cis.tagging.category.update', {
      path: { category_id: category },
      body: { update_spec: { description: 'changed' } },
    });
    expect((await c.call('rest.cis.tagging.category.get', { path: { category_id: category } })).description).toBe('changed');

    const tag = await c.call('rest.cis.tagging.tag.create', {
      body: { create_spec: { name: 'prod', description: '', category_id: category } },
    });
    await c.call('rest.cis.tagging.tag_association.attach', {
      path: { tag_id: tag },
      body: { object_id: { id: vm, type: 'VirtualMachine' } },
    });
    const attached = await c.call('rest.cis.tagging.tag_association.list_attached_tags', {
      body: { object_id: { id: vm, type: 'VirtualMachine' } },
    });
    expect(attached).toEqual([tag]);

    await c.call('rest.cis.tagging.tag.delete', { path: { tag_id: tag } });
    await c.call('rest.cis.tagging.category.delete', { path: { category_id: category } });
    const gone = await c.call('rest.cis.tagging.category.get', { path: { category_id: category } }).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFound); // a plain-text 404, typed by its status
    expect(gone.status).toBe(404);
  });

  it('recovers transparently when the simulator expires the idle session behind its back', async () => {
    const { c, seen } = client();
    await using _ = c;
    await c.call('rest.cis.tagging.category.list');
    expect(seen.logins).toBe(1);
    await new Promise((r) => setTimeout(r, 2 * IDLE_MS + 700)); // vcsim expires between T and 2T of idleness
    const requestsBefore = seen.requests.length;
    expect(await c.call('rest.cis.tagging.category.list')).toEqual(expect.any(Array));
    expect(seen.logins).toBe(2);
    // the expired call, the login, the replay
    expect(seen.requests.slice(requestsBefore)).toEqual([
      'GET /rest/com/vmware/cis/tagging/category',
      'POST /rest/com/vmware/cis/session',
      'GET /rest/com/vmware/cis/tagging/category',
    ]);
  }, 30_000);

  it('accepts the pinned thumbprint in SHA-1 form, lower case, without colons', async () => {
    const { c } = client({ thumbprint: sim.fingerprint1.replaceAll(':', '').toLowerCase() });
    await using _ = c;
    expect(await c.call('rest.cis.tagging.category.list')).toEqual(expect.any(Array));
  });

  it('refuses a wrong thumbprint, naming both fingerprints', async () => {
    const wrong = sim.fingerprint256.replace(/^../, sim.fingerprint256.startsWith('00') ? '11' : '00');
    const { c } = client({ thumbprint: wrong });
    await using _ = c;
    const err = await c.call('rest.cis.tagging.category.list').catch((e) => e);
    expect(err).toBeInstanceOf(CertificateMismatch);
    const norm = (s: string) => s.replaceAll(':', '').toLowerCase();
    expect(norm(err.message)).toContain(norm(wrong));
    expect(norm(err.message)).toContain(norm(sim.fingerprint256));
  });
});
