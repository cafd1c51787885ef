/** One release served by the mock: its operations and routes, and a vCenter of its own (inventory, tasks). */
import { exampleFor } from './examples.js';
import { seedInventory, type InventoryOptions } from './inventory/seed.js';
import type { Inventory } from './inventory/model.js';
import { seededRandom, type Random } from './random.js';
import { loadRelease, type ReleaseFiles } from './releases.js';
import { ReleaseRoutes, type OperationSpec } from './routes.js';
import { TaskStore } from './tasks.js';

export class ReleaseState {
  readonly routes: ReleaseRoutes;
  readonly inventory: Inventory;
  readonly tasks: TaskStore;
  readonly random: Random;
  /** The release declares `/api` operations (7.0.2 on) and `/api/session`. */
  readonly hasApi: boolean;
  readonly hasApiSession: boolean;
  private taskErrorType: string | undefined;

  private constructor(
    readonly release: string,
    private readonly files: ReleaseFiles,
    seed: number,
    inventory: InventoryOptions | undefined,
    now: () => Date,
  ) {
    this.routes = new ReleaseRoutes(files.operations);
    // Every release gets the same vCenter for the same seed: same names, ids and states.
    this.random = seededRandom(seed);
    this.inventory = seedInventory(this.random, inventory);
    this.tasks = new TaskStore(now, () => (this.taskErrorType ??= taskErrorType(files)) === 'object');
    this.hasApi = files.operations.some((o) => o.style === 'api');
    this.hasApiSession = this.routes.get('session.create') !== undefined;
  }

  static load(
    dir: string | undefined,
    release: string,
    seed: number,
    inventory: InventoryOptions | undefined,
    now: () => Date,
  ): ReleaseState {
    return new ReleaseState(release, loadRelease(dir, release), seed, inventory, now);
  }

  get operations(): readonly OperationSpec[] {
    return this.files.operations;
  }

  /** The example answer of an unmodelled operation, as sent on the wire. */
  example(op: OperationSpec, status: number): unknown {
    return exampleFor(this.files.document(), op, status);
  }
}

/** How the release's task info types `error` (read from the document only when a task fails). */
function taskErrorType(files: ReleaseFiles): string {
  const schemas = files.document().components?.schemas ?? {};
  const info = (schemas.CisTaskInfo ?? schemas['cis.task.info']) as { properties?: { error?: { type?: string } } } | undefined;
  return info?.properties?.error?.type ?? 'string';
}
