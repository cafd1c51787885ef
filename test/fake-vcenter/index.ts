/**
 * Kept only for scripted task steps and faults in a running task (test/tasks, hardening): the mock's task lifecycle is fixed.
 * A fake vCenter for those suites: sessions, a small inventory to clone, tasks driven by the
 * test, fault injection, canned routes, over HTTP, loopback only. New tests use the mock or
 * test/support/hostile.ts.
 *
 *   const fake = await startFakeVcenter({ release: '8.0.2' });
 *   ...
 *   await fake.close();
 */
export { startFakeVcenter, type FakeVcenter, type FakeVcenterOptions, type RouteReply } from './server.js';
export type { FailRule, DelayRule, ResetRule, Match } from './faults.js';
export { matchers } from './faults.js';
export type { FakeVm, PowerState, Inventory } from './inventory.js';
export { SEED_VMS } from './inventory.js';
export type { TaskStore, TaskInfo, TaskStep, TaskStatus, TaskProgress, CreateTaskOptions, Advance } from './tasks.js';
export { DEFAULT_SCRIPT } from './tasks.js';
export type { SessionStore, Session } from './sessions.js';
export type { RouteOptions } from './router.js';
export type { FakeRequest, RouteContext, Reply, Handler, Message, Style } from './protocol.js';
export { apiError, restError, errorReply, message, ERROR_STATUS } from './protocol.js';
