/**
 * A task handle: one task on the server, watched by this client. `wait` polls with backoff
 * (see backoff.ts), resolves with the task's result decoded with the schema of the operation's
 * synchronous twin, and rejects with the typed error of a FAILED task, `TaskNotFound` (404),
 * `TaskTimeout`, or the signal's reason.
 *
 * Observability: with OpenTelemetry, a task is a span (`vsphere.task.id`, status changes and
 * progress as events) whose children are the start request and the polls; always, the same
 * facts reach the `onTaskStart` / `onTaskProgress` / `onTaskEnd` hooks.
 */
import type { OperationSpec } from '../descriptor.js';
import { callHook, type TaskEndInfo } from '../hooks.js';
import { addEvent, endSpan, setAttrs, type SpanRef } from '../tracing/otel.js';
import { resolvePollPolicy } from './backoff.js';
import { taskFailure, TaskNotFound, TaskTimeout, TERMINAL_STATUSES } from './info.js';
import { pollUntilDone } from './poller.js';
import type { TaskRuntime } from './service.js';
import type { Task, TaskInfo, WaitOptions } from './types.js';

const progressKey = (i: TaskInfo): string =>
  i.progress ? `${i.progress.completed}/${i.progress.total}/${i.progress.message?.default_message ?? ''}` : '';

export class TaskHandle<R = unknown> implements Task<R> {
  last: TaskInfo<R> | undefined;
  /** Polls by this handle so far. */
  polls = 0;
  private waiting = 0;

  constructor(
    private readonly rt: TaskRuntime,
    readonly id: string,
    private readonly op: OperationSpec | undefined,
    /** The task's span; ended (and cleared) when a wait settles or a poll sees the end. */
    private span: SpanRef | undefined,
    private started: number,
  ) {}

  get operation(): string | undefined {
    return this.op?.name;
  }

  private get label(): string {
    return this.op?.name ?? 'task';
  }

  private async ensureSpan(): Promise<void> {
    if (this.span) return;
    this.span = await this.rt.span(`vsphere.task ${this.op?.name ?? ''}`.trim(), {
      'vsphere.operation': this.op?.name,
      'vsphere.release': this.rt.release,
      'vsphere.task.id': this.id,
    });
  }

  private async poll(signal: AbortSignal | undefined, onProgress?: (info: TaskInfo<R>) => void): Promise<TaskInfo<R>> {
    this.polls++;
    const info = await this.rt.fetch(this.id, this.op?.name, signal, this.span);
    this.rt.decodeResult(this.op, info);
    this.observe(info as TaskInfo<R>, onProgress);
    return info as TaskInfo<R>;
  }

  /** Report status and progress changes: span events, `onTaskProgress`, the caller's `onProgress`. */
  private observe(info: TaskInfo<R>, onProgress?: (info: TaskInfo<R>) => void): void {
    const prev = this.last;
    this.last = info;
    const statusChanged = prev?.status !== info.status;
    const progressChanged = !prev || progressKey(prev) !== progressKey(info);
    if (!statusChanged && !progressChanged) return;
    const progress = info.progress
      ? { total: info.progress.total, completed: info.progress.completed, message: info.progress.message?.default_message }
      : undefined;
    if (statusChanged)
      addEvent(this.span, 'vsphere.task.status', { 'vsphere.task.status': info.status, 'vsphere.task.previous_status': prev?.status });
    if (progress && progressChanged) {
      addEvent(this.span, 'vsphere.task.progress', {
        'vsphere.task.progress.completed': progress.completed,
        'vsphere.task.progress.total': progress.total,
        'vsphere.task.progress.message': progress.message,
      });
    }
    callHook(this.rt.ctx.hooks, 'onTaskProgress', {
      taskId: this.id,
      operation: this.op?.name,
      release: this.rt.release,
      status: info.status,
      previousStatus: prev?.status,
      progress,
      polls: this.polls,
    });
    if (onProgress) {
      try {
        onProgress(info);
      } catch (e) {
        process.emitWarning(`vcenter-sdk: onProgress threw: ${e instanceof Error ? e.message : String(e)}`, {
          code: 'VCENTER_SDK_HOOK_ERROR',
        });
      }
    }
  }

  private finish(outcome: TaskEndInfo['outcome'], error?: unknown): void {
    const status = this.last?.status;
    setAttrs(this.span, { 'vsphere.task.status': status, 'vsphere.task.outcome': outcome, 'vsphere.task.polls': this.polls });
    endSpan(this.span, error);
    this.span = undefined;
    callHook(this.rt.ctx.hooks, 'onTaskEnd', {
      taskId: this.id,
      operation: this.op?.name,
      release: this.rt.release,
      status,
      outcome,
      ...(error !== undefined ? { error } : {}),
      durationMs: this.rt.clock.now() - this.started,
      polls: this.polls,
    });
  }

  private settle(info: TaskInfo<R>): R {
    if (info.status === 'SUCCEEDED') {
      this.finish('succeeded');
      return info.result as R;
    }
    const err = taskFailure(info, { operation: this.label, release: this.rt.release, redactor: this.rt.ctx.redactor });
    this.finish('failed', err);
    throw err;
  }

  async info(options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo<R>> {
    await this.ensureSpan();
    let info: TaskInfo<R>;
    try {
      info = await this.poll(options?.signal);
    } catch (err) {
      if (err instanceof TaskNotFound && this.waiting === 0) this.finish('not_found', err);
      throw err;
    }
    // Seen ending outside of wait: the task's span ends here.
    if (TERMINAL_STATUSES.has(info.status) && this.waiting === 0 && this.span) {
      if (info.status === 'SUCCEEDED') this.finish('succeeded');
      else this.finish('failed', taskFailure(info, { operation: this.label, release: this.rt.release, redactor: this.rt.ctx.redactor }));
    }
    return info;
  }

  async wait(options: WaitOptions<R> = {}): Promise<R> {
    const { signal, timeoutMs, onProgress } = options;
    // Already seen ending (info() or an earlier wait): no poll.
    if (this.last && TERMINAL_STATUSES.has(this.last.status)) {
      if (this.last.status === 'SUCCEEDED') return this.last.result as R;
      throw taskFailure(this.last, { operation: this.label, release: this.rt.release, redactor: this.rt.ctx.redactor });
    }
    const policy = options.pollMs === undefined ? this.rt.policy : resolvePollPolicy(options.pollMs, this.rt.policy);
    if (!this.span) this.started = this.rt.clock.now();
    await this.ensureSpan();
    this.waiting++;
    let info: TaskInfo<R>;
    try {
      info = (await pollUntilDone({
        fetch: (s) => this.poll(s, onProgress),
        policy,
        startedAt: this.started,
        clock: this.rt.clock,
        signal,
        timeoutMs,
        timeoutError: () =>
          new TaskTimeout(
            `${this.label}: task ${this.id} did not end within ${timeoutMs} ms (last status ${this.last?.status ?? 'unknown'})`,
            {
              operation: this.label,
              release: this.rt.release,
              taskId: this.id,
              timeoutMs: timeoutMs ?? 0,
              lastStatus: this.last?.status,
            },
          ),
      })) as TaskInfo<R>;
    } catch (err) {
      const stopped = err instanceof TaskTimeout || (signal?.aborted === true && err === signal.reason);
      if (stopped && options.cancelOnAbort) await this.cancelIfAllowed();
      this.finish(err instanceof TaskTimeout ? 'timeout' : stopped ? 'aborted' : err instanceof TaskNotFound ? 'not_found' : 'error', err);
      throw err;
    } finally {
      this.waiting--;
    }
    return this.settle(info);
  }

  /** `cancelOnAbort`: cancel only a task known to be cancelable (one poll first when none was made). */
  private async cancelIfAllowed(): Promise<void> {
    try {
      const info = this.last ?? (await this.poll(undefined));
      if (!info.cancelable || TERMINAL_STATUSES.has(info.status)) {
        addEvent(this.span, 'vsphere.task.cancel_skipped', {
          'vsphere.task.cancelable': info.cancelable,
          'vsphere.task.status': info.status,
        });
        return;
      }
      await this.rt.cancel(this.id, this.op?.name, undefined, this.span);
    } catch (err) {
      callHook(this.rt.ctx.hooks, 'onWarning', {
        code: 'TASK_CANCEL_FAILED',
        message: `${this.label}: cancelling task ${this.id} after abort failed: ${err instanceof Error ? err.message : String(err)}`,
        operation: this.op?.name,
        release: this.rt.release,
      });
    }
  }

  async cancel(options?: { signal?: AbortSignal | undefined }): Promise<void> {
    await this.rt.cancel(this.id, this.op?.name, options?.signal, this.span);
  }
}
