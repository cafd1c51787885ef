/**
 * Tasks: a `vmw-task=true` operation answers at once with a task id; the work (the sync
 * twin's handler, or its example when unmodelled) is done when the task completes. Each read
 * of the task (`cis.tasks.get`) is one step: PENDING, then RUNNING at 50 %, then SUCCEEDED
 * with the result, or FAILED with the error the work raised. Cancel ends an unfinished task
 * FAILED with a CANCELED error; a finished one is NOT_ALLOWED_IN_CURRENT_STATE. Listing does
 * not advance tasks. The info follows `CisTaskInfo` / `cis.task.info`: `error` is the vAPI error
 * as the release's spec types it (its JSON text, or the object on 7.0.0).
 */
import { message, MockFault, type LocalizableMessage } from './errors.js';
import { byFilters, find, type HandlerContext, type HandlerTable } from './handlers/context.js';
import { modelName } from './routes.js';

export type TaskStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

interface Task {
  id: string;
  operation: string;
  service: string;
  method: string;
  user: string;
  status: TaskStatus;
  polls: number;
  /** Does the work when the task completes: its result, or throws a MockFault. */
  work: () => unknown;
  result?: unknown;
  error?: MockFault;
  start_time?: string;
  end_time?: string;
}

export interface TaskInfo {
  description: LocalizableMessage;
  service: string;
  operation: string;
  status: TaskStatus;
  cancelable: boolean;
  user: string;
  progress?: { total: number; completed: number; message: LocalizableMessage };
  result?: unknown;
  error?: unknown;
  start_time?: string;
  end_time?: string;
}

export class TaskStore {
  private readonly tasks = new Map<string, Task>();
  private next = 0;

  /** `errorAsObject()`: the release's task info types `error` as an object (7.0.0), not as the error's JSON text. */
  constructor(
    private readonly now: () => Date,
    private readonly errorAsObject: () => boolean = () => false,
  ) {}

  start(operation: string, user: string, work: () => unknown): string {
    const id = `task-${++this.next}`;
    const name = modelName(operation);
    const dot = name.lastIndexOf('.');
    this.tasks.set(id, {
      id,
      operation,
      service: `com.vmware.${name.slice(0, dot)}`,
      method: name.slice(dot + 1),
      user,
      status: 'PENDING',
      polls: 0,
      work,
    });
    return id;
  }

  get(id: string): Task {
    return find(this.tasks, 'Task', id);
  }

  /** One read: the current step, then the next one. */
  poll(t: Task, withResult: boolean): TaskInfo {
    t.polls++;
    if (t.status === 'PENDING' && t.polls >= 2) {
      t.status = 'RUNNING';
      t.start_time = this.now().toISOString();
    } else if (t.status === 'RUNNING' && t.polls >= 3) {
      this.finish(t);
    }
    return this.info(t, withResult);
  }

  cancel(t: Task): void {
    if (t.status === 'SUCCEEDED' || t.status === 'FAILED') {
      throw new MockFault(
        'NOT_ALLOWED_IN_CURRENT_STATE',
        'com.vmware.cis.tasks.completed',
        `Task ${t.id} has already completed (${t.status})`,
        [t.id],
      );
    }
    const at = this.now().toISOString();
    t.status = 'FAILED';
    t.start_time ??= at;
    t.end_time = at;
    t.error = new MockFault('CANCELED', 'com.vmware.cis.tasks.canceled', `Task ${t.id} was canceled by a user.`);
  }

  list(): Task[] {
    return [...this.tasks.values()];
  }

  private finish(t: Task): void {
    try {
      t.result = t.work();
      t.status = 'SUCCEEDED';
    } catch (e) {
      if (!(e instanceof MockFault)) throw e;
      t.status = 'FAILED';
      t.error = e;
    }
    t.end_time = this.now().toISOString();
  }

  info(t: Task, withResult: boolean): TaskInfo {
    const done = t.status === 'SUCCEEDED' || t.status === 'FAILED';
    const base = modelName(t.operation);
    const info: TaskInfo = {
      description: message(`com.vmware.${base}`, `${base} (task of ${t.operation})`),
      service: t.service,
      operation: t.method,
      status: t.status,
      cancelable: !done,
      user: t.user,
    };
    if (t.status === 'RUNNING')
      info.progress = { total: 100, completed: 50, message: message('com.vmware.mock.task.progress', `${base}: half way`) };
    if (t.status === 'SUCCEEDED')
      info.progress = { total: 100, completed: 100, message: message('com.vmware.mock.task.progress', `${base}: done`) };
    if (t.start_time) info.start_time = t.start_time;
    if (t.end_time) info.end_time = t.end_time;
    if (t.status === 'SUCCEEDED' && withResult && t.result !== undefined) info.result = t.result;
    if (t.status === 'FAILED' && t.error !== undefined) info.error = this.errorAsObject() ? t.error.body('api') : t.error.taskError();
    return info;
  }
}

/** `/api` takes the filter in the body (`{filter_spec}`), `/rest` in the query (`filter_spec.status=…`). */
function filterValues(ctx: HandlerContext, key: string): string[] | undefined {
  if (ctx.style === 'rest') return ctx.query(`filter_spec.${key}`);
  const spec = (ctx.body().filter_spec ?? {}) as Record<string, unknown>;
  return Array.isArray(spec[key]) ? (spec[key] as unknown[]).map(String) : undefined;
}

function excludeResult(ctx: HandlerContext, restKey: string): boolean {
  if (ctx.style === 'rest' || ctx.op.method === 'GET') return ctx.query(ctx.style === 'rest' ? restKey : 'exclude_result')?.[0] === 'true';
  return (ctx.body().result_spec as { exclude_result?: boolean } | undefined)?.exclude_result === true;
}

export const taskHandlers: HandlerTable = {
  'cis.tasks.get': (ctx) => {
    const t = ctx.tasks.get(ctx.param('task'));
    return { value: ctx.tasks.poll(t, !excludeResult(ctx, 'spec.exclude_result')) };
  },
  'cis.tasks.cancel': (ctx) => ctx.tasks.cancel(ctx.tasks.get(ctx.param('task'))),
  'cis.tasks.list': (ctx) => {
    const hits = byFilters(ctx.tasks.list(), [
      [filterValues(ctx, 'tasks'), (t) => t.id],
      [filterValues(ctx, 'services'), (t) => t.service],
      [filterValues(ctx, 'operations'), (t) => t.method],
      [filterValues(ctx, 'status'), (t) => t.status],
      [filterValues(ctx, 'users'), (t) => t.user],
    ]);
    const withResult = !excludeResult(ctx, 'result_spec.exclude_result');
    // /rest: a list of {key, value}; /api: a map id → info.
    const entries = hits.map((t) => [t.id, ctx.tasks.info(t, withResult)] as const);
    return { value: ctx.style === 'rest' ? entries.map(([key, value]) => ({ key, value })) : Object.fromEntries(entries) };
  },
};
