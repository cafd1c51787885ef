/**
 * Type-check cost for a consumer: the same small program written twice, checked by
 * `tsc --noEmit --extendedDiagnostics` (its "Total time" and "Memory used"), runs alternating,
 * 5 rounds, for one release and for two; each row shows the round with the median ratio and the
 * median and spread (min–max) of the 5 rounds:
 *
 * - baseline: plain openapi-typescript output used through openapi-fetch,
 *   `createClient<paths>()` with `paths` from `generated/<release>/dist/types.d.ts` (for two
 *   releases, one openapi-fetch client per release, each call on the client of its release);
 * - measured: the SDK, `createClient({ release: v703 })` (or `{ releases: [v703, v802] }`),
 *   `client.call('vcenter.vm.list')` and `client.GET('/api/vcenter/vm/{vm}')` (and, over two
 *   releases, a call that 8.0.2 serves).
 *
 * Every program must type-check without errors (else the bench fails). Scratch files go to
 * bench/tmp/ (ignored by git and by the repository's tsconfig).
 *
 *   npx tsx bench/typecheck.bench.ts
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { iters, median, medianRound, pairedRuns, repoRoot, round, type Benchmark, type BenchResult, type Metric } from './harness.js';

const exec = promisify(execFile);
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

const PATHS = (release: string) => `../../../../generated/${release}/dist/types.js`;

const CONSUMERS = {
  baseline: `import createClient from 'openapi-fetch';
import type { paths } from '${PATHS('7.0.3')}';

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
  baseline2: `import createClient from 'openapi-fetch';
import type { paths as paths703 } from '${PATHS('7.0.3')}';
import type { paths as paths802 } from '${PATHS('8.0.2')}';

export async function main(baseUrl: string) {
  const headers = { 'vmware-api-session-id': 'session' };
  const c703 = createClient<paths703>({ baseUrl, headers });
  const c802 = createClient<paths802>({ baseUrl, headers });
  const { data: vms } = await c703.GET('/api/vcenter/vm', { params: { query: { names: ['web-01'] } } });
  const { data: vm } = await c703.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: vms?.[0]?.vm ?? 'vm-1' } } });
  const { data: health } = await c802.GET('/api/appliance/health/system');
  return [vms?.length, vm?.name, vm?.power_state, health];
}
`,
  sdk2: `import { createClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import v802 from '@vcenter-sdk/vsphere-8.0.2';

export async function main(baseUrl: string) {
  const client = createClient({ baseUrl, releases: [v703, v802], auth: { username: 'u', password: 'p' } });
  const vms = await client.call('vcenter.vm.list', { query: { names: ['web-01'] } });
  const { data: vm } = await client.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: vms[0]?.vm ?? 'vm-1' } } });
  const health = await client.call('appliance.health.system.get');
  await client.close();
  return [vms.length, vm?.name, vm?.power_state, health];
}
`,
} as const;

type Side = keyof typeof CONSUMERS;
/** Each measured program and the baseline it is compared with. */
const PAIRS = [
  { measured: 'sdk', baseline: 'baseline', what: "createClient({ release: v703 }) + call('vcenter.vm.list') + GET" },
  {
    measured: 'sdk2',
    baseline: 'baseline2',
    what: "createClient({ releases: [v703, v802] }) + call('vcenter.vm.list') + GET + an 8.0.2 call",
  },
] as const satisfies readonly { measured: Side; baseline: Side; what: string }[];

interface Diagnostics {
  totalS: number;
  checkS: number;
  memoryK: number;
  files: number;
  types: number;
  instantiations: number;
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
  return {
    totalS: num('Total time'),
    checkS: num('Check time'),
    memoryK: num('Memory used'),
    files: num('Files'),
    types: num('Types'),
    instantiations: num('Instantiations'),
  };
}

const AIM = '<= 1.1';

export async function run(): Promise<BenchResult> {
  const runs = iters(5, 1);
  const root = join(repoRoot, 'bench/tmp', `typecheck-${process.pid}`);
  const sides = Object.keys(CONSUMERS) as Side[];
  const dirs = {} as Record<Side, string>;
  try {
    for (const side of sides) {
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
    const samples = Object.fromEntries(sides.map((s) => [s, [] as Diagnostics[]])) as Record<Side, Diagnostics[]>;
    for (let i = 0; i < runs; i++) {
      process.stdout.write(`  typecheck: run ${i + 1}/${runs}…\n`);
      for (const { measured, baseline } of PAIRS) {
        const order = i % 2 ? [measured, baseline] : [baseline, measured];
        for (const side of order) samples[side].push(await check(dirs[side]));
      }
    }
    const metrics = PAIRS.flatMap(({ measured, baseline, what }): Metric[] => {
      const pick = (side: Side, k: keyof Diagnostics) => samples[side].map((s) => s[k]);
      const total = medianRound(pick(measured, 'totalS'), pick(baseline, 'totalS'));
      const memory = medianRound(pick(measured, 'memoryK'), pick(baseline, 'memoryK'));
      const mb = (side: Side) => pick(side, 'memoryK').map((k) => k / 1024);
      return [
        {
          name: `consumer of ${what} (tsc total time)`,
          value: round(total.measured, 2),
          unit: 's',
          baseline: {
            name: `openapi-fetch createClient<paths>() on the openapi-typescript output`,
            value: round(total.baseline, 2),
            unit: 's',
          },
          ratio: round(total.ratio, 2),
          aim: AIM,
          ok: total.ratio <= 1.1,
          runs: pairedRuns(pick(measured, 'totalS'), pick(baseline, 'totalS')),
        },
        {
          name: `memory used by tsc for the same (${measured === 'sdk' ? 'one release' : 'two releases'})`,
          value: round(memory.measured / 1024, 0),
          unit: 'MB',
          baseline: { name: 'openapi-fetch consumer', value: round(memory.baseline / 1024, 0), unit: 'MB' },
          ratio: round(memory.ratio, 2),
          aim: AIM,
          ok: memory.ratio <= 1.1,
          runs: pairedRuns(mb(measured), mb(baseline)),
        },
      ];
    });
    const counts = Object.fromEntries(
      sides.map((s) => [
        s,
        {
          files: median(samples[s].map((x) => x.files)),
          types: median(samples[s].map((x) => x.types)),
          instantiations: median(samples[s].map((x) => x.instantiations)),
        },
      ]),
    );
    return { name: 'typecheck', title: 'type-check', runs, metrics, details: { samples, counts } };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = { name: 'typecheck', title: 'type-check', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
