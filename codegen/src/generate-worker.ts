/**
 * A generate worker (pool.ts): runs the jobs its parent sends, one at a time, and answers each
 * with its outcome or failure; stage changes go to the parent for its progress line.
 */
import { SpecError } from './errors.js';
import { generateEvents } from './events/generate.js';
import { generateRelease } from './pipeline.js';
import type { Job, WorkerMessage } from './pool.js';
import { SpecRegistry } from './registry.js';

const send = (m: WorkerMessage) => process.send!(m);

async function run(job: Job) {
  if (job.kind === 'events') return generateEvents(job.options);
  const { registryDir, ...options } = job.options;
  return generateRelease(job.release, {
    ...options,
    registry: new SpecRegistry(registryDir),
    onStage: (release, stage) => send({ type: 'stage', release, stage }),
  });
}

process.on('message', (job: Job) => {
  run(job).then(
    (outcome) => send({ type: 'done', outcome }),
    // What the parent prints: a spec's mistake (and the events step's) as its message, a bug with its stack.
    (e: unknown) =>
      send({
        type: 'failed',
        message: e instanceof SpecError || job.kind === 'events' ? (e as Error).message : ((e as Error).stack ?? String(e)),
      }),
  );
});
