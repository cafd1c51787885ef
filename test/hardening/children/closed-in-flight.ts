/**
 * Child of closing.e2e.test.ts, run with --unhandled-rejections=strict: calls in flight when the
 * client closes. argv: <baseUrl> <ways|using>. `ways`: a client made in each way, three calls,
 * `await client.close()`, and only then the calls awaited, as a user who closes first would;
 * `using`: `await using` in a function that returns an un-awaited call. Each twice: `fresh`,
 * the calls wait for the first login; `warm`, a call has logged in first, so they are on the
 * wire. Prints how each call ended, a line per case.
 */
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import v802 from '@vcenter-sdk/vsphere-8.0.2';
import { connect, createClient } from '@vcenter-sdk/runtime';
import { done } from './lingering.js';
import { MOCK_PASSWORD, USER } from '../../support/settings.js';

const [baseUrl, what] = process.argv.slice(2) as [string, string];
const base = { baseUrl, auth: { username: USER, password: MOCK_PASSWORD } };

/** A client with a loose `call`: each way makes one of a different type. */
type Loose = { call(name: string): Promise<unknown>; close(): Promise<void>; [Symbol.asyncDispose](): Promise<void> };

const loose = async (c: unknown) => (await c) as Loose;
const ways: Record<string, () => Promise<Loose>> = {
  create: () => loose(createClient({ ...base, release: v703 })),
  'create-several': () => loose(createClient({ ...base, releases: [v703, v802] })),
  'connect-detect': () => loose(connect({ ...base, releases: [v703] })),
  'connect-pinned': () => loose(connect({ ...base, releases: [v703], serverRelease: '7.0.3' })),
  'connect-several': () => loose(connect({ ...base, releases: [v703, v802] })),
};
const phases = ['fresh', 'warm'];

function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: Error) => e.name,
  );
}

async function vms(phase: string): Promise<unknown> {
  await using c = await loose(connect({ ...base, releases: [v703] }));
  if (phase === 'warm') await c.call('vcenter.vm.list');
  return c.call('vcenter.vm.list');
}

const lines: string[] = [];
for (const phase of phases) {
  if (what === 'using') {
    lines.push(`using ${phase}: ${await outcome(vms(phase))}`);
    continue;
  }
  for (const [way, make] of Object.entries(ways)) {
    const client = await make();
    if (phase === 'warm') await client.call('vcenter.vm.list');
    const calls = [client.call('vcenter.vm.list'), client.call('vcenter.cluster.list'), client.call('vcenter.datastore.list')];
    await client.close();
    lines.push(`${way} ${phase}: ${(await Promise.all(calls.map(outcome))).join(' ')}`);
  }
}
done(lines.join('\n'));
