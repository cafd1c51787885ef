/**
 * Start-up of the mock vCenter (mock/), once generated: a fresh `vcenter-sdk mock` process
 * until it prints that it listens (aim: under 3 s), against a fresh Node process that only
 * prints a line (the floor of any command); and `startMock()` in-process, every generated
 * release, against reading and parsing their operation tables (what it cannot avoid).
 *
 *   npx tsx bench/mock.bench.ts
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedReleases, startMock } from '../mock/src/index.js';
import { iters, medianRound, repoRoot, round, type Benchmark, type BenchResult } from './harness.js';

/** ms from spawn until a stdout line matches `ready`; the process is then stopped. */
function timeToLine(args: string[], ready: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (ready.test(out)) {
        const ms = performance.now() - t0;
        child.kill('SIGTERM');
        resolve(ms);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing ${ready}: ${out}`)));
  });
}

export async function run(): Promise<BenchResult> {
  const rounds = iters(5, 1);
  const releases = generatedReleases();
  const proc: number[] = [];
  const floor: number[] = [];
  const inProcess: number[] = [];
  const parse: number[] = [];
  for (let r = 0; r < rounds; r++) {
    floor.push(await timeToLine(['-e', 'console.log("ready")'], /ready/));
    proc.push(await timeToLine([join(repoRoot, 'bin/vcenter-sdk.mjs'), 'mock'], /listening on /));
    let t = performance.now();
    const mock = await startMock();
    inProcess.push(performance.now() - t);
    await mock.close();
    t = performance.now();
    for (const release of releases) JSON.parse(readFileSync(join(repoRoot, 'generated', release, 'operations.json'), 'utf8'));
    parse.push(performance.now() - t);
  }
  const p = medianRound(proc, floor);
  const s = medianRound(inProcess, parse);
  return {
    name: 'mock',
    title: 'mock',
    runs: rounds,
    metrics: [
      {
        name: `mock: \`vcenter-sdk mock\` from process start to listening (${releases.length} releases)`,
        value: round(p.measured / 1000, 2),
        unit: 's',
        baseline: { name: 'node -e console.log', value: round(p.baseline / 1000, 2), unit: 's' },
        ratio: round(p.ratio, 2),
        aim: '< 3 s',
        ok: p.measured < 3000,
      },
      {
        name: 'mock: startMock() in-process, every release',
        value: round(s.measured, 1),
        unit: 'ms',
        baseline: { name: 'read + JSON.parse of their operations.json', value: round(s.baseline, 1), unit: 'ms' },
        ratio: round(s.ratio, 2),
      },
    ],
    details: { releases, processMs: proc.map((x) => round(x, 0)), floorMs: floor.map((x) => round(x, 0)), inProcessMs: inProcess.map((x) => round(x, 1)) },
  };
}

export const benchmark: Benchmark = { name: 'mock', title: 'mock', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
