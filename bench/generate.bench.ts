/**
 * Code generation, three rows:
 *
 * - The whole command a user runs, `npm run generate -- --force`: npm's start, the runtime,
 *   events and mock builds (their dist folders, rewritten in place, atomically) and the
 *   generator of every release and the events package, from spawn to exit. Into a temporary
 *   `--out` (so the repository's generated/ and its node_modules links are left alone), every
 *   release cold. Aim: < 15 s.
 * - The generator alone, cold (`--force`, an empty out dir): a fresh node process calling
 *   `runGenerate`, timed around the import of the generator and the run (module loading
 *   counts, tsx's own startup and the package builds do not).
 * - A no-op regenerate of the same dir (every release up to date, skipped), timed the same way.
 *
 *   npx tsx bench/generate.bench.ts          # prints the result as JSON
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  iters,
  lastJsonLine,
  median,
  quick,
  round,
  runCommand,
  runNode,
  spread,
  tsNodeArgs,
  type Benchmark,
  type BenchResult,
  type Metric,
} from './harness.js';

const AIM_S = 15;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** A user's shell: without the tsx settings this bench runs under. */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TSX_')));

/** ms of `npm run generate -- --force --out DIR`, spawn to exit. */
async function wholeCommand(out: string, releases: string[]): Promise<number> {
  const args = ['run', 'generate', '--', '--force', '--out', out, ...releases.flatMap((r) => ['--release', r])];
  return (await runCommand(npm, args, { env: userEnv, timeoutMs: 15 * 60_000 })).ms;
}

const self = fileURLToPath(import.meta.url);

interface ChildResult {
  ms: number;
  code: number;
  generated: number;
  skipped: number;
}

/** In the child: one runGenerate, timed; counts the "skipped" lines it printed. */
async function child(mode: 'cold' | 'noop', out: string, releases: string[]): Promise<void> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  const t = performance.now();
  const { runGenerate } = await import('../codegen/src/cli.js');
  const code = await runGenerate({ out, force: mode === 'cold', ...(releases.length ? { release: releases } : {}) });
  const ms = performance.now() - t;
  process.stdout.write = write;
  const printed = lines.join('').split('\n');
  const skipped = printed.filter((l) => /: up to date .*skipped/.test(l)).length;
  const generated = printed.filter((l) => /: generated in /.test(l)).length;
  console.log(JSON.stringify({ ms, code, generated, skipped } satisfies ChildResult));
}

async function once(mode: 'cold' | 'noop', out: string, releases: string[]): Promise<ChildResult> {
  const { stdout } = await runNode([...tsNodeArgs(), self, '--child', mode, '--out', out, '--releases', releases.join(',')], {
    timeoutMs: 15 * 60_000,
  });
  const r = lastJsonLine<ChildResult>(stdout);
  if (r.code !== 0) throw new Error(`generate (${mode}) failed:\n${stdout.slice(-4000)}`);
  return r;
}

export async function run(): Promise<BenchResult> {
  const runs = iters(5, 1);
  // Quick mode: the smallest release only; otherwise every release of the specs folder.
  const releases = quick ? ['6.7.0'] : [];
  const cold: number[] = [];
  const noop: number[] = [];
  const skipped: number[] = [];
  const generated: number[] = [];
  const command: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'vcenter-sdk-bench-generate-'));
    try {
      const out = join(dir, 'generated');
      process.stdout.write(`  generate: cold run ${i + 1}/${runs}…\n`);
      const c = await once('cold', out, releases);
      cold.push(c.ms);
      generated.push(c.generated);
      process.stdout.write(`  generate: no-op run ${i + 1}/${runs}…\n`);
      const n = await once('noop', out, releases);
      noop.push(n.ms);
      skipped.push(n.skipped);
      // Not in quick mode: the package builds and every release would double the smoke test's time.
      if (!quick) {
        process.stdout.write(`  generate: npm run generate -- --force, run ${i + 1}/${runs}…\n`);
        command.push(await wholeCommand(join(dir, 'whole'), releases));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const what = quick ? 'release 6.7.0' : 'all releases';
  // A no-op run must skip every release the cold run generated (a concurrent edit of the
  // generator's sources between the two runs changes its fingerprint and defeats that).
  const allSkipped = Math.min(...skipped);
  const expected = Math.max(...generated);
  const whole: Metric[] = command.length
    ? [
        {
          name: `whole command \`npm run generate -- --force\`, ${what}, spawn to exit (runtime, events and mock builds + generator)`,
          value: round(median(command) / 1000, 2),
          unit: 's',
          aim: `< ${AIM_S} s`,
          ok: command.every((ms) => ms < AIM_S * 1000),
          runs: { count: runs, value: spread(command.map((ms) => round(ms / 1000, 2))) },
        },
      ]
    : [];
  return {
    name: 'generate',
    title: 'generate',
    runs,
    metrics: [
      ...whole,
      {
        name: `generator alone, cold, ${what} (--force, empty out dir)`,
        value: round(median(cold) / 1000, 2),
        unit: 's',
        runs: { count: runs, value: spread(cold.map((ms) => round(ms / 1000, 2))) },
      },
      {
        name: `no-op regenerate, ${what} (${allSkipped} of ${expected} skipped)`,
        value: round(median(noop) / 1000, 2),
        unit: 's',
        aim: 'all skipped',
        ok: skipped.every((n, i) => n === generated[i]),
        runs: { count: runs, value: spread(noop.map((ms) => round(ms / 1000, 2))) },
      },
    ],
    details: {
      releases: releases.length ? releases : 'all',
      commandMs: command.map((x) => round(x, 0)),
      coldMs: cold.map((x) => round(x, 0)),
      noopMs: noop.map((x) => round(x, 0)),
      generated,
      skipped,
    },
  };
}

export const benchmark: Benchmark = { name: 'generate', title: 'generate', run };

const argv = process.argv;
if (argv[1] && fileURLToPath(import.meta.url) === argv[1]) {
  const at = (flag: string) => argv[argv.indexOf(flag) + 1] ?? '';
  if (argv.includes('--child')) await child(at('--child') as 'cold' | 'noop', at('--out'), at('--releases').split(',').filter(Boolean));
  else console.log(JSON.stringify(await run(), null, 2));
}
