/**
 * Task polling figures, against the fake vCenter with a virtual clock (the fake's task
 * advances on the same clock as the poller's sleep, so 30 s of task time take milliseconds):
 *
 * - polls for a task that takes 30 s (PENDING, RUNNING with progress each second, SUCCEEDED
 *   at 30 s), with the default policy (aim: at most 10);
 * - the time from the task reaching SUCCEEDED to `wait` resolving, as a fraction of the
 *   ceiling (10 s).
 *
 * Over many seeds of the jitter; a fixed 1 s and 5 s interval (what today's clients do) as
 * the baseline. A task of exactly 30 s lines up with a fixed interval (its latency is then an
 * artifact of that alignment), so each policy is also measured on tasks of 25–35 s (uniform),
 * where a fixed interval's latency is about half the interval. Prints one JSON object.
 *
 *   npx tsx bench/tasks.bench.ts [runs=500]
 */
import r703 from '@vcenter-sdk/vsphere-7.0.3';
import { createClient, DEFAULT_POLL_POLICY, type PollPolicy } from '../runtime/src/index.js';
import { startFakeVcenter } from '../test/fake-vcenter/index.js';
import type { TaskStep } from '../test/fake-vcenter/index.js';
import { seeded } from '../test/support/seeded.js';

const RUNS = Number(process.argv[2] ?? 500);
const TASK_MS = 30_000;
const STEP_MS = 1000;


const script: TaskStep[] = [{ status: 'PENDING' }];
for (let s = 1; s < TASK_MS / STEP_MS; s++) script.push({ status: 'RUNNING', progress: { total: 30, completed: s, message: { id: 'x', default_message: `${s} s`, args: [] } } });
script.push({ status: 'SUCCEEDED', progress: { total: 30, completed: 30, message: { id: 'x', default_message: 'done', args: [] } }, result: 'vm-bench' });

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function measure(label: string, poll: PollPolicy | number, spreadMs = 0) {
  const fake = await startFakeVcenter({ release: '7.0.3' });
  let now = 0;
  let random = seeded(1);
  fake.tasks.template = { advance: { everyMs: STEP_MS, now: () => now }, script };
  const client = createClient({
    baseUrl: fake.url,
    release: r703,
    auth: { username: 'administrator@vsphere.local', password: 'secret' },
    tracing: false,
    tasks: {
      poll: typeof poll === 'number' ? { floorMs: poll, ceilingMs: poll, firstMs: Math.min(250, poll) } : poll,
      clock: {
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
        random: () => random(),
      },
    },
  });
  const lengths = seeded(424242);
  const polls: number[] = [];
  const lags: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      random = seeded(run + 1);
      const taskMs = TASK_MS + (spreadMs ? (lengths() - 0.5) * spreadMs : 0);
      fake.tasks.template = { advance: { everyMs: taskMs / (script.length - 1), now: () => now }, script };
      const task = await client.start('vcenter.vm.clone$task', { body: { source: 'vm-1001', name: `bench-${run}` } });
      const created = now;
      const vm = await task.wait();
      if (vm !== 'vm-bench') throw new Error(`unexpected result ${String(vm)}`);
      polls.push(fake.tasks.polls(task.id));
      lags.push(Math.round(now - (created + taskMs)));
    }
  } finally {
    await client.close();
    await fake.close();
  }
  const ceiling = typeof poll === 'number' ? poll : (poll.ceilingMs ?? DEFAULT_POLL_POLICY.ceilingMs);
  return {
    label,
    taskMs: spreadMs ? `${(TASK_MS - spreadMs / 2) / 1000}–${(TASK_MS + spreadMs / 2) / 1000} s` : `${TASK_MS / 1000} s`,
    runs: RUNS,
    polls: { mean: +mean(polls).toFixed(2), p50: quantile(polls, 0.5), p95: quantile(polls, 0.95), max: Math.max(...polls) },
    succeededToResolvedMs: { mean: Math.round(mean(lags)), p50: quantile(lags, 0.5), p95: quantile(lags, 0.95), max: Math.max(...lags) },
    asFractionOfCeiling: { ceilingMs: ceiling, mean: +(mean(lags) / ceiling).toFixed(3), p95: +(quantile(lags, 0.95) / ceiling).toFixed(3) },
  };
}

const results = [];
for (const spread of [0, 10_000]) {
  results.push(await measure('default policy', DEFAULT_POLL_POLICY, spread));
  results.push(await measure('fixed 1 s (baseline)', 1000, spread));
  results.push(await measure('fixed 5 s (baseline)', 5000, spread));
}
console.log(JSON.stringify({ policy: DEFAULT_POLL_POLICY, results }));
