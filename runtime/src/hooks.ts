/**
 * Observation hooks. Payloads name the operation, release, method, path template, status
 * and attempt; headers in them are redacted; they never carry secret values.
 * A hook that throws never breaks a request (the exception is reported as a warning).
 */
import type { TaskStatus } from './tasks/types.js';

export interface RequestInfo {
  /** Operation name (`vcenter.vm.list`, `session.create`), or the path template for the path API. */
  operation: string;
  release: string | undefined;
  method: string;
  /** Path template: `/api/vcenter/vm/{vm}`. */
  path: string;
  /** 0 for the first attempt, 1 for the first retry... (a replay after re-login counts as an attempt). */
  attempt: number;
  /** Request headers, secret values redacted. */
  headers: Record<string, string>;
}

export interface ResponseInfo extends RequestInfo {
  status: number;
  durationMs: number;
  /** Response headers, secret values redacted. */
  responseHeaders: Record<string, string>;
}

export interface RetryInfo extends RequestInfo {
  delayMs: number;
  /** The error or status that caused the retry, e.g. `SERVICE_UNAVAILABLE`, `ECONNRESET`, `REQUEST_TIMEOUT`, `UNAUTHENTICATED` (re-login). */
  reason: string;
}

export interface ErrorInfo extends RequestInfo {
  error: unknown;
}

export interface DecodeIssueInfo {
  operation: string;
  release: string | undefined;
  method: string;
  path: string;
  /** What the decode module reported. */
  issue: unknown;
}

export interface WarningInfo {
  code: string;
  message: string;
  operation?: string | undefined;
  release?: string | undefined;
  /** For `RELEASE_HEADER_UNKNOWN`: the release the response named. */
  responseRelease?: string | undefined;
}

export type { TaskStatus } from './tasks/types.js';

/** What every task hook names: the task, the operation that started it (when known), the release. */
export interface TaskEventInfo {
  taskId: string;
  /** The `$task` operation that started the task; undefined for a task attached by id. */
  operation: string | undefined;
  release: string | undefined;
}

export type TaskStartInfo = TaskEventInfo;

export interface TaskProgressInfo extends TaskEventInfo {
  status: TaskStatus;
  /** The status seen before this one (undefined on the first observation). */
  previousStatus: TaskStatus | undefined;
  progress?: { total: number; completed: number; message?: string | undefined } | undefined;
  /** Polls so far for this task by this client. */
  polls: number;
}

export interface TaskEndInfo extends TaskEventInfo {
  /** Last status seen (undefined when the task was never seen). */
  status: TaskStatus | undefined;
  /** How waiting ended: the task's outcome, or why the client stopped watching it. */
  outcome: 'succeeded' | 'failed' | 'timeout' | 'aborted' | 'not_found' | 'error';
  /** The rejection, for every outcome but `succeeded`. */
  error?: unknown;
  /** From the start request (or from attaching) to now. */
  durationMs: number;
  polls: number;
}

export interface Hooks {
  onRequest?(info: RequestInfo): void;
  onResponse?(info: ResponseInfo): void;
  onRetry?(info: RetryInfo): void;
  onError?(info: ErrorInfo): void;
  onDecodeIssue?(info: DecodeIssueInfo): void;
  onWarning?(info: WarningInfo): void;
  /** A task was started by this client (`start`/`run`) or attached by id. */
  onTaskStart?(info: TaskStartInfo): void;
  /** A task's status or progress changed (also its first observation). BLOCKED is reported here, not as an end. */
  onTaskProgress?(info: TaskProgressInfo): void;
  /** Waiting for a task ended: it succeeded or failed, or the client stopped (timeout, abort, 404, poll error). */
  onTaskEnd?(info: TaskEndInfo): void;
}

export function callHook<K extends keyof Hooks>(hooks: Hooks | undefined, name: K, payload: Parameters<NonNullable<Hooks[K]>>[0]): void {
  const fn = hooks?.[name] as ((p: unknown) => void) | undefined;
  if (!fn) return;
  try {
    fn.call(hooks, payload);
  } catch (e) {
    process.emitWarning(`vcenter-sdk: hook ${name} threw: ${e instanceof Error ? e.message : String(e)}`, {
      code: 'VCENTER_SDK_HOOK_ERROR',
    });
  }
}
