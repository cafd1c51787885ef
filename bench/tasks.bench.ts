/**
 * Task polling on a virtual clock: how many polls a wait takes and how long after the task's
 * end it resolves, for tasks of 1 s, 4 s, 30 s, 5 min and 30 min, with the default schedule
 * (delays that grow with the task's elapsed time: runtime/src/tasks/backoff.ts) against fixed
 * 1 s and 5 s intervals. It drives `pollUntilDone`, the loop behind `task.wait()`, with a clock
 * whose sleep advances virtual time and a poll that takes 50 ms; each task's length is drawn
 * within ±10 % of its nominal length (so a fixed interval does not line up with it by chance),
 * and the jitter is seeded per run.
 *
 * Aims: resolve within 1.5x the task's time + 1 s at p95, for every length (a caller waits
 * little past the task's end), and a 30 s task takes at most 10 polls at the median (polling
 * does not load the server).
 *
 *   npx tsx bench/tasks.bench.ts [runs=400]
 */
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_POLL_POLICY,
  pollUntilDone,
  resolvePollPolicy,
  type ResolvedPollPolicy,
  type TaskInfo,
} from '../runtime/src/tasks/index.js';
import { seeded } from '../test/support/seeded.js';
import { iters, round, type Benchmark, type BenchResult, type Metric } from './harness.js';

const POLL_MS = 50;
const LENGTHS: Array<[string, number]> = [
  ['1 s', 1000],
  ['4 s', 4000],
  ['30 s', 30_000],
  ['5 min', 300_000],
  ['30 min', 1_800_000],
];
const POLICIES: Array<[string, ResolvedPollPolicy]> = [
  ['default', DEFAULT_POLL_POLICY],
  ['fixed 1 s', resolvePollPolicy(1000)],
  ['fixed 5 s', resolvePollPolicy(5000)],
];

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

interface Figures {
  polls: { p50: number; p95: number };
  /** From the task's end to `wait` resolving (ms). */
  overshootMs: { p50: number; p95: number };
  /** Resolve time / task time at p95, and whether p95 of (resolve − (1.5 T + 1 s)) ≤ 0. */
  withinBound: boolean;
}

async function simulate(policy: ResolvedPollPolicy, nominalMs: number, runs: number): Promise<Figures> {
  const lengths = seeded(nominalMs);
  const polls: number[] = [];
  const overshoot: number[] = [];
  const excess: number[] = [];
  for (let run = 0; run < runs; run++) {
    const taskMs = nominalMs * (0.9 + 0.2 * lengths());
    let now = 0;
    let n = 0;
    const random = seeded(run + 1);
    const info = await pollUntilDone({
      fetch: async (): Promise<TaskInfo> => {
        n++;
        now += POLL_MS;
        return { id: 't', status: now >= taskMs ? 'SUCCEEDED' : 'RUNNING', cancelable: false, raw: {} };
      },
      policy,
      clock: {
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
        random,
      },
      startedAt: 0,
      timeoutError: () => new Error('timeout'),
    });
    if (info.status !== 'SUCCEEDED') throw new Error('tasks bench: the wait ended without the task');
    polls.push(n);
    overshoot.push(now - taskMs);
    excess.push(now - (1.5 * taskMs + 1000));
  }
  return {
    polls: { p50: quantile(polls, 0.5), p95: quantile(polls, 0.95) },
    overshootMs: { p50: Math.round(quantile(overshoot, 0.5)), p95: Math.round(quantile(overshoot, 0.95)) },
    withinBound: quantile(excess, 0.95) <= 0,
  };
}

export async function run(runs = iters(400, 20)): Promise<BenchResult> {
  const table: Record<string, Record<string, Figures>> = {};
  for (const [label, ms] of LENGTHS) {
    table[label] = {};
    for (const [name, policy] of POLICIES) table[label][name] = await simulate(policy, ms, runs);
  }
  const metrics: Metric[] = [];
  for (const [label] of LENGTHS) {
    const d = table[label]!.default!;
    const f1 = table[label]!['fixed 1 s']!;
    const f5 = table[label]!['fixed 5 s']!;
    metrics.push({
      name: `${label} task: polls (median), default schedule`,
      value: d.polls.p50,
      unit: 'polls',
      baseline: { name: 'fixed 1 s', value: f1.polls.p50, unit: 'polls' },
      ratio: round(d.polls.p50 / f1.polls.p50),
      ...(label === '30 s' ? { aim: '<= 10', ok: d.polls.p50 <= 10 } : {}),
    });
    metrics.push({
      name: `${label} task: resolved after the task ends (p95), default schedule`,
      value: round(d.overshootMs.p95 / 1000, 2),
      unit: 's',
      baseline: { name: 'fixed 5 s', value: round(f5.overshootMs.p95 / 1000, 2), unit: 's' },
      ratio: round(d.overshootMs.p95 / f5.overshootMs.p95),
      aim: '<= 0.5 T + 1 s',
      ok: d.withinBound,
    });
  }
  return {
    name: 'tasks',
    title: 'task waits (virtual clock)',
    runs,
    metrics,
    details: { pollMs: POLL_MS, policy: DEFAULT_POLL_POLICY, table },
  };
}

export const benchmark: Benchmark = { name: 'tasks', title: 'task waits', run: () => run() };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await run(Number(process.argv[2] ?? 400));
  console.log(JSON.stringify(r, null, 2));
}
