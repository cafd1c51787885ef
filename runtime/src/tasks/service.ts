/**
 * The per-client task service: `start` (the `vmw-task=true` variant of an operation → a
 * handle), `attach`, and `tasks.get / list` for tasks this client did not start. It holds what
 * every handle of the client shares: the call context, the poll policy, the clock, tracing.
 */
import type { OperationSpec } from '../descriptor.js';
import { decode } from '../decode/index.js';
import { NotFound, UnexpectedResponse, UsageError } from '../errors.js';
import { callHook } from '../hooks.js';
import { callOperation, type CallContext, type CallInitLoose } from '../operation.js';
import { findOperation, operationIndex } from '../operation-index.js';
import { addEvent, endSpan, setAttrs, type SpanRef, type Tracing } from '../tracing/otel.js';
import { DEFAULT_POLL_POLICY, resolvePollPolicy, systemClock, type ResolvedPollPolicy, type TaskClock } from './backoff.js';
import { requireTaskEndpoints, type TaskEndpoints } from './endpoints.js';
import { TaskHandle } from './handle.js';
import { TaskNotFound, toTaskInfo } from './info.js';
import type { Task, TaskDefaults, TaskFilter, TaskInfo, TaskService } from './types.js';

/** What the task machinery needs from its client. */
export class TaskRuntime {
  readonly policy: ResolvedPollPolicy;
  readonly clock: TaskClock;

  constructor(
    readonly ctx: CallContext,
    readonly tracing: Tracing | undefined,
    defaults: TaskDefaults | undefined,
  ) {
    this.policy = resolvePollPolicy(defaults?.poll, DEFAULT_POLL_POLICY);
    this.clock = { ...systemClock, ...defaults?.clock };
  }

  get release(): string {
    return this.ctx.descriptor.release;
  }

  endpoints(what: string): TaskEndpoints {
    return requireTaskEndpoints(this.ctx.descriptor, what);
  }

  async span(name: string, attrs: Record<string, string | undefined>): Promise<SpanRef | undefined> {
    const pending = this.tracing?.api();
    const api = pending instanceof Promise ? await pending : pending;
    return api && this.tracing ? this.tracing.start(api, name, 'internal', attrs) : undefined;
  }

  /** One GET of the task; 404 → TaskNotFound. */
  async fetch(id: string, operation: string | undefined, signal: AbortSignal | undefined, trace: SpanRef | undefined): Promise<TaskInfo> {
    const ep = this.endpoints(operation ?? 'tasks.get');
    let data: unknown;
    try {
      data = await callOperation(this.ctx, ep.get.name, { path: { task: id }, signal }, { trace, decode: 'off' });
    } catch (err) {
      if (err instanceof NotFound && err.status === 404) {
        throw new TaskNotFound(`${operation ?? ep.get.name}: task ${id} not found (HTTP 404; release ${this.release})`, {
          status: 404,
          messages: err.messages,
          operation: operation ?? ep.get.name,
          release: this.release,
          method: ep.get.method,
          path: ep.get.path,
          body: err.body,
          cause: err,
          taskId: id,
        });
      }
      throw err;
    }
    return toTaskInfo(id, data, { operation: ep.get.name, release: this.release });
  }

  /** Decode a SUCCEEDED task's result with the schema of the operation's synchronous twin. */
  decodeResult(op: OperationSpec | undefined, info: TaskInfo): void {
    if (info.status !== 'SUCCEEDED' || info.result === undefined || !op?.syncTwin || this.ctx.decode === 'off') return;
    const twin = operationIndex(this.ctx.descriptor).get(op.syncTwin);
    const schema = twin?.result ? this.ctx.descriptor.schemas[twin.result] : undefined;
    if (!twin || !schema) return;
    info.result = decode(schema, info.result, {
      mode: this.ctx.decode,
      operation: twin.name,
      release: this.release,
      int64: this.ctx.int64,
      basePath: ['result'],
      onIssue: (issue) =>
        callHook(this.ctx.hooks, 'onDecodeIssue', {
          operation: twin.name,
          release: this.release,
          method: twin.method,
          path: twin.path,
          issue,
        }),
    }).data;
  }

  async cancel(id: string, operation: string | undefined, signal: AbortSignal | undefined, trace: SpanRef | undefined): Promise<void> {
    const ep = this.endpoints(operation ?? 'tasks.cancel');
    if (!ep.cancel) {
      throw new UsageError(`release ${this.release} has no task cancel operation`, { release: this.release, kind: 'TASKS_UNSUPPORTED' });
    }
    addEvent(trace, 'vsphere.task.cancel');
    await callOperation(this.ctx, ep.cancel.name, { path: { task: id }, query: ep.cancelQuery, signal }, { trace, decode: 'off' });
  }

  /** Start a `$task` operation. */
  async start(name: string, init: CallInitLoose | undefined): Promise<TaskHandle> {
    const op = findOperation(this.ctx.descriptor, name);
    if (!op.async) {
      throw new UsageError(`${name} is not a task operation (use call(), or its vmw-task variant '${name}$task')`, {
        operation: name,
        release: this.release,
        kind: 'NOT_A_TASK_OPERATION',
      });
    }
    // Before sending anything: a task this client could not watch is not started.
    this.endpoints(name);
    const span = await this.span(`vsphere.task ${name}`, { 'vsphere.operation': name, 'vsphere.release': this.release });
    const started = this.clock.now();
    let id: unknown;
    try {
      id = await callOperation(this.ctx, name, init, { trace: span, decode: 'off' });
      if (typeof id !== 'string' || !id) {
        throw new UnexpectedResponse(`${name}: expected a task id (a JSON string), got ${id === null ? 'null' : typeof id}`, {
          operation: name,
          release: this.release,
        });
      }
    } catch (err) {
      endSpan(span, err);
      throw err;
    }
    setAttrs(span, { 'vsphere.task.id': id });
    callHook(this.ctx.hooks, 'onTaskStart', { taskId: id, operation: name, release: this.release });
    return new TaskHandle(this, id, op, span, started);
  }

  attach(id: string, operation: string | undefined): TaskHandle {
    if (typeof id !== 'string' || !id) throw new UsageError('tasks.attach: a task id is required', { kind: 'MISSING_TASK_ID' });
    let op: OperationSpec | undefined;
    if (operation !== undefined) {
      op = findOperation(this.ctx.descriptor, operation);
    }
    this.endpoints(operation ?? 'tasks.attach');
    callHook(this.ctx.hooks, 'onTaskStart', { taskId: id, operation, release: this.release });
    return new TaskHandle(this, id, op, undefined, this.clock.now());
  }

  service(): TaskService {
    return {
      get: async (id, options) => {
        const span = await this.span('vsphere.task.get', { 'vsphere.release': this.release, 'vsphere.task.id': id });
        try {
          const info = await this.fetch(id, undefined, options?.signal, span);
          endSpan(span);
          return info;
        } catch (err) {
          endSpan(span, err);
          throw err;
        }
      },
      list: (filter, options) => this.list(filter ?? {}, options?.signal),
      attach: <R>(id: string, options?: { operation?: string | undefined }) => this.attach(id, options?.operation) as unknown as Task<R>,
    };
  }

  async list(filter: TaskFilter, signal: AbortSignal | undefined): Promise<TaskInfo[]> {
    const ep = this.endpoints('tasks.list');
    const op = ep.list;
    if (!op)
      throw new UsageError(`release ${this.release} has no task list operation`, { release: this.release, kind: 'TASKS_UNSUPPORTED' });
    const spec = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
    let init: CallInitLoose;
    if (op.method === 'POST') {
      init = { body: { filter_spec: spec }, signal };
    } else {
      // The query names the release declares: `filter_spec.tasks` (/rest), `tasks` (/api)...
      const names = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
      const query: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(spec)) {
        const key = [`filter_spec.${k}`, `filter.${k}`, k].find((n) => names.has(n)) ?? k;
        query[key] = v;
      }
      init = { query, signal };
    }
    const data = await callOperation(this.ctx, op.name, init, { decode: 'off' });
    const entries: [string, unknown][] = Array.isArray(data)
      ? data.map((e) => [String((e as { key?: unknown }).key), (e as { value?: unknown }).value])
      : data && typeof data === 'object'
        ? Object.entries(data as Record<string, unknown>)
        : [];
    return entries.map(([id, info]) => toTaskInfo(id, info, { operation: op.name, release: this.release }));
  }
}
