/**
 * Smoke test of the vcsim harness: start/stop the simulator and talk to its
 * /rest endpoints with plain undici.
 *
 * Skipped (with a console.warn saying why) when Go / govmomi source are not
 * installed, unless VCSIM_REQUIRED=1, in which case it fails with the reason.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { simulatorAvailable, startSimulator, type Simulator } from './harness.js';

const availability = simulatorAvailable();
const required = process.env.VCSIM_REQUIRED === '1';
const unavailableReason = availability.ok ? '' : availability.reason;

if (!availability.ok && !required) {
  console.warn(`[vcsim] simulator tests SKIPPED: ${unavailableReason} (set VCSIM_REQUIRED=1 to make this a failure)`);
}

describe('vcsim availability', () => {
  it('has Go and the govmomi source, or says why (a failure when VCSIM_REQUIRED=1)', () => {
    if (!availability.ok && required) expect.fail(`VCSIM_REQUIRED=1 but the simulator is unavailable: ${unavailableReason}`);
    expect(availability.ok ? '' : unavailableReason).toMatch(availability.ok ? /^$/ : /golang|govmomi|source/);
  });
});

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe.skipIf(!availability.ok)('vcsim harness', () => {
  let sim: Simulator;
  let dispatcher: Agent;

  beforeAll(async () => {
    sim = await startSimulator({ tls: true });
    dispatcher = new Agent({ connect: { ca: sim.cert } });
  }, 180_000); // cold Go build ≈ 15 s, allow slow CI

  afterAll(async () => {
    await dispatcher?.close();
    await sim?.close();
  });

  it('reports an https URL, a PEM cert and matching fingerprints', () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const x509 = new X509Certificate(sim.cert);
    expect(x509.fingerprint256).toBe(sim.fingerprint256);
    expect(x509.fingerprint).toBe(sim.fingerprint1);
    expect(sim.inventory.VirtualMachine?.length).toBeGreaterThan(0);
  });

  it('logs in over /rest and creates a tag category', async () => {
    const login = await request(`${sim.url}/rest/com/vmware/cis/session`, {
      method: 'POST',
      headers: { authorization: basic('administrator@vsphere.local', 'anything') },
      dispatcher,
    });
    expect(login.statusCode).toBe(200);
    const { value: sessionId } = (await login.body.json()) as { value: string };
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const headers = { 'vmware-api-session-id': sessionId, 'content-type': 'application/json' };
    const spec = { create_spec: { name: 'smoke', description: 'd', cardinality: 'SINGLE', associable_types: [] } };
    const created = await request(`${sim.url}/rest/com/vmware/cis/tagging/category`, {
      method: 'POST',
      headers,
      body: JSON.stringify(spec),
      dispatcher,
    });
    expect(created.statusCode).toBe(200);
    const { value: categoryId } = (await created.body.json()) as { value: string };
    expect(categoryId).toMatch(/^urn:vmomi:InventoryServiceCategory:.+:GLOBAL$/);

    const duplicate = await request(`${sim.url}/rest/com/vmware/cis/tagging/category`, {
      method: 'POST',
      headers,
      body: JSON.stringify(spec),
      dispatcher,
    });
    expect(duplicate.statusCode).toBe(400);
    expect(await duplicate.body.json()).toEqual({ type: 'com.vmware.vapi.std.errors.already_exists', value: {} });

    const fetched = await request(`${sim.url}/rest/com/vmware/cis/tagging/category/id:${categoryId}`, {
      headers,
      dispatcher,
    });
    expect(fetched.statusCode).toBe(200);
    expect(await fetched.body.json()).toMatchObject({ value: { id: categoryId, name: 'smoke' } });

    const unauthenticated = await request(`${sim.url}/rest/com/vmware/cis/tagging/category`, { dispatcher });
    expect(unauthenticated.statusCode).toBe(401);
    await unauthenticated.body.dump();
  });

  it('close() stops the process', async () => {
    const other = await startSimulator({ tls: false });
    expect(other.url).toMatch(/^http:\/\//);
    await other.close();
    expect(() => process.kill(other.pid, 0)).toThrow();
    await other.close(); // idempotent
  });
});
