/**
 * The wait loop, free of HTTP: sleep (a delay that grows with the task's age), fetch, report, until the task ends, the
 * deadline passes or the signal aborts. Both of the latter stop it at once, in-flight
 * poll included. Every timer it starts is cleared before it settles.
 */
import { abortError } from '../internal/abort.js';
import { pollDelay, type ResolvedPollPolicy, type TaskClock } from './backoff.js';
import { TERMINAL_STATUSES } from './info.js';
import type { TaskInfo } from './types.js';

export interface PollLoop {
  /** One poll; must reject promptly when `signal` aborts. */
  fetch(signal: AbortSignal): Promise<TaskInfo>;
  policy: ResolvedPollPolicy;
  clock: TaskClock;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Every poll's info, before the terminal check. */
  onInfo?: ((info: TaskInfo) => void) | undefined;
  /** The error to reject with when the deadline passes. */
  timeoutError(): unknown;
  /** When the task started, on `clock` (default: now): the delays grow with the time since. */
  startedAt?: number | undefined;
  /** Called with the delay chosen before each poll (tests, benchmarks). */
  onDelay?: ((delayMs: number, n: number) => void) | undefined;
}

/** Resolves with the first SUCCEEDED or FAILED info. */
export async function pollUntilDone(loop: PollLoop): Promise<TaskInfo> {
  const { clock, policy, signal, timeoutMs } = loop;
  if (signal?.aborted) throw abortError(signal);
  const ac = new AbortController();
  const onAbort = () => ac.abort(abortError(signal));
  signal?.addEventListener('abort', onAbort, { once: true });
  const startedAt = loop.startedAt ?? clock.now();
  const deadline = timeoutMs !== undefined ? clock.now() + Math.max(0, timeoutMs) : undefined;
  if (timeoutMs !== undefined) {
    clock.sleep(Math.max(0, timeoutMs), ac.signal).then(
      () => ac.abort(loop.timeoutError()),
      () => undefined,
    );
  }
  try {
    for (let n = 0; ; n++) {
      const delay = pollDelay(policy, n, clock.random, clock.now() - startedAt);
      loop.onDelay?.(delay, n);
      await clock.sleep(delay, ac.signal);
      if (deadline !== undefined && clock.now() >= deadline) throw loop.timeoutError();
      const info = await loop.fetch(ac.signal);
      if (ac.signal.aborted) throw ac.signal.reason;
      loop.onInfo?.(info);
      if (TERMINAL_STATUSES.has(info.status)) return info;
    }
  } catch (err) {
    if (ac.signal.aborted) throw ac.signal.reason;
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Clears the deadline timer (and anything else still listening).
    if (!ac.signal.aborted) ac.abort();
  }
}
