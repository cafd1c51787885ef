/**
 * The poll schedule of a task: the first poll soon, then exponential backoff with full jitter
 * between a floor and a ceiling. Delay before poll `n` (0-based):
 *
 *   n = 0:  uniform in [firstMs / 2, firstMs]
 *   n ≥ 1:  uniform in [floorMs, min(ceilingMs, floorMs · factor^n)]
 *
 * Defaults (0.25 s first, 0.5 s floor, 10 s ceiling, factor 3): a 30 s task takes about
 * 9–10 polls, and the first poll after the task ends comes on average a third of the
 * ceiling later (see bench/tasks.bench.ts).
 */
import { UsageError } from '../errors.js';
import { sleep } from '../retry.js';

export interface PollPolicy {
  /** Upper bound of the delay before the first poll (default 250 ms). */
  firstMs?: number;
  /** Lowest delay between two polls (default 500 ms). */
  floorMs?: number;
  /** Highest delay between two polls (default 10000 ms). */
  ceilingMs?: number;
  /** Growth of the upper bound per poll (default 3). */
  factor?: number;
}

export type ResolvedPollPolicy = Required<PollPolicy>;

export const DEFAULT_POLL_POLICY: Readonly<ResolvedPollPolicy> = Object.freeze({ firstMs: 250, floorMs: 500, ceilingMs: 10_000, factor: 3 });

/**
 * A policy from options: an object overrides the base field by field; a number is a fixed
 * interval (floor = ceiling = n; the first poll still comes within min(firstMs, n)).
 */
export function resolvePollPolicy(p: PollPolicy | number | undefined, base: ResolvedPollPolicy = DEFAULT_POLL_POLICY): ResolvedPollPolicy {
  let out: ResolvedPollPolicy;
  if (typeof p === 'number') out = { ...base, firstMs: Math.min(base.firstMs, p), floorMs: p, ceilingMs: p };
  else out = { ...base, ...Object.fromEntries(Object.entries(p ?? {}).filter(([, v]) => v !== undefined)) };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new UsageError(`poll policy: ${k} must be a finite number >= 0`, { kind: 'INVALID_POLL_POLICY' });
  }
  if (out.floorMs > out.ceilingMs) throw new UsageError('poll policy: floorMs must not exceed ceilingMs', { kind: 'INVALID_POLL_POLICY' });
  if (out.factor < 1) throw new UsageError('poll policy: factor must be >= 1', { kind: 'INVALID_POLL_POLICY' });
  return out;
}

/** The bounds `[min, max]` of the delay before poll `n` (0-based). */
export function pollBounds(policy: ResolvedPollPolicy, n: number): [number, number] {
  if (n <= 0) return [policy.firstMs / 2, policy.firstMs];
  const cap = Math.min(policy.ceilingMs, policy.floorMs * policy.factor ** n);
  return [policy.floorMs, Math.max(policy.floorMs, cap)];
}

/** The delay before poll `n`, drawn uniformly within its bounds. */
export function pollDelay(policy: ResolvedPollPolicy, n: number, random: () => number): number {
  const [lo, hi] = pollBounds(policy, n);
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
export function refSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(ms, signal, { keepAlive: true });
}

/** `Date.now`, `refSleep`, `Math.random` (looked up on each call, so fake timers apply). */
export const systemClock: TaskClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => refSleep(ms, signal),
  random: () => Math.random(),
};
