/**
 * The decode bench's list of VMs, and the real generated decoder of it (the compiled runtime +
 * @vcenter-sdk/vsphere-7.0.3, `vcenter.vm.list$result`), hot and in a fresh child process.
 */
import { parseJson } from '../runtime/src/decode/index.js';

/** VMs in the list. */
export const N = 10_000;
const STATES = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'] as const;

export function vmListText(n: number, big = false): string {
  const list = [];
  for (let i = 0; i < n; i++) {
    list.push({
      vm: `vm-${i}`,
      name: `Virtual machine number ${i}`,
      power_state: STATES[i % 3],
      cpu_count: 1 + (i % 8),
      memory_size_MiB: 1024 * (1 + (i % 16)),
    });
  }
  let text = JSON.stringify(list);
  if (big) text = text.replace('"memory_size_MiB":1024', '"memory_size_MiB":9007199254740993');
  return text;
}

const REAL = 'vcenter.vm.list$result';

export async function realKit() {
  const runtime = await import('@vcenter-sdk/runtime');
  const release = (await import('@vcenter-sdk/vsphere-7.0.3')).default;
  const schema = release.schemas[REAL];
  if (!schema) throw new Error(`7.0.3 has no schema ${REAL}`);
  const decodeList = (text: string) => {
    const r = runtime.decode(schema, parseJson(text, { int64: 'number' }), {
      mode: 'report',
      operation: 'vcenter.vm.list',
      release: '7.0.3',
    });
    if (r.issues.length) throw new Error(`unexpected issues: ${JSON.stringify(r.issues.slice(0, 3))}`);
    return r.data;
  };
  return { decodeList };
}

/** CPU ms of this process (all its threads): unlike wall time, not stretched when other work takes the cores. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Collect the garbage of the steps before (the child runs with --expose-gc) and let the
 * collector's background threads finish, so that a timed step pays for its own allocations only:
 * a 10k list is some 3 MB of objects, and a collection landing in one step or the other (its
 * helper threads count in the process's CPU time) decided the ratio more than the decoding did.
 */
const collect = async (): Promise<void> => {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

/** In a fresh child: the first three decodes of the 10k list (the first runs cold), in CPU time and wall time. */
export async function realFirstDecodes() {
  const text = vmListText(N);
  JSON.parse(text);
  const { decodeList } = await realKit();
  const times: number[] = [];
  await collect();
  let c = cpuMs();
  const w = performance.now();
  decodeList(text);
  const firstWallMs = performance.now() - w;
  const firstMs = cpuMs() - c;
  for (let i = 0; i < 2; i++) {
    await collect();
    c = cpuMs();
    decodeList(text);
    times.push(cpuMs() - c);
  }
  await collect();
  c = cpuMs();
  JSON.parse(text);
  const jsonParseMs = cpuMs() - c;
  return { firstMs, secondMs: times[0]!, thirdMs: times[1]!, jsonParseMs, firstWallMs };
}
