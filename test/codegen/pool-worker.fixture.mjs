// A stand-in generate worker for test/codegen/pool.e2e.test.ts. A job is { name, crash?, fail?, barrier? }:
// `barrier` ({ dir, count }) holds the job until `count` workers have reached it, so jobs that
// finish at all ran at the same time.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

process.on('message', async (job) => {
  if (job.crash) process.exit(3);
  if (job.fail) return process.send({ type: 'failed', message: `${job.name}: failed on purpose` });
  process.send({ type: 'stage', release: job.name, stage: 'working' });
  if (job.barrier) {
    writeFileSync(join(job.barrier.dir, String(process.pid)), '');
    while (readdirSync(job.barrier.dir).length < job.barrier.count) await new Promise((r) => setTimeout(r, 20));
  }
  process.send({ type: 'done', outcome: { name: job.name, pid: process.pid } });
});
