/** @vcenter-sdk/mock: a stateful mock vCenter for tests and demos of code that uses vcenter-sdk. */
export { startMock, type MockLogEntry, type MockVcenter, type StartMockOptions } from './start.js';
export { generatedReleases } from './releases.js';
export type { InventoryOptions } from './inventory/seed.js';
export type { Inventory, Vm, PowerState } from './inventory/model.js';
export type { AnswerSource } from './dispatch.js';
export type { MockTls } from './tls.js';
