/**
 * The connection cap under load: 1,000 concurrent `client.call('vcenter.vm.power.get')`
 * against the hostile test server answering at once, with the default cap (16 connections)
 * against no cap (undici opening a socket per waiting call). Each round uses fresh clients
 * (logged in beforehand) and alternates which side goes first. Reports throughput (calls/s),
 * the 99th percentile of call latency, and the sockets each client used; a row
 * shows the round with the median throughput ratio.
 *
 *   npx tsx bench/pool.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { createClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { startHostileServer, type HostileServer } from '../test/support/hostile.js';
import { iters, medianRound, round, type Benchmark, type BenchResult } from './harness.js';

const CALLS = 1000;

interface Sample {
  throughput: number;
  p99: number;
  peakSockets: number;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function burst(server: HostileServer, maxConnections: number, calls: number): Promise<Sample> {
  const client = createClient({
    baseUrl: server.url,
    release: v703,
    auth: { username: 'administrator@vsphere.local', password: 'secret' },
    tracing: false,
    maxConnections,
  });
  try {
    await client.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } }); // log in, one socket
    const opened = server.sockets.total;
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: calls }, async () => {
        const t = performance.now();
        await client.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } });
        latencies.push(performance.now() - t);
      }),
    );
    const ms = performance.now() - t0;
    // The login's socket plus those the burst opened (the server may still be closing another round's).
    return { throughput: (calls / ms) * 1000, p99: quantile(latencies, 0.99), peakSockets: server.sockets.total - opened + 1 };
  } finally {
    await client.close();
  }
}

export async function run(): Promise<BenchResult> {
  const rounds = iters(7, 1);
  const calls = iters(CALLS, 200);
  const server = await startHostileServer();
  const capped: Sample[] = [];
  const unbounded: Sample[] = [];
  try {
    await burst(server, 16, 100); // warm-up
    await burst(server, Infinity, 100);
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? ([Infinity, 16] as const) : ([16, Infinity] as const);
      for (const cap of order) (cap === 16 ? capped : unbounded).push(await burst(server, cap, calls));
    }
  } finally {
    await server.close();
  }
  const tp = medianRound(
    capped.map((s) => s.throughput),
    unbounded.map((s) => s.throughput),
  );
  const p99 = medianRound(
    capped.map((s) => s.p99),
    unbounded.map((s) => s.p99),
  );
  const peakCapped = Math.max(...capped.map((s) => s.peakSockets));
  const peakUnbounded = Math.max(...unbounded.map((s) => s.peakSockets));
  return {
    name: 'pool',
    title: `connections: ${calls} concurrent calls`,
    runs: rounds,
    metrics: [
      {
        name: 'throughput with the default cap (16 connections)',
        value: round(tp.measured, 0),
        unit: 'calls/s',
        baseline: { name: 'no cap', value: round(tp.baseline, 0), unit: 'calls/s' },
        ratio: round(tp.ratio),
      },
      {
        name: 'p99 call latency with the default cap',
        value: round(p99.measured, 1),
        unit: 'ms',
        baseline: { name: 'no cap', value: round(p99.baseline, 1), unit: 'ms' },
        ratio: round(p99.ratio),
      },
      {
        name: 'sockets used with the default cap',
        value: peakCapped,
        unit: 'sockets',
        baseline: { name: 'no cap', value: peakUnbounded, unit: 'sockets' },
        aim: '<= 16',
        ok: peakCapped <= 16,
      },
    ],
    details: { calls, capped, unbounded },
  };
}

export const benchmark: Benchmark = { name: 'pool', title: 'connections', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
