/**
 * Type-check cost for a consumer: the same small program written twice, checked by
 * `tsc --noEmit --extendedDiagnostics` (its "Total time"), runs alternating, median of 3:
 *
 * - baseline: plain openapi-typescript output used through openapi-fetch,
 *   `createClient<paths>()` with `paths` from `generated/7.0.3/dist/types.d.ts`;
 * - measured: the SDK, `createClient({ release: v703 })`, `client.call('vcenter.vm.list')`
 *   and `client.GET('/api/vcenter/vm/{vm}')`.
 *
 * Both programs must type-check without errors (else the bench fails). Scratch files go to
 * bench/tmp/ (ignored by git and by the repository's tsconfig).
 *
 *   npx tsx bench/typecheck.bench.ts
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { iters, median, medianRound, repoRoot, round, type Benchmark, type BenchResult } from './harness.js';

const exec = promisify(execFile);
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

const CONSUMERS = {
  baseline: `import createClient from 'openapi-fetch';
import type { paths } from '../../../../generated/7.0.3/dist/types.js';

export async function main(baseUrl: string) {
  const client = createClient<paths>({ baseUrl, headers: { 'vmware-api-session-id': 'session' } });
  const { data: vms } = await client.GET('/api/vcenter/vm', { params: { query: { names: ['web-01'] } } });
  const { data: vm } = await client.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: vms?.[0]?.vm ?? 'vm-1' } } });
  return [vms?.length, vm?.name, vm?.power_state];
}
`,
  sdk: `import { createClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';

export async function main(baseUrl: string) {
  const client = createClient({ baseUrl, release: v703, auth: { username: 'u', password: 'p' } });
  const vms = await client.call('vcenter.vm.list', { query: { names: ['web-01'] } });
  const { data: vm } = await client.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: vms[0]?.vm ?? 'vm-1' } } });
  await client.close();
  return [vms.length, vm?.name, vm?.power_state];
}
`,
} as const;

type Side = keyof typeof CONSUMERS;

interface Diagnostics {
  totalS: number;
  checkS: number;
  memoryK: number;
  files: number;
}

async function check(dir: string): Promise<Diagnostics> {
  let stdout: string;
  try {
    ({ stdout } = await exec(process.execPath, [tsc, '-p', dir, '--extendedDiagnostics'], {
      cwd: repoRoot,
      timeout: 300_000,
      maxBuffer: 16 * 2 ** 20,
    }));
  } catch (e) {
    throw new Error(`typecheck: ${dir} does not type-check:\n${String((e as { stdout?: string }).stdout ?? e).slice(0, 4000)}`);
  }
  const num = (label: string) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(stdout);
    if (!m) throw new Error(`typecheck: no "${label}" in tsc's diagnostics`);
    return Number(m[1]);
  };
  return { totalS: num('Total time'), checkS: num('Check time'), memoryK: num('Memory used'), files: num('Files') };
}

export async function run(): Promise<BenchResult> {
  const runs = iters(3, 1);
  const root = join(repoRoot, 'bench/tmp', `typecheck-${process.pid}`);
  const dirs = {} as Record<Side, string>;
  try {
    for (const side of Object.keys(CONSUMERS) as Side[]) {
      const dir = (dirs[side] = join(root, side));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'consumer.ts'), CONSUMERS[side]);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../../../../tsconfig.base.json',
          compilerOptions: { noEmit: true, lib: ['ES2023', 'ESNext.Disposable'] },
          files: ['consumer.ts'],
        }),
      );
    }
    const samples: Record<Side, Diagnostics[]> = { baseline: [], sdk: [] };
    for (let i = 0; i < runs; i++) {
      process.stdout.write(`  typecheck: run ${i + 1}/${runs}…\n`);
      const order: Side[] = i % 2 ? ['sdk', 'baseline'] : ['baseline', 'sdk'];
      for (const side of order) samples[side].push(await check(dirs[side]));
    }
    const med = (side: Side, k: keyof Diagnostics) => median(samples[side].map((s) => s[k]));
    const total = medianRound(
      samples.sdk.map((s) => s.totalS),
      samples.baseline.map((s) => s.totalS),
    );
    return {
      name: 'typecheck',
      title: 'type-check',
      runs,
      metrics: [
        {
          name: "consumer of createClient({ release: v703 }) + call('vcenter.vm.list') + GET (tsc total time)",
          value: round(total.measured, 2),
          unit: 's',
          baseline: {
            name: 'openapi-fetch createClient<paths>() on the openapi-typescript output',
            value: round(total.baseline, 2),
            unit: 's',
          },
          ratio: round(total.ratio, 2),
        },
        {
          name: 'memory used by tsc for the same',
          value: round(med('sdk', 'memoryK') / 1024, 0),
          unit: 'MB',
          baseline: { name: 'openapi-fetch consumer', value: round(med('baseline', 'memoryK') / 1024, 0), unit: 'MB' },
          ratio: round(med('sdk', 'memoryK') / med('baseline', 'memoryK'), 2),
        },
      ],
      details: samples,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = { name: 'typecheck', title: 'type-check', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
