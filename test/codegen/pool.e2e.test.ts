/**
 * The generate pool (codegen/src/pool.ts) with a stand-in worker: jobs run at once on separate
 * processes, answers come back per job in the order given, a failure or a dead worker fails its
 * job alone. Then runGenerate through the real workers: several releases in one run, lines in
 * release order, and a release that breaks keeps its previous output while the others are generated.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { digestTree } from '../support/digest-tree.js';
import { scratchDirs } from '../support/scratch.js';
import { repoRoot, runGenerate } from '../../codegen/src/cli.js';
import { generateRelease } from '../../codegen/src/pipeline.js';
import { JobFailed, runJobs } from '../../codegen/src/pool.js';
import { SpecRegistry } from '../../codegen/src/registry.js';
import { specsFolder, swaggerRelease } from './fixtures.js';

const worker = fileURLToPath(new URL('./pool-worker.fixture.mjs', import.meta.url));
type Outcome = { name: string; pid: number };
type FakeJob = { name: string; crash?: boolean; fail?: boolean; barrier?: { dir: string; count: number } };

const tempDir = scratchDirs();
afterEach(() => vi.restoreAllMocks());

describe('the generate pool', () => {
  it('runs as many jobs at once as it has workers, each in its own process', async () => {
    // Each job waits until both have started: with one worker at a time neither would finish.
    const barrier = { dir: tempDir('barrier-'), count: 2 };
    const stages: string[] = [];
    const [a, b] = runJobs<Outcome, FakeJob>(
      [
        { name: 'a', barrier },
        { name: 'b', barrier },
      ],
      {
        cwd: repoRoot,
        size: 2,
        worker,
        onStage: (release, stage) => stages.push(`${release}: ${stage}`),
      },
    );
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra!.name, rb!.name]).toEqual(['a', 'b']);
    expect(ra!.pid).not.toBe(rb!.pid);
    expect(ra!.pid).not.toBe(process.pid);
    expect(stages.sort()).toEqual(['a: working', 'b: working']);
  });

  it('answers each job in the order given; a failed job fails alone', async () => {
    const results = await Promise.allSettled(
      runJobs<Outcome, FakeJob>([{ name: 'a' }, { name: 'b', fail: true }, { name: 'c' }, { name: 'd' }], {
        cwd: repoRoot,
        size: 2,
        worker,
      }),
    );
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.name : (r.reason as Error).message))).toEqual([
      'a',
      'b: failed on purpose',
      'c',
      'd',
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(JobFailed);
  });

  it('a worker that dies fails the job it had; the other worker takes the rest', async () => {
    const results = await Promise.allSettled(
      runJobs<Outcome, FakeJob>([{ name: 'x', crash: true }, { name: 'y' }, { name: 'z' }], { cwd: repoRoot, size: 2, worker }),
    );
    expect(results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({ message: expect.stringMatching(/exited \(3\) before it finished/) }),
    });
    expect(results.slice(1).map((r) => r.status === 'fulfilled' && r.value.name)).toEqual(['y', 'z']);
  });

  it('with its last worker gone, the jobs left fail instead of waiting forever', async () => {
    const results = await Promise.allSettled(
      runJobs<Outcome, FakeJob>([{ name: 'x', crash: true }, { name: 'y' }], { cwd: repoRoot, size: 1, worker }),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/no generate worker left/);
  });

  it('never starts more workers than there are jobs, nor more than the cores by default', async () => {
    const jobs = Array.from({ length: availableParallelism() + 2 }, (_, i) => ({ name: `j${i}` }));
    const pids = new Set((await Promise.all(runJobs<Outcome, FakeJob>(jobs, { cwd: repoRoot, worker }))).map((r) => r.pid));
    expect(pids.size).toBeGreaterThanOrEqual(1);
    expect(pids.size).toBeLessThanOrEqual(availableParallelism());
    const one = await Promise.all(runJobs<Outcome, FakeJob>([{ name: 'only' }], { cwd: repoRoot, size: 8, worker }));
    expect(one).toHaveLength(1);
  });
});

describe('runGenerate through the pool', () => {
  it('generates several releases in one run, prints them in release order, and a broken one keeps its output', async () => {
    const specs = specsFolder({ '9.1.0': swaggerRelease(), '9.2.0': swaggerRelease(), '9.3.0': swaggerRelease() });
    const out = tempDir('pool-out-');
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => void printed.push(String(chunk))) as never);
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(`${a.join(' ')}\n`));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));

    expect(await runGenerate({ specs, out, release: ['9.1.0', '9.2.0', '9.3.0'] })).toBe(0);
    const lines = printed
      .join('')
      .split('\n')
      .filter((l) => /^9\.\d\.0: /.test(l));
    expect(lines.map((l) => l.slice(0, 16))).toEqual(['9.1.0: generated', '9.2.0: generated', '9.3.0: generated']);
    const before = digestTree(join(out, '9.2.0'));
    // A worker writes the bytes generateRelease writes in this process. Not report.json's input digest: it
    // covers the runtime contract as this process resolves it (vitest's aliases), the worker as tsx does.
    const inProcess = tempDir('pool-in-process-');
    await generateRelease('9.1.0', {
      specsDir: specs,
      outDir: inProcess,
      rootDir: repoRoot,
      registry: new SpecRegistry(join(repoRoot, 'specs')),
      runtimeVersion: '0.1.0',
    });
    const { 'report.json': _a, ...pooled } = digestTree(join(out, '9.1.0'));
    const { 'report.json': _b, ...local } = digestTree(join(inProcess, '9.1.0'));
    expect(pooled).toEqual(local);
    const report = (dir: string) => ({ ...JSON.parse(readFileSync(join(dir, '9.1.0/report.json'), 'utf8')), inputs: undefined });
    expect(report(out)).toEqual(report(inProcess));

    printed.length = 0;
    writeFileSync(join(specs, '9.2.0/lab.json'), '{"swagger": "2.0", "paths": {');
    expect(await runGenerate({ specs, out, release: ['9.1.0', '9.2.0', '9.3.0'], force: true })).toBe(1);
    const again = printed
      .join('')
      .split('\n')
      .filter((l) => /^9\.\d\.0: /.test(l));
    expect(again.map((l) => l.slice(0, 16))).toEqual(
      ['9.1.0: generated', '9.2.0: FAILED, pr', '9.3.0: generated'].map((l) => l.slice(0, 16)),
    );
    expect(errors.join('\n')).toMatch(/9\.2\.0\/lab\.json: not valid JSON/);
    expect(digestTree(join(out, '9.2.0'))).toEqual(before);
    expect(readdirSync(join(out, '.staging')).filter((n) => n.startsWith('9.2.0'))).toEqual([]);
  });
});

vi.setConfig({ testTimeout: 180_000 });
