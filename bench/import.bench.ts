/**
 * Import cost of one release: `@vcenter-sdk/vsphere-7.0.3` + `@vcenter-sdk/runtime` (the
 * compiled packages, as a consumer gets them), against importing `openapi-fetch` + `zod`,
 * the two libraries a hand-written client would start from. Each sample is a fresh node
 * process (plain node, no tsx) that times its dynamic imports and measures RSS and heap
 * before and after (after a GC, with --expose-gc). Runs alternate between the two sides.
 * Also a function handler's cold start (bench/handler-coldstart.ts): the same packages plus
 * the events ones, one delivery, one decoded call, against node:http + fetch + JSON.parse.
 *
 *   npx tsx bench/import.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { handlerColdStart } from './handler-coldstart.js';
import { iters, lastJsonLine, median, medianRound, pairedRuns, round, runNode, type Benchmark, type BenchResult } from './harness.js';

const SIDES = {
  sdk: ['@vcenter-sdk/vsphere-7.0.3', '@vcenter-sdk/runtime'],
  baseline: ['openapi-fetch', 'zod'],
} as const;

interface Sample {
  ms: number;
  rssMB: number;
  heapMB: number;
}

function script(specifiers: readonly string[]): string {
  return `
const mem = () => { globalThis.gc(); const m = process.memoryUsage(); return { rss: m.rss, heap: m.heapUsed }; };
const before = mem();
const t = performance.now();
${specifiers.map((s) => `await import(${JSON.stringify(s)});`).join('\n')}
const ms = performance.now() - t;
const after = mem();
console.log(JSON.stringify({ ms, rssMB: (after.rss - before.rss) / 2 ** 20, heapMB: (after.heap - before.heap) / 2 ** 20 }));
`;
}

async function sample(specifiers: readonly string[]): Promise<Sample> {
  const { stdout } = await runNode(['--expose-gc', '--input-type=module', '-e', script(specifiers)], { timeoutMs: 60_000 });
  const s = lastJsonLine<Sample>(stdout);
  return { ms: round(s.ms, 1), rssMB: round(s.rssMB, 2), heapMB: round(s.heapMB, 2) };
}

export async function run(): Promise<BenchResult> {
  const runs = iters(9, 1);
  const sdk: Sample[] = [];
  const base: Sample[] = [];
  await sample(SIDES.baseline); // warm the file system cache, unmeasured
  await sample(SIDES.sdk);
  for (let i = 0; i < runs; i++) {
    const b = await sample(SIDES.baseline);
    const s = await sample(SIDES.sdk);
    base.push(b);
    sdk.push(s);
  }
  const med = (xs: Sample[], k: keyof Sample) => round(median(xs.map((x) => x[k])), 1);
  const rounds = (k: keyof Sample) =>
    pairedRuns(
      sdk.map((x) => x[k]),
      base.map((x) => x[k]),
    );
  const handler = await handlerColdStart(iters(5, 1));
  const baselineName = 'openapi-fetch + zod';
  const time = medianRound(
    sdk.map((s) => s.ms),
    base.map((b) => b.ms),
  );
  return {
    name: 'import',
    title: 'import',
    runs,
    metrics: [
      {
        name: '@vcenter-sdk/vsphere-7.0.3 + @vcenter-sdk/runtime (fresh process)',
        value: round(time.measured, 1),
        unit: 'ms',
        baseline: { name: baselineName, value: round(time.baseline, 1), unit: 'ms' },
        ratio: round(time.ratio, 2),
        aim: '<= 1.5',
        ok: time.ratio <= 1.5,
        runs: rounds('ms'),
      },
      {
        name: 'RSS delta of the same imports',
        value: med(sdk, 'rssMB'),
        unit: 'MB',
        baseline: { name: baselineName, value: med(base, 'rssMB'), unit: 'MB' },
        ratio: round(med(sdk, 'rssMB') / med(base, 'rssMB'), 2),
        runs: rounds('rssMB'),
      },
      {
        name: 'heap delta of the same imports (after GC)',
        value: med(sdk, 'heapMB'),
        unit: 'MB',
        baseline: { name: baselineName, value: med(base, 'heapMB'), unit: 'MB' },
        ratio: round(med(sdk, 'heapMB') / med(base, 'heapMB'), 2),
        aim: '<= 1.5',
        ok: med(sdk, 'heapMB') / med(base, 'heapMB') <= 1.5,
        runs: rounds('heapMB'),
      },
      handler,
    ],
    details: { sdk, baseline: base },
  };
}

export const benchmark: Benchmark = { name: 'import', title: 'import', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
