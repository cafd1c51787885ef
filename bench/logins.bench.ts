/**
 * Re-logins under concurrency, against @vcenter-sdk/mock: log in (one call), move the mock's
 * clock past its idle timeout, then 100 concurrent `client.call('vcenter.vm.list')`. Every one
 * of them gets a 401; the runtime must log in exactly once for all of them and replay each call
 * once. Counts the logins in the mock's request log over several rounds: must be 1 each.
 *
 *   npx tsx bench/logins.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { createClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { startMock } from '@vcenter-sdk/mock';
import { iters, round, type Benchmark, type BenchResult } from './harness.js';

const CONCURRENT = 100;

export async function run(): Promise<BenchResult> {
  const rounds = iters(5, 2);
  const IDLE_MS = 60_000;
  let now = 1_000_000;
  let loginCount = 0;
  const mock = await startMock({
    releases: ['7.0.3'],
    idleTimeoutMs: IDLE_MS,
    clock: () => now,
    onRequest: (e) => {
      if (e.method === 'POST' && e.url === '/api/session') loginCount++;
    },
  });
  const client = createClient({
    baseUrl: mock.url,
    release: v703,
    auth: { username: 'administrator@vsphere.local', password: 'mock-password' },
  });
  const deltas: number[] = [];
  const ms: number[] = [];
  try {
    await client.call('vcenter.vm.list'); // the first login
    for (let r = 0; r < rounds; r++) {
      now += IDLE_MS + 1;
      const before = loginCount;
      const t = performance.now();
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => client.call('vcenter.vm.list')));
      ms.push(performance.now() - t);
      if (results.some((vms) => !Array.isArray(vms) || vms.length === 0)) throw new Error('logins: a call returned no VMs');
      deltas.push(loginCount - before);
    }
  } finally {
    await client.close();
    await mock.close();
  }
  const worst = Math.max(...deltas);
  return {
    name: 'logins',
    title: 'sessions',
    runs: rounds,
    metrics: [
      {
        name: `logins per ${CONCURRENT} concurrent calls on an expired session (worst of ${rounds} rounds)`,
        value: worst,
        unit: 'logins',
        aim: '= 1',
        ok: deltas.every((d) => d === 1),
      },
    ],
    details: { concurrent: CONCURRENT, loginsPerRound: deltas, msPerRound: ms.map((x) => round(x, 1)) },
  };
}

export const benchmark: Benchmark = { name: 'logins', title: 'sessions', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
