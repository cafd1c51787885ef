/**
 * Starts the Prism front (one Prism per release, all in parallel) for the whole contract
 * project and hands its URL to the test files (`inject('mockUrl')`).
 */
import type { TestProject } from 'vitest/node';
import { startPrismFront } from './front/server.js';
import { PASSWORD, USER } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    mockReleases: string[];
    /** A VM of the mock that runs the front's tasks, by release: a source a clone task can copy. */
    taskVms: Record<string, string>;
    /** Prism startup per release (ms), for the report. */
    prismStartupMs: Record<string, number>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = performance.now();
  const front = await startPrismFront({ users: { [USER]: PASSWORD } });
  const startup = Object.fromEntries(Object.entries(front.prisms).map(([r, p]) => [r, p.startupMs]));
  console.log(
    `[contract] Prism front at ${front.url} in ${Math.round(performance.now() - t0)} ms; Prism startup (parallel) ms: ${JSON.stringify(startup)}`,
  );
  project.provide('mockUrl', front.url);
  project.provide('mockReleases', front.releases);
  project.provide('taskVms', { ...front.taskVms });
  project.provide('prismStartupMs', startup);
  return async () => {
    await front.close();
  };
}
