/**
 * The poll schedule under vi.useFakeTimers: every delay within its jittered bounds (which grow
 * with the task's elapsed time), the ceiling respected, waits ending within 1.5x the task's time
 * + 1 s, the deadline met to within one poll, no timer left behind.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskTimeout, type TaskInfo, type TaskStatus } from '@vcenter-sdk/runtime';
import { DEFAULT_POLL_POLICY, pollBounds, pollDelay, resolvePollPolicy, systemClock } from '@vcenter-sdk/runtime/src/tasks/backoff.js';
import { pollUntilDone } from '@vcenter-sdk/runtime/src/tasks/poller.js';
import { seeded } from '../support/seeded.js';

const info = (status: TaskStatus): TaskInfo => ({ id: 't', status, cancelable: false, raw: {} });

describe('poll policy', () => {
  it("defaults: first poll within 250 ms, then a delay that grows with the task's elapsed time, 0.75 s floor, 30 s ceiling", () => {
    expect(DEFAULT_POLL_POLICY).toEqual({ firstMs: 250, floorMs: 750, ceilingMs: 30_000, fraction: 0.5, jitter: 0.2 });
    expect(pollBounds(DEFAULT_POLL_POLICY, 0, 0)).toEqual([125, 250]);
    // The bounds follow the elapsed time, not the poll count.
    expect(pollBounds(DEFAULT_POLL_POLICY, 1, 0)).toEqual([750, 750]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 1, 4000)).toEqual([2200, 2750]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 9, 4000)).toEqual([2200, 2750]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 2, 20_000)).toEqual([8600, 10_750]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 3, 30 * 60_000)).toEqual([24_000, 30_000]);
  });

  it('jitter: draws at the extremes of random() hit the bounds; a number is a fixed interval without jitter', () => {
    const p = DEFAULT_POLL_POLICY;
    expect(pollDelay(p, 4, () => 0, 4000)).toBe(2200);
    expect(pollDelay(p, 4, () => 0.999999, 4000)).toBe(2750);
    const fixed = resolvePollPolicy(2000);
    expect([pollDelay(fixed, 1, Math.random, 0), pollDelay(fixed, 9, Math.random, 600_000)]).toEqual([2000, 2000]);
    expect(resolvePollPolicy(100).firstMs).toBe(100);
    expect(resolvePollPolicy({ ceilingMs: 3000 })).toEqual({ ...DEFAULT_POLL_POLICY, ceilingMs: 3000 });
    expect(() => resolvePollPolicy({ floorMs: 5000, ceilingMs: 1000 })).toThrow(/floorMs/);
    expect(() => resolvePollPolicy({ jitter: 1.5 })).toThrow(/jitter/);
    expect(() => resolvePollPolicy({ factor: 3 } as never)).toThrow(/unknown field 'factor'/);
  });
});

/**
 * `wait` against a task that ends at T, under fake timers: the loop sees SUCCEEDED at the first
 * poll at or after T. Returns when it resolved and how many polls it took.
 */
async function waitFor(taskMs: number, seed: number): Promise<{ resolvedAt: number; polls: number }> {
  const random = seeded(seed);
  const t0 = Date.now();
  let polls = 0;
  const done = pollUntilDone({
    fetch: async () => {
      polls++;
      return info(Date.now() - t0 >= taskMs ? 'SUCCEEDED' : 'RUNNING');
    },
    policy: DEFAULT_POLL_POLICY,
    clock: { ...systemClock, random },
    startedAt: t0,
    timeoutError: () => new Error('timeout'),
  });
  await vi.runAllTimersAsync();
  await done;
  return { resolvedAt: Date.now() - t0, polls };
}

describe('task waits end soon after the task (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('for tasks of 1 s to 30 min, every wait resolves within 1.5x the task time + 1 s', async () => {
    const lengths = seeded(7);
    for (let i = 0; i < 60; i++) {
      // log-uniform between 1 s and 30 min
      const taskMs = Math.round(1000 * Math.exp(lengths() * Math.log(1800)));
      const { resolvedAt } = await waitFor(taskMs, i + 1);
      expect(resolvedAt, `task of ${taskMs} ms`).toBeGreaterThanOrEqual(taskMs);
      expect(resolvedAt, `task of ${taskMs} ms`).toBeLessThanOrEqual(1.5 * taskMs + 1000);
    }
  });

  it('a 30 s task takes at most 10 polls at the median (and a 5 min one far fewer than a fixed 5 s interval)', async () => {
    const polls30: number[] = [];
    for (let seed = 1; seed <= 41; seed++) polls30.push((await waitFor(30_000, seed)).polls);
    polls30.sort((a, b) => a - b);
    expect(polls30[20]).toBeLessThanOrEqual(10);
    const { polls: polls5min } = await waitFor(300_000, 3);
    expect(polls5min).toBeLessThan(300_000 / 5000 / 2);
  });
});

describe('pollUntilDone under fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('every delay within its bounds and under the ceiling, over many seeds; no timer outlives the loop', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seeded(seed);
      const pollTimes: number[] = [];
      const t0 = Date.now();
      let n = 0;
      const done = pollUntilDone({
        fetch: async () => {
          pollTimes.push(Date.now() - t0);
          return info(++n >= 25 ? 'SUCCEEDED' : n % 3 ? 'RUNNING' : 'BLOCKED');
        },
        policy: DEFAULT_POLL_POLICY,
        clock: { ...systemClock, random },
        startedAt: t0,
        timeoutMs: 10 * 60_000,
        timeoutError: () => new Error('timeout'),
      });
      await vi.runAllTimersAsync();
      await expect(done).resolves.toMatchObject({ status: 'SUCCEEDED' });
      expect(pollTimes).toHaveLength(25);
      const gaps = pollTimes.map((t, i) => t - (i ? pollTimes[i - 1]! : 0));
      gaps.forEach((gap, i) => {
        const [lo, hi] = pollBounds(DEFAULT_POLL_POLICY, i, i ? pollTimes[i - 1]! : 0);
        expect(gap, `seed ${seed} poll ${i}`).toBeGreaterThanOrEqual(Math.floor(lo));
        expect(gap, `seed ${seed} poll ${i}`).toBeLessThanOrEqual(Math.ceil(hi));
        expect(gap).toBeLessThanOrEqual(DEFAULT_POLL_POLICY.ceilingMs);
      });
      // the deadline timer (10 min) was cleared with the loop
      expect(vi.getTimerCount()).toBe(0);
    }
  });

  it('the deadline is met to within one poll, even when the next poll would come much later', async () => {
    const random = () => 0.99; // delays near the top of their bounds
    const pollTimes: number[] = [];
    const t0 = Date.now();
    const done = pollUntilDone({
      fetch: async () => {
        pollTimes.push(Date.now() - t0);
        return info('RUNNING');
      },
      policy: DEFAULT_POLL_POLICY,
      clock: { ...systemClock, random },
      startedAt: t0,
      timeoutMs: 12_000,
      timeoutError: () => new TaskTimeout('deadline', { taskId: 't', timeoutMs: 12_000, lastStatus: 'RUNNING' }),
    });
    const settled = done.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(11_999);
    expect(await Promise.race([settled, Promise.resolve('pending')])).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const err = await settled;
    expect(err).toBeInstanceOf(TaskTimeout);
    expect(Date.now() - t0).toBe(12_000);
    // The polls the schedule places before 12 s, and no more: the deadline did not wait for the next.
    let at = 0;
    let expected = 0;
    for (let n = 0; ; n++) {
      at += pollDelay(DEFAULT_POLL_POLICY, n, random, at);
      if (at >= 12_000) break;
      expected++;
    }
    expect(pollTimes.length).toBe(expected);
    expect(pollTimes.at(-1)).toBeLessThan(12_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a poll in flight at the deadline is abandoned; an abort mid-sleep rejects at once with the reason', async () => {
    const slow = pollUntilDone({
      fetch: (signal) =>
        new Promise<TaskInfo>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      policy: DEFAULT_POLL_POLICY,
      clock: systemClock,
      timeoutMs: 1000,
      timeoutError: () => new Error('deadline'),
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await slow).toMatchObject({ message: 'deadline' });

    const ac = new AbortController();
    const t0 = Date.now();
    const aborted = pollUntilDone({
      fetch: async () => info('RUNNING'),
      policy: DEFAULT_POLL_POLICY,
      clock: systemClock,
      signal: ac.signal,
      timeoutError: () => new Error('deadline'),
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3000);
    ac.abort(new Error('stop'));
    expect(await aborted).toMatchObject({ message: 'stop' });
    expect(Date.now() - t0).toBe(3000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
