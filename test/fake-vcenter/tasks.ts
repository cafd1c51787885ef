/**
 * Long-running operations (`cis.tasks`). A task follows a script of steps chosen by the test;
 * each step is a partial task info merged over the previous ones (so `progress` carries over
 * unless a step changes it). Progression is driven by the test, never by wall time:
 *   advance: 'manual'            → `fake.tasks.advance(id)` moves one step
 *   advance: 'per-poll'          → every read over HTTP answers the current step, then moves one
 *   advance: { everyMs, now }    → step = floor((now() - created) / everyMs), with a clock the
 *                                  test controls (e.g. `() => Date.now()` under vi.useFakeTimers)
 *
 *   GET  /api/cis/tasks/{task}               → info        (/rest/cis/tasks/{task} → {value: info})
 *   GET  /api/cis/tasks?tasks=..&status=..   → {id: info}  (/rest/cis/tasks → {value: ...})
 *   POST /api/cis/tasks/{task}?action=cancel → 204         (/rest ...?~action=cancel → 200)
 */
import { randomUUID } from 'node:crypto';
import { errorReply, message, queryList, wrap, type Message, type RouteContext } from './protocol.js';
import type { Router } from './router.js';

export type TaskStatus = 'PENDING' | 'RUNNING' | 'BLOCKED' | 'SUCCEEDED' | 'FAILED';

export interface TaskProgress {
  total: number;
  completed: number;
  message: Message;
}

export interface TaskInfo {
  description: Message;
  service: string;
  operation: string;
  status: TaskStatus;
  cancelable: boolean;
  progress?: TaskProgress;
  error?: unknown;
  result?: unknown;
  start_time?: string;
  end_time?: string;
  target?: { type: string; id: string };
  user?: string;
  [extra: string]: unknown;
}

/** One step of a script: fields merged over the info so far. `vanish: true` makes the task 404 from then on. */
export interface TaskStep extends Partial<Omit<TaskInfo, 'status'>> {
  status: TaskStatus;
  vanish?: boolean;
}

export type Advance = 'manual' | 'per-poll' | { everyMs: number; now: () => number };

export interface CreateTaskOptions {
  /** Default: PENDING → RUNNING 50% → SUCCEEDED. */
  script?: TaskStep[];
  /** Default false (a step may override it). */
  cancelable?: boolean;
  /** Default 'manual' for `fake.tasks.create`; see `fake.tasks.template` for tasks created over HTTP. */
  advance?: Advance;
  service?: string;
  operation?: string;
  description?: Message;
  target?: { type: string; id: string };
  user?: string;
  /** Task id (default `<uuid>:<service>`). */
  id?: string;
  /** What an accepted cancel does: 'fail' (default) ends the task FAILED with a CANCELED error; 'none' lets the script go on. */
  cancelEffect?: 'fail' | 'none';
  /** Called once when the task first shows SUCCEEDED. */
  onSucceeded?: (info: TaskInfo) => void;
}

interface Task {
  id: string;
  options: CreateTaskOptions;
  script: TaskStep[];
  index: number;
  created: number;
  polls: number;
  removed: boolean;
  override?: Partial<TaskInfo>;
  startTime?: string;
  endTime?: string;
  succeededFired: boolean;
  cancelAccepted: boolean;
}

const TERMINAL: ReadonlySet<TaskStatus> = new Set(['SUCCEEDED', 'FAILED']);

export const DEFAULT_SCRIPT: TaskStep[] = [
  { status: 'PENDING' },
  { status: 'RUNNING', progress: { total: 100, completed: 50, message: message('Half way', 'com.vmware.fake.task.progress') } },
  { status: 'SUCCEEDED', progress: { total: 100, completed: 100, message: message('Done', 'com.vmware.fake.task.progress') } },
];

export class TaskStore {
  private readonly tasks = new Map<string, Task>();
  /** Ids named by every cancel request received (accepted or not), in order. */
  readonly cancelRequests: string[] = [];
  /** Options for tasks the fake creates itself (clone with vmw-task=true). Default: per-poll, default script. */
  template: CreateTaskOptions = { advance: 'per-poll', cancelable: true };
  /** Id of the most recently created task. */
  lastId: string | undefined;

  create(options: CreateTaskOptions = {}): string {
    const service = options.service ?? 'com.vmware.fake';
    const id = options.id ?? `${randomUUID()}:${service}`;
    const script = options.script?.length ? options.script : DEFAULT_SCRIPT;
    this.tasks.set(id, {
      id,
      options: { advance: 'manual', ...options },
      script,
      index: 0,
      created: this.now(options),
      polls: 0,
      removed: false,
      succeededFired: false,
      cancelAccepted: false,
    });
    this.lastId = id;
    return id;
  }

  /** Moves a task `steps` steps forward (clamped at the last). Returns the new info (undefined if gone). */
  advance(id: string, steps = 1): TaskInfo | undefined {
    const t = this.tasks.get(id);
    if (!t) throw new Error(`fake-vcenter: no task ${id}`);
    t.index = Math.min(t.script.length - 1, t.index + steps);
    return this.info(t);
  }

  /** Current info without counting a poll (undefined when removed or vanished). */
  get(id: string): TaskInfo | undefined {
    const t = this.tasks.get(id);
    return t ? this.info(t) : undefined;
  }

  /** Makes the task disappear: reads answer 404 from now on. */
  remove(id: string): void {
    const t = this.tasks.get(id);
    if (t) t.removed = true;
  }

  ids(): string[] {
    return [...this.tasks.keys()];
  }

  /** Number of HTTP reads (single get or list) that returned this task. */
  polls(id: string): number {
    return this.tasks.get(id)?.polls ?? 0;
  }

  /** Whether a cancel request for this task was accepted. */
  wasCancelled(id: string): boolean {
    return this.tasks.get(id)?.cancelAccepted ?? false;
  }

  // ---- HTTP side ----

  /** A read over HTTP: the current info, then (per-poll) one step forward. */
  poll(id: string): TaskInfo | undefined {
    const t = this.tasks.get(id);
    if (!t) return undefined;
    const info = this.info(t);
    if (!info) return undefined;
    t.polls++;
    if (t.options.advance === 'per-poll' && !t.override && t.index < t.script.length - 1) t.index++;
    return info;
  }

  cancel(id: string, ctx: RouteContext) {
    this.cancelRequests.push(id);
    const t = this.tasks.get(id);
    const info = t && this.info(t);
    if (!t || !info) return taskNotFound(ctx, id);
    if (TERMINAL.has(info.status)) {
      return errorReply(ctx.style, 'NOT_ALLOWED_IN_CURRENT_STATE', [
        message(`Task ${id} has already completed`, 'com.vmware.cis.tasks.completed', [id]),
      ]);
    }
    if (!info.cancelable) {
      return errorReply(ctx.style, 'UNSUPPORTED', [message(`Task ${id} cannot be canceled`, 'com.vmware.cis.tasks.not_cancelable', [id])]);
    }
    t.cancelAccepted = true;
    if ((t.options.cancelEffect ?? 'fail') === 'fail') {
      t.override = {
        status: 'FAILED',
        cancelable: false,
        error: { error_type: 'CANCELED', messages: [message('The task was canceled by a user.', 'com.vmware.cis.tasks.canceled', [])] },
      };
    }
    return { status: ctx.style === 'rest' ? 200 : 204 };
  }

  private now(o: CreateTaskOptions): number {
    return typeof o.advance === 'object' ? o.advance.now() : Date.now();
  }

  private info(t: Task): TaskInfo | undefined {
    if (t.removed) return undefined;
    const adv = t.options.advance;
    if (typeof adv === 'object' && !t.override) {
      const step = Math.floor((adv.now() - t.created) / adv.everyMs);
      t.index = Math.max(t.index, Math.min(t.script.length - 1, step));
    }
    const o = t.options;
    const info: TaskInfo = {
      description:
        o.description ?? message(`${o.operation ?? 'operation'} task`, `${o.service ?? 'com.vmware.fake'}.${o.operation ?? 'operation'}`),
      service: o.service ?? 'com.vmware.fake',
      operation: o.operation ?? 'operation',
      status: 'PENDING',
      cancelable: o.cancelable ?? false,
      user: o.user ?? 'VSPHERE.LOCAL\\Administrator',
      ...(o.target ? { target: o.target } : {}),
    };
    for (const step of t.script.slice(0, t.index + 1)) {
      if (step.vanish) return undefined;
      const { vanish: _v, ...fields } = step;
      Object.assign(info, fields);
    }
    if (t.override) Object.assign(info, t.override);
    const stamp = () => new Date(this.now(o)).toISOString();
    if (info.status !== 'PENDING') info.start_time ??= t.startTime ??= stamp();
    if (TERMINAL.has(info.status)) {
      info.end_time ??= t.endTime ??= stamp();
      info.cancelable = false;
    }
    if (info.status === 'SUCCEEDED' && !t.succeededFired) {
      t.succeededFired = true;
      o.onSucceeded?.(info);
    }
    return structuredClone(info);
  }
}

function taskNotFound(ctx: RouteContext, id: string) {
  return errorReply(ctx.style, 'NOT_FOUND', [message(`Task ${id} not found`, 'com.vmware.cis.tasks.not_found', [id])]);
}

export function registerTasks(router: Router, store: TaskStore): void {
  const get = (ctx: RouteContext) => {
    const info = store.poll(ctx.params.task!);
    return info ? { body: wrap(ctx.style, info) } : taskNotFound(ctx, ctx.params.task!);
  };
  const list = (ctx: RouteContext) => {
    const ids = queryList(ctx.query, 'tasks', 'filter_spec.tasks', 'filter.tasks');
    const statuses = queryList(ctx.query, 'status', 'filter_spec.status', 'filter.status');
    const services = queryList(ctx.query, 'services', 'filter_spec.services', 'filter.services');
    const out: Record<string, TaskInfo> = {};
    for (const id of ids ?? store.ids()) {
      const peek = store.get(id);
      if (!peek) continue;
      if (statuses && !statuses.includes(peek.status)) continue;
      if (services && !services.includes(peek.service)) continue;
      out[id] = store.poll(id)!;
    }
    if (ctx.style === 'rest') return { body: { value: Object.entries(out).map(([key, value]) => ({ key, value })) } };
    return { body: out };
  };
  const cancel = (ctx: RouteContext) => store.cancel(ctx.params.task!, ctx);

  router.add('GET', '/api/cis/tasks/{task}', get);
  router.add('GET', '/api/cis/tasks', list);
  router.add('POST', '/api/cis/tasks/{task}?action=cancel', cancel);
  router.add('GET', '/rest/cis/tasks/{task}', get);
  router.add('GET', '/rest/cis/tasks', list);
  router.add('POST', '/rest/cis/tasks/{task}?~action=cancel', cancel);
  router.add('POST', '/rest/cis/tasks/{task}?action=cancel', cancel);
}
