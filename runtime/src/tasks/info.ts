/**
 * Task info as the runtime hands it out (normalized from the server's body) and the typed error
 * of a FAILED task. The errors of watching a task live in the errors module (re-exported here).
 */
import { TaskNotFound, TaskTimeout, UnexpectedResponse, VsphereError } from '../errors.js';
import { ERROR_TABLE, parseErrorBody } from '../internal/response-error.js';
import { ofKind } from '../internal/of-kind.js';
import type { Redactor } from '../redact.js';
import type { LocalizableMessage, TaskInfo, TaskStatus } from './types.js';

export { TaskNotFound, TaskTimeout };

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED']);

/** The id of the task behind an error thrown by `wait` (a FAILED task's error, TaskNotFound, TaskTimeout). */
export function taskIdOf(error: unknown): string | undefined {
  const id = (error as { taskId?: unknown } | null | undefined)?.taskId;
  return typeof id === 'string' ? id : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Normalize a task info body (already unwrapped from `{value}` for /rest). */
export function toTaskInfo(id: string, data: unknown, context: { operation: string; release: string }): TaskInfo {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new UnexpectedResponse(`${context.operation}: task ${id}: the task info is not an object`, { ...context });
  }
  const o = data as Record<string, unknown>;
  const status = typeof o.status === 'string' ? (o.status.toUpperCase() as TaskStatus) : undefined;
  if (!status) {
    throw new UnexpectedResponse(`${context.operation}: task ${id}: the task info has no status`, { ...context });
  }
  const p = o.progress as Record<string, unknown> | undefined;
  const progress =
    p && typeof p === 'object'
      ? {
          total: Number(p.total ?? 0),
          completed: Number(p.completed ?? 0),
          message: (p.message as LocalizableMessage | undefined) ?? undefined,
        }
      : undefined;
  return {
    id,
    status,
    cancelable: o.cancelable === true,
    progress,
    description: (o.description as LocalizableMessage | undefined) ?? undefined,
    service: str(o.service),
    operation: str(o.operation),
    error: o.error,
    result: o.result,
    start_time: str(o.start_time),
    end_time: str(o.end_time),
    target: (o.target as TaskInfo['target']) ?? undefined,
    user: str(o.user),
    raw: o,
  };
}

/** The kind and messages of a task's `error`: an /api or /rest error object, its JSON text, a vAPI type name, or a plain message. */
export function parseTaskError(error: unknown): { kind: string; messages: string[] } {
  if (error === undefined || error === null) return { kind: 'ERROR', messages: [] };
  if (typeof error === 'string') {
    const t = error.trim();
    if (t.startsWith('{')) {
      try {
        return parseTaskError(JSON.parse(t));
      } catch {
        // not JSON after all: a message
      }
    }
    if (/^[A-Z][A-Z0-9_]*$/.test(t)) return { kind: t, messages: [] };
    const m = /(?:^|\.)errors\.([a-z0-9_]+)$/.exec(t);
    if (m) return { kind: m[1]!.toUpperCase(), messages: [] };
    return { kind: 'ERROR', messages: t ? [t] : [] };
  }
  if (typeof error === 'object') {
    const parsed = parseErrorBody(JSON.stringify(error));
    return { kind: parsed.kind ?? 'ERROR', messages: parsed.messages };
  }
  return { kind: 'ERROR', messages: [String(error)] };
}

/** The typed error (from the runtime's error table) of a FAILED task. */
export function taskFailure(
  info: TaskInfo,
  context: { operation: string; release: string; redactor?: Redactor | undefined },
): VsphereError {
  const { kind, messages } = parseTaskError(info.error);
  const Cls = ERROR_TABLE[kind] ?? VsphereError;
  const r = context.redactor;
  let message = `${context.operation}: task ${info.id} FAILED: ${kind}${messages.length ? `: ${messages.join('; ')}` : ''} (release ${context.release})`;
  if (r) message = r.string(message);
  const err = new Cls(message, {
    kind: ofKind(kind),
    messages: r ? messages.map((m) => r.string(m)) : messages,
    operation: context.operation,
    release: context.release,
    body: r ? r.value(info.error) : info.error,
  });
  Object.defineProperty(err, 'taskId', { value: info.id, enumerable: true });
  return err;
}
