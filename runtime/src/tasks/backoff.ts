/**
 * The poll schedule of a task: the first poll soon, then a delay that grows with the time the
 * task has been running (not with the number of polls), so that a wait ends soon after the task
 * whatever its length. Delay before poll `n` (0-based), `elapsed` the time since the task started:
 *
 *   n = 0:  uniform in [firstMs / 2, firstMs]
 *   n ≥ 1:  hi = min(ceilingMs, floorMs + fraction · elapsed)
 *           uniform in [max(floorMs, hi · (1 − jitter)), hi]
 *
 * A task that ends at T was last seen running at some t < T, and the next poll comes at most
 * floorMs + fraction · t later: `wait` resolves by (1 + fraction) · T + floorMs, that is within
 * 1.5 T + 0.75 s with the defaults (0.25 s first, 0.75 s floor, 30 s ceiling, fraction 0.5,
 * jitter 0.2), whatever the jitter draws. The delays grow by about 1.45x per poll, so a 30 s
 * task takes about 9 polls; past a minute, polls come every 24–30 s (see bench/tasks.bench.ts).
 * A fixed interval (floor = ceiling) has no jitter.
 */
import { UsageError } from '../errors.js';
import { sleep } from '../internal/retry.js';

export interface PollPolicy {
  /** Upper bound of the delay before the first poll (default 250 ms). */
  firstMs?: number;
  /** Lowest delay between two polls, and what is added to the elapsed fraction (default 750 ms). */
  floorMs?: number;
  /** Highest delay between two polls (default 30000 ms). */
  ceilingMs?: number;
  /** Share of the task's elapsed time that the delay may reach (default 0.5). */
  fraction?: number;
  /** Share of the delay drawn at random, downwards (default 0.2): spreads the polls of many tasks. */
  jitter?: number;
}

export type ResolvedPollPolicy = Required<PollPolicy>;

export const DEFAULT_POLL_POLICY: Readonly<ResolvedPollPolicy> = Object.freeze({
  firstMs: 250,
  floorMs: 750,
  ceilingMs: 30_000,
  fraction: 0.5,
  jitter: 0.2,
});

/**
 * A policy from options: an object overrides the base field by field; a number is a fixed
 * interval (floor = ceiling = n; the first poll still comes within min(firstMs, n)).
 */
export function resolvePollPolicy(p: PollPolicy | number | undefined, base: ResolvedPollPolicy = DEFAULT_POLL_POLICY): ResolvedPollPolicy {
  let out: ResolvedPollPolicy;
  if (typeof p === 'number') out = { ...base, firstMs: Math.min(base.firstMs, p), floorMs: p, ceilingMs: p };
  else {
    for (const k of Object.keys(p ?? {})) {
      if (!(k in DEFAULT_POLL_POLICY))
        throw new UsageError(`poll policy: unknown field '${k}'; the fields are ${Object.keys(DEFAULT_POLL_POLICY).join(', ')}`, {
          kind: 'INVALID_POLL_POLICY',
        });
    }
    out = { ...base, ...Object.fromEntries(Object.entries(p ?? {}).filter(([, v]) => v !== undefined)) };
  }
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new UsageError(`poll policy: ${k} must be a finite number >= 0`, { kind: 'INVALID_POLL_POLICY' });
  }
  if (out.floorMs > out.ceilingMs) throw new UsageError('poll policy: floorMs must not exceed ceilingMs', { kind: 'INVALID_POLL_POLICY' });
  if (out.jitter > 1) throw new UsageError('poll policy: jitter must be between 0 and 1', { kind: 'INVALID_POLL_POLICY' });
  return out;
}

/** The bounds `[min, max]` of the delay before poll `n` (0-based), the task having run `elapsedMs`. */
export function pollBounds(policy: ResolvedPollPolicy, n: number, elapsedMs = 0): [number, number] {
  if (n <= 0) return [policy.firstMs / 2, policy.firstMs];
  const hi = Math.min(policy.ceilingMs, policy.floorMs + policy.fraction * Math.max(0, elapsedMs));
  return [Math.max(policy.floorMs, hi * (1 - policy.jitter)), hi];
}

/** The delay before poll `n`, drawn uniformly within its bounds. */
export function pollDelay(policy: ResolvedPollPolicy, n: number, random: () => number, elapsedMs = 0): number {
  const [lo, hi] = pollBounds(policy, n, elapsedMs);
  return Math.round(lo + random() * (hi - lo));
}

/** Time, sleep and randomness of the poller: injectable for tests and benchmarks. */
export interface TaskClock {
  /** Milliseconds, any epoch (only differences matter). */
  now(): number;
  /** Resolve after `ms`, reject with the signal's reason when it aborts. Must not leave a timer behind after either. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

/**
 * Sleep with a timer that keeps the process alive (a program awaiting a task must not exit
 * between two polls) and is cleared on abort, so that nothing outlives the wait.
 */
function refSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(ms, signal);
}

/** `Date.now`, `refSleep`, `Math.random` (looked up on each call, so fake timers apply). */
export const systemClock: TaskClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => refSleep(ms, signal),
  random: () => Math.random(),
};
