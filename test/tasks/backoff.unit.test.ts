/**
 * The poll schedule under vi.useFakeTimers: every delay within its jittered bounds, the
 * ceiling respected, the deadline met to within one poll, no timer left behind.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_POLL_POLICY,
  pollBounds,
  pollDelay,
  pollUntilDone,
  resolvePollPolicy,
  systemClock,
  TaskTimeout,
  type TaskInfo,
  type TaskStatus,
} from '@vcenter-sdk/runtime';
import { seeded } from '../support/seeded.js';

const info = (status: TaskStatus): TaskInfo => ({ id: 't', status, cancelable: false, raw: {} });


describe('poll policy', () => {
  it('defaults suit vCenter: first poll within 250 ms, then 0.5 s floor, 10 s ceiling', () => {
    expect(DEFAULT_POLL_POLICY).toEqual({ firstMs: 250, floorMs: 500, ceilingMs: 10_000, factor: 3 });
    expect(pollBounds(DEFAULT_POLL_POLICY, 0)).toEqual([125, 250]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 1)).toEqual([500, 1500]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 2)).toEqual([500, 4500]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 3)).toEqual([500, 10_000]);
    expect(pollBounds(DEFAULT_POLL_POLICY, 50)).toEqual([500, 10_000]);
  });

  it('full jitter: draws at the extremes of random() hit the bounds; a number is a fixed interval', () => {
    const p = DEFAULT_POLL_POLICY;
    expect(pollDelay(p, 4, () => 0)).toBe(500);
    expect(pollDelay(p, 4, () => 0.999999)).toBe(10_000);
    const fixed = resolvePollPolicy(2000);
    expect([pollDelay(fixed, 1, Math.random), pollDelay(fixed, 9, Math.random)]).toEqual([2000, 2000]);
    expect(resolvePollPolicy(100).firstMs).toBe(100);
    expect(resolvePollPolicy({ ceilingMs: 3000 })).toEqual({ ...DEFAULT_POLL_POLICY, ceilingMs: 3000 });
    expect(() => resolvePollPolicy({ floorMs: 5000, ceilingMs: 1000 })).toThrow(/floorMs/);
    expect(() => resolvePollPolicy({ factor: 0.5 })).toThrow(/factor/);
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
        timeoutMs: 10 * 60_000,
        timeoutError: () => new Error('timeout'),
      });
      await vi.runAllTimersAsync();
      await expect(done).resolves.toMatchObject({ status: 'SUCCEEDED' });
      expect(pollTimes).toHaveLength(25);
      const gaps = pollTimes.map((t, i) => t - (i ? pollTimes[i - 1]! : 0));
      gaps.forEach((gap, i) => {
        const [lo, hi] = pollBounds(DEFAULT_POLL_POLICY, i);
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
    // polls at ~0.25 s, ~1.75 s, ~6.2 s; the next would be at ~16 s: the deadline did not wait for it
    expect(pollTimes.length).toBe(3);
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
