/**
 * Generate jobs in worker processes, at most one per core (`os.availableParallelism()`): the
 * releases of a cold generate are independent and each is single-threaded work, so on two
 * cores two of them run at once. Each job settles on its own (a failed release fails alone);
 * a worker that dies fails the job it had. The workers only compute and write their release:
 * the parent prints every line, so the output is the same as from one process.
 */
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventsGenerateOptions, EventsOutcome } from './events/inputs.js';
import type { GenerateOptions, ReleaseOutcome } from './pipeline.js';

/** What crosses to a worker: the options of generateRelease, with the registry as its folder. */
export type ReleaseJobOptions = Omit<GenerateOptions, 'registry' | 'onStage'> & { registryDir: string };

export type Job = { kind: 'release'; release: string; options: ReleaseJobOptions } | { kind: 'events'; options: EventsGenerateOptions };

/** What a worker answers: stages while it works, then done or failed, once per job. */
export type WorkerMessage<R = ReleaseOutcome | EventsOutcome> =
  | { type: 'stage'; release: string; stage: string }
  | { type: 'done'; outcome: R }
  | { type: 'failed'; message: string };

/** A job that failed in its worker; the message is what the failure prints (a SpecError's message, else the stack). */
export class JobFailed extends Error {
  override name = 'JobFailed';
}

const WORKER = join(fileURLToPath(new URL('.', import.meta.url)), 'generate-worker.ts');

export interface PoolOptions {
  /** The workers' working folder: tsx reads its tsconfig.json there (TSX_TSCONFIG_PATH, when set, is inherited). */
  cwd: string;
  /** Default `os.availableParallelism()`; never more than there are jobs. */
  size?: number;
  onStage?: (release: string, stage: string) => void;
  /** The worker module (TypeScript or JavaScript). Default generate-worker.ts; the pool's tests give their own. */
  worker?: string;
}

/** Runs the jobs, in the order given, on a pool of workers; one promise per job, in the same order. */
export function runJobs<R, J = Job>(jobs: J[], o: PoolOptions): Promise<R>[] {
  const queue = jobs.map((job) => ({ job, ...settleable<R>() }));
  if (!queue.length) return [];
  const pending = [...queue];
  const size = Math.max(1, Math.min(o.size ?? availableParallelism(), queue.length));
  // The TypeScript loader, by absolute URL: the worker is a .ts file whoever the parent is (tsx, bin/, vitest).
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const alive = new Set<ChildProcess>();
  for (let i = 0; i < size; i++) {
    const child = fork(o.worker ?? WORKER, [], {
      cwd: o.cwd,
      execArgv: ['--import', loader],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    alive.add(child);
    let current: (typeof queue)[number] | undefined;
    const next = () => {
      current = pending.shift();
      if (current) child.send(current.job as Serializable);
      else child.disconnect();
    };
    child.on('message', (m: WorkerMessage<R>) => {
      if (m.type === 'stage') return o.onStage?.(m.release, m.stage);
      if (m.type === 'done') current?.resolve(m.outcome);
      else current?.reject(new JobFailed(m.message));
      next();
    });
    // A worker that dies fails its job; the queue goes to the others, or fails with the last one.
    const lost = (why: string) => {
      alive.delete(child);
      current?.reject(new JobFailed(`the generate worker ${why}`));
      current = undefined;
      if (alive.size === 0)
        for (const left of pending.splice(0)) left.reject(new JobFailed(`no generate worker left (the last one ${why})`));
    };
    child.on('error', (e) => lost(`could not run (${e.message})`));
    child.on('exit', (code, signal) => lost(`exited (${signal ?? code}) before it finished`));
    next();
  }
  return queue.map((q) => q.promise);
}

function settleable<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A job's failure is reported where its promise is awaited, in order; never as unhandled meanwhile.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
