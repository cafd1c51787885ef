/**
 * The first decode of single objects, each in a fresh process (plain node, the compiled
 * packages): the mock's answers (7.0.3) to the `get`s a script makes first. Part of the decode
 * benchmark (bench/decode.bench.ts); aim: every one under 1 ms.
 */
import { spawnSync } from 'node:child_process';
import { startMock } from '../mock/src/index.js';
import { createClient } from '../runtime/src/index.js';
import { iters, lastJsonLine, median, round } from './harness.js';

/** The `get`s whose first decode is timed: a script's first calls, answered by the mock (7.0.3). */
export const OBJECT_GETS = [
  'vcenter.vm.get',
  'vcenter.datacenter.get',
  'vcenter.cluster.get',
  'vcenter.datastore.get',
  'vcenter.resource_pool.get',
  'appliance.system.version.get',
] as const;

/** The mock's answer to each of OBJECT_GETS, as text, with its result schema. */
async function objectBodies(): Promise<{ op: string; schema: string; text: string }[]> {
  const release = (await import('@vcenter-sdk/vsphere-7.0.3')).default;
  const mock = await startMock({ releases: ['7.0.3'] });
  const auth = { username: 'administrator@vsphere.local', password: 'mock-password' };
  const client = createClient({ baseUrl: mock.url, release, auth, decode: 'off', retry: false }) as unknown as {
    call(name: string, init?: unknown): Promise<any>;
    close(): Promise<void>;
  };
  try {
    const first = async (list: string, key: string) => ((await client.call(list)) as Record<string, string>[])[0]![key]!;
    const path: Record<string, Record<string, string>> = {
      'vcenter.vm.get': { vm: await first('vcenter.vm.list', 'vm') },
      'vcenter.datacenter.get': { datacenter: await first('vcenter.datacenter.list', 'datacenter') },
      'vcenter.cluster.get': { cluster: await first('vcenter.cluster.list', 'cluster') },
      'vcenter.datastore.get': { datastore: await first('vcenter.datastore.list', 'datastore') },
      'vcenter.resource_pool.get': { resource_pool: await first('vcenter.resource_pool.list', 'resource_pool') },
    };
    const out = [];
    for (const op of OBJECT_GETS) {
      const spec = release.operations.find((o) => o.name === op)!;
      const value = await client.call(op, path[op] ? { path: path[op] } : undefined);
      out.push({ op, schema: spec.result!, text: JSON.stringify(value) });
    }
    return out;
  } finally {
    await client.close();
    await mock.close();
  }
}

/** A fresh process (plain node, the compiled packages): ms of its first parse + decode of `text`. */
function firstObjectDecode(schema: string, text: string): number {
  const script = `
const runtime = await import('@vcenter-sdk/runtime');
const release = (await import('@vcenter-sdk/vsphere-7.0.3')).default;
const text = ${JSON.stringify(text)};
// The release's checks and decoders load on first use (a module read, counted by the cold-start
// rows): loaded before the clock starts, as an import loaded them when this row was made.
const schema = release.schemas[${JSON.stringify(schema)}];
const t = performance.now();
const r = runtime.decode(schema, JSON.parse(text), { mode: 'report', operation: 'x', release: '7.0.3' });
const ms = performance.now() - t;
console.log(JSON.stringify({ ms, issues: r.issues.length }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(r.stderr || `exit ${r.status ?? r.signal}`);
  const { ms, issues } = lastJsonLine<{ ms: number; issues: number }>(r.stdout);
  if (issues) throw new Error(`${schema}: the mock's answer has ${issues} decode issue(s)`);
  return ms;
}

export async function objects() {
  const bodies = await objectBodies();
  const runs = iters(5, 1);
  const perOp: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) for (const b of bodies) (perOp[b.op] ??= []).push(firstObjectDecode(b.schema, b.text));
  const medians = Object.fromEntries(Object.entries(perOp).map(([op, xs]) => [op, round(median(xs), 3)]));
  const slowest = Object.entries(medians).sort((a, b) => b[1] - a[1])[0]!;
  return { runs, bytes: Object.fromEntries(bodies.map((b) => [b.op, b.text.length])), medians, perOp, slowest };
}
