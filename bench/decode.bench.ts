/**
 * Decoding cost, as ratios against `JSON.parse` of the same text in the same process.
 * `npx tsx bench/decode.bench.ts` prints one JSON object (`--cold JIT`, `--cold-real`: internal, the child runs).
 *
 * In the table, with the real generated decoder of 7.0.3 (`vcenter.vm.list$result`, the compiled
 * runtime, default policy), as `client.call('vcenter.vm.list')` decodes minus the transport:
 * parse + decode of a 10,000-VM list, hot; its first call in a fresh process (the emitted checks
 * run cold; CPU time, which other work on the machine does not stretch; each step from a
 * collected heap); and the first decode
 * of single objects in fresh processes (bench/first-decodes.ts).
 * In the details, with hand-written stand-ins for the Zod schemas: steady decodes with each jit
 * policy of zod (`always`, `never`, `adaptive`); first decodes of the 10k list and of a wide
 * nested object (40 object schemas) in a fresh process, and of fresh schemas in a warm one;
 * parseJson with `int64: 'bigint'` on integers beyond 2^53 (the lossless path).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decode, parseJson, schemaKit, type Schema, type SchemaKit } from '../runtime/src/decode/index.js';
import {
  iters,
  lastJsonLine,
  median,
  medianRound,
  round,
  pairedRuns,
  spread,
  timeMedian as harnessTimeMedian,
  tsNodeArgs,
  type Benchmark,
  type BenchResult,
} from './harness.js';
import { OBJECT_GETS, objects } from './first-decodes.js';
import { N, realFirstDecodes, realKit, vmListText } from './real-decoder.js';

const RUNS = iters(25, 3);
/** What emit-decoders generates for the VM summary, written by hand. */
function vmKit(k: SchemaKit) {
  const schemas = {
    VcenterVmPowerState: k.lazy('VcenterVmPowerState', () => k.enumOf(['POWERED_OFF', 'POWERED_ON', 'SUSPENDED'])),
    VcenterVMSummary: k.lazy('VcenterVMSummary', () =>
      k.object(
        { vm: k.string(), name: k.string(), power_state: k.ref('VcenterVmPowerState'), cpu_count: k.int64(), memory_size_MiB: k.int64() },
        ['vm', 'name', 'power_state'],
      ),
    ),
  };
  return { schemas, list: k.array(k.ref('VcenterVMSummary')) };
}

/** A wide nested object: 40 object schemas of 8 fields, 4 levels deep, like a VM's info. */
function wideKit(k: SchemaKit): { root: Schema; value: unknown } {
  const leafFields = (i: number): Record<string, Schema> => ({
    [`id_${i}`]: k.string(),
    label: k.string(),
    count: k.int64(),
    enabled: k.boolean(),
    kind: k.enumOf(['A', 'B', 'C']),
    ratio: k.number(),
    tags: k.array(k.string()),
    extra: k.map(k.string()),
  });
  const leafValue = (i: number) => ({
    [`id_${i}`]: 'x',
    label: 'l',
    count: i,
    enabled: true,
    kind: 'A',
    ratio: 0.5,
    tags: ['a'],
    extra: { a: 'b' },
  });
  const shape: Record<string, Schema> = {};
  const value: Record<string, unknown> = {};
  for (let g = 0; g < 4; g++) {
    const group: Record<string, Schema> = {};
    const groupValue: Record<string, unknown> = {};
    for (let i = 0; i < 9; i++) {
      const id = g * 10 + i;
      k.lazy(`Leaf${id}`, () => k.object(leafFields(id), [`id_${id}`]));
      group[`leaf_${i}`] = k.ref(`Leaf${id}`);
      groupValue[`leaf_${i}`] = leafValue(id);
    }
    k.lazy(`Group${g}`, () => k.object(group));
    shape[`group_${g}`] = k.ref(`Group${g}`);
    value[`group_${g}`] = groupValue;
  }
  return { root: k.object(shape), value };
}

/** The harness's median timer, with this benchmark's default run count. */
const timeMedian = (fn: () => void, runs = RUNS): number => harnessTimeMedian(fn, runs);
type Jit = 'always' | 'never' | 'adaptive';
const JITS: Jit[] = ['always', 'never', 'adaptive'];
const opts = (jit: Jit) => ({ operation: 'vcenter.vm.list', release: 'bench', jit });

function steady() {
  const text = vmListText(N);
  const out: Record<string, unknown> = { bytes: text.length };
  const parseMs = timeMedian(() => JSON.parse(text));
  out.jsonParseMs = round(parseMs);
  for (const jit of JITS) {
    const { list } = vmKit(schemaKit());
    const data = JSON.parse(text);
    const decodeMs = timeMedian(() => {
      const r = decode(list, data, opts(jit));
      if (r.issues.length) throw new Error('unexpected issues');
    });
    const bothMs = timeMedian(() => decode(list, parseJson(text), opts(jit)));
    const wide = wideKit(schemaKit());
    const wideMs = timeMedian(() => decode(wide.root, wide.value, opts(jit)), iters(201, 3));
    out[`jit:${jit}`] = {
      decodeMs: round(decodeMs),
      decodeVsJsonParse: round(decodeMs / parseMs, 2),
      parseAndDecodeVsJsonParse: round(bothMs / parseMs, 2),
      wideObjectDecodeMs: round(wideMs, 4),
    };
  }
  return out;
}

function bigint() {
  const text = vmListText(N, true);
  const parseMs = timeMedian(() => JSON.parse(text), iters(9, 1));
  const losslessMs = timeMedian(() => parseJson(text, { int64: 'bigint' }), iters(9, 1));
  return { jsonParseMs: round(parseMs), losslessParseMs: round(losslessMs), ratio: round(losslessMs / parseMs, 2) };
}

/** First decodes in this process: cold when run in a fresh child. */
function firstDecodes(jit: Jit) {
  const text = vmListText(N);
  const data = JSON.parse(text);
  const small = vmListText(1);
  JSON.parse(small);
  const k = schemaKit();
  const { list } = vmKit(k);
  const wide = wideKit(k);
  let t = performance.now();
  decode(wide.root, wide.value, opts(jit));
  const wideFirst = performance.now() - t;
  t = performance.now();
  decode(wide.root, wide.value, opts(jit));
  const wideSecond = performance.now() - t;
  t = performance.now();
  decode(list, data, opts(jit));
  const listFirst = performance.now() - t;
  t = performance.now();
  decode(list, data, opts(jit));
  const listSecond = performance.now() - t;
  // fresh schemas, warm zod code
  const k2 = schemaKit();
  const wide2 = wideKit(k2);
  t = performance.now();
  decode(wide2.root, wide2.value, opts(jit));
  const wideFreshSchemas = performance.now() - t;
  return { wideFirst, wideSecond, listFirst, listSecond, wideFreshSchemas };
}

function spawnSelf(args: string[], nodeFlags: string[] = []): string {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...nodeFlags, ...tsNodeArgs(), self, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(r.stderr || `exit ${r.status ?? r.signal}`);
  return r.stdout;
}

function cold(jit: Jit, runs = iters(7, 1)) {
  const samples: ReturnType<typeof firstDecodes>[] = [];
  for (let i = 0; i < runs; i++) samples.push(lastJsonLine(spawnSelf(['--cold', jit])));
  const pick = (key: keyof ReturnType<typeof firstDecodes>) => round(median(samples.map((s) => s[key])));
  return {
    wideObjectFirstMs: pick('wideFirst'),
    wideObjectSecondMs: pick('wideSecond'),
    wideObjectFreshSchemasWarmZodMs: pick('wideFreshSchemas'),
    list10kFirstMs: pick('listFirst'),
    list10kSecondMs: pick('listSecond'),
  };
}

async function real() {
  const text = vmListText(N);
  const { decodeList } = await realKit();
  // Interleaved rounds: JSON.parse, then parse + decode, RUNS times; median of the per-round ratios.
  const runs = RUNS;
  for (let i = 0; i < 3; i++) {
    JSON.parse(text);
    decodeList(text);
  }
  const parse: number[] = [];
  const both: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    JSON.parse(text);
    const p = performance.now() - t;
    t = performance.now();
    decodeList(text);
    const b = performance.now() - t;
    parse.push(p);
    both.push(b);
  }
  const mid = medianRound(both, parse);
  const coldSamples: Awaited<ReturnType<typeof realFirstDecodes>>[] = [];
  for (let i = 0; i < iters(7, 1); i++) coldSamples.push(lastJsonLine(spawnSelf(['--cold-real'], ['--expose-gc'])));
  const pick = (k: keyof (typeof coldSamples)[number]) => round(median(coldSamples.map((s) => s[k])), 2);
  const coldRuns = pairedRuns(
    coldSamples.map((c) => c.firstMs),
    coldSamples.map((c) => c.jsonParseMs),
  );
  return {
    steady: {
      jsonParseMs: round(mid.baseline, 2),
      parseAndDecodeMs: round(mid.measured, 2),
      ratio: round(mid.ratio, 2),
      rounds: { measured: both, baseline: parse },
    },
    firstCall: {
      firstMs: pick('firstMs'),
      secondMs: pick('secondMs'),
      thirdMs: pick('thirdMs'),
      jsonParseMs: pick('jsonParseMs'),
      firstWallMs: pick('firstWallMs'),
      runs: coldRuns,
    },
  };
}

export async function run(): Promise<BenchResult> {
  const r = await real();
  const o = await objects();
  const details = {
    node: process.version,
    vmCount: N,
    runs: RUNS,
    real: r,
    firstObjectDecodes: o,
    steady: steady(),
    firstDecode: Object.fromEntries(JITS.map((jit) => [`jit:${jit}`, cold(jit)])),
    bigint: bigint(),
  };
  return {
    name: 'decode',
    title: 'decode',
    runs: RUNS,
    metrics: [
      {
        name: 'parse + decode of a 10,000-VM list (real 7.0.3 decoder, hot)',
        value: r.steady.parseAndDecodeMs,
        unit: 'ms',
        baseline: { name: 'JSON.parse', value: r.steady.jsonParseMs, unit: 'ms' },
        ratio: r.steady.ratio,
        aim: '<= 1.5',
        ok: r.steady.ratio <= 1.5,
        runs: pairedRuns(r.steady.rounds.measured, r.steady.rounds.baseline),
      },
      {
        name: 'first call: parse + decode of the same list in a fresh process (checks cold), CPU time',
        value: r.firstCall.firstMs,
        unit: 'ms',
        baseline: { name: 'JSON.parse in that process', value: r.firstCall.jsonParseMs, unit: 'ms' },
        ratio: round(r.firstCall.firstMs / r.firstCall.jsonParseMs, 2),
        aim: '<= 2',
        ok: r.firstCall.firstMs / r.firstCall.jsonParseMs <= 2,
        runs: r.firstCall.runs,
      },
      {
        name: `first parse + decode of a single object in a fresh process, the slowest of ${OBJECT_GETS.length} gets (${o.slowest[0]}, ${o.bytes[o.slowest[0]]} bytes; median of ${o.runs} processes each)`,
        value: o.slowest[1],
        unit: 'ms',
        aim: '< 1 ms',
        ok: Object.values(o.medians).every((ms) => ms < 1),
        runs: { count: o.runs, value: spread(o.perOp[o.slowest[0]]!) },
      },
    ],
    details,
  };
}

export const benchmark: Benchmark = { name: 'decode', title: 'decode', run };

const coldArg = process.argv.indexOf('--cold');
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (coldArg >= 0) console.log(JSON.stringify(firstDecodes(process.argv[coldArg + 1] as Jit)));
  else if (process.argv.includes('--cold-real')) console.log(JSON.stringify(await realFirstDecodes()));
  else console.log(JSON.stringify(await run(), null, 2));
}
