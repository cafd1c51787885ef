/**
 * An attempt's deadline, in one of two ways. Long timeouts (the default is 60 s) ride on
 * undici's own coarse timers for the headers and on a watchdog for the body (undici's body
 * timer restarts on every chunk, so a trickled body would never end): no AbortController and
 * no timer of ours on the per-call path. Short ones need a precise timer of their own, which
 * also bounds a wait for a connection.
 */
import type { Dispatcher } from 'undici';
import { drop } from './body-limit.js';

/** From this timeout on, undici's timers (about 1 s of resolution) and the watchdog are precise enough. */
const COARSE_TIMEOUT_MS = 10_000;
/** How often bodies under a coarse timeout are checked against their deadline. */
const WATCHDOG_MS = 500;

type Body = Dispatcher.ResponseData['body'];

interface Watched {
  deadline: number;
  body: Body;
  state: { timedOut: boolean };
}

/** One attempt under its deadline. */
export interface Timed {
  /** The signal to send with: the timer's (short timeouts), else the caller's. */
  readonly signal: AbortSignal | undefined;
  /** undici's header and body timeouts (coarse timeouts), else undefined. */
  readonly undiciTimeoutMs: number | undefined;
  /** Whether the deadline has passed (the attempt was cut short by it). */
  timedOut(): boolean;
  /** Watch the body being read (coarse timeouts: the watchdog drops it at the deadline). */
  reading(body: Body): void;
  /** The attempt is over: stop its timer, its listener, its watch. */
  end(): void;
}

/** The deadlines of one client's attempts, with its one watchdog. */
export class Deadlines {
  /** Bodies being read under a coarse timeout, checked against their deadline every WATCHDOG_MS. */
  readonly #watched = new Set<Watched>();
  #watchdog: NodeJS.Timeout | undefined;

  begin(timeoutMs: number, user: AbortSignal | undefined): Timed {
    const deadline = performance.now() + timeoutMs;
    const coarse = timeoutMs >= COARSE_TIMEOUT_MS;
    const controller = coarse ? undefined : new AbortController();
    const state = { timedOut: false };
    const timer = controller
      ? setTimeout(() => {
          state.timedOut = true;
          controller.abort(new DOMException('timeout', 'TimeoutError'));
        }, timeoutMs)
      : undefined;
    // The request's socket holds the process while the attempt is pending; the timer need not.
    timer?.unref();
    const onAbort = controller ? () => controller.abort(user?.reason) : undefined;
    if (onAbort) user?.addEventListener('abort', onAbort, { once: true });
    let watched: Watched | undefined;
    return {
      signal: controller?.signal ?? user,
      undiciTimeoutMs: coarse ? timeoutMs : undefined,
      timedOut: () => state.timedOut,
      reading: (body) => {
        if (!coarse) return;
        watched = { deadline, body, state };
        this.#watch(watched);
      },
      end: () => {
        if (timer) clearTimeout(timer);
        if (onAbort) user?.removeEventListener('abort', onAbort);
        if (watched) this.#watched.delete(watched);
      },
    };
  }

  #watch(w: Watched): void {
    this.#watched.add(w);
    // One unref'd interval per client, running while bodies are being read: it never holds a
    // process open. It stops itself on its first tick with nothing to watch, so an idle client
    // wakes at most once more, and calls in a row do not each start and stop a timer.
    this.#watchdog ??= setInterval(() => {
      if (this.#watched.size === 0) {
        clearInterval(this.#watchdog);
        this.#watchdog = undefined;
        return;
      }
      const now = performance.now();
      for (const x of this.#watched) {
        if (now < x.deadline) continue;
        x.state.timedOut = true;
        this.#watched.delete(x);
        drop(x.body);
      }
    }, WATCHDOG_MS).unref();
  }

  /** Stop the watchdog (the client is closing). */
  close(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = undefined;
  }
}
