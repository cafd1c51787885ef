/**
 * Per-call overhead of the SDK against raw undici, for the same small GET:
 *
 * - baseline: undici `request` + `JSON.parse` + the `vmware-api-session-id` header (and, for
 *   `/rest`, taking `.value`);
 * - measured: `client.call('vcenter.vm.power.get', ...)` (a small body), `client.call('vcenter.vm.get', ...)`
 *   (and `'rest.vcenter.vm.get'`): URL from the
 *   operation table, the session header, the pipeline (hooks, retries, timeout), error
 *   mapping, `/rest` unwrapping and decoding in `report` mode with the real 7.0.3 decoders.
 *
 * The server is a minimal node:http server on 127.0.0.1 in a child process that answers
 * every request at once with a canned ~700-byte VM (not Prism, whose own cost would dominate).
 * Sequential calls, the two sides call by call in turn (a change of load hits both alike), 31
 * rounds of 200 calls each; the ratio is the median of the per-round ratios (`compareAsync`).
 * The warm-up (500 calls) runs the decoders past HOT_OBJECT_AFTER: the figures are the steady
 * state. `npm run bench -- --only call` run again on the same code pools its runs (median and
 * spread in the table).
 *
 *   npx tsx bench/call.bench.ts
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { request } from 'undici';
import { vmInfo } from '../test/support/vm-info.js';
import { compareAsync, iters, round, type Benchmark, type BenchResult, type Metric } from './harness.js';

const SESSION = 'bench-session-0123456789abcdef';

/** A VM as vCenter 7.0.3 answers `GET /api/vcenter/vm/{vm}` for a bare VM (~700 bytes). */
export const VM_INFO = vmInfo({ name: 'web-01', power_state: 'POWERED_ON', cpu_count: 2, memory_size_MiB: 4096 });

/** The same VM from `GET /rest/vcenter/vm/{vm}` (inside `{"value": ...}`): maps are lists of `{key, value}`. */
export const REST_VM_INFO = Object.fromEntries(
  Object.entries(VM_INFO).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0 ? [] : v]),
);

/** The server, run with `node -e` in a child: instant canned answers, loopback only. */
const SERVER = `
const http = require('node:http');
const SESSION = ${JSON.stringify(SESSION)};
const api = Buffer.from(${JSON.stringify(JSON.stringify(VM_INFO))});
const rest = Buffer.from(${JSON.stringify(JSON.stringify({ value: REST_VM_INFO }))});
const power = Buffer.from('{"state":"POWERED_ON","clean_power_off":false}');
const send = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
};
const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'POST' && (path === '/api/session' || path === '/rest/com/vmware/cis/session')) {
    req.resume();
    return send(res, path.startsWith('/rest') ? 200 : 201, Buffer.from(path.startsWith('/rest') ? JSON.stringify({ value: SESSION }) : JSON.stringify(SESSION)));
  }
  if (req.headers['vmware-api-session-id'] !== SESSION) return send(res, 401, Buffer.from('{"error_type":"UNAUTHENTICATED","messages":[]}'));
  if (req.method === 'DELETE') { res.writeHead(204); return res.end(); }
  if (req.method === 'GET' && path.endsWith('/power')) return send(res, 200, power);
  if (req.method === 'GET' && path.startsWith('/api/vcenter/vm/')) return send(res, 200, api);
  if (req.method === 'GET' && path.startsWith('/rest/vcenter/vm/')) return send(res, 200, rest);
  send(res, 404, Buffer.from('{"error_type":"NOT_FOUND","messages":[]}'));
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)); // the parent went away
process.stdin.resume();
`;

async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [line] = (await once(child.stdout, 'data')) as [string];
  clearTimeout(timer);
  const port = Number(line.trim());
  if (!Number.isInteger(port)) throw new Error(`bench server: unexpected output ${line}`);
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const exited = once(child, 'exit');
      child.stdin.end();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

export async function run(): Promise<BenchResult> {
  const rounds = iters(31, 2);
  const perRound = iters(200, 5);
  const server = await startServer();
  let issues = 0;
  const client = createClient({
    baseUrl: server.url,
    release: v703,
    auth: { username: 'bench', password: 'bench' },
    decode: 'report',
    hooks: { onDecodeIssue: () => void issues++ },
  });
  const headers = { 'vmware-api-session-id': SESSION };
  const raw = async (path: string) => {
    const res = await request(`${server.url}${path}`, { method: 'GET', headers });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`baseline: HTTP ${res.statusCode}`);
    return JSON.parse(text);
  };
  try {
    // First calls: the login, building the decoders; checks that both sides see the same VM.
    const first = await client.call('vcenter.vm.get', { path: { vm: 'vm-42' } });
    const firstRest = await client.call('rest.vcenter.vm.get', { path: { vm: 'vm-42' } });
    if (first.name !== 'web-01' || firstRest.name !== 'web-01') throw new Error('unexpected VM');
    if ((await raw('/rest/vcenter/vm/vm-42')).value.name !== 'web-01') throw new Error('unexpected raw VM');
    const issuesOfFirst = issues;

    const api = await compareAsync(
      () => client.call('vcenter.vm.get', { path: { vm: 'vm-42' } }),
      () => raw('/api/vcenter/vm/vm-42'),
      { rounds, perRound, warmup: iters(500, 5) },
    );
    const small = await compareAsync(
      () => client.call('vcenter.vm.power.get', { path: { vm: 'vm-42' } }),
      () => raw('/api/vcenter/vm/vm-42/power'),
      { rounds, perRound, warmup: iters(500, 5) },
    );
    const rest = await compareAsync(
      () => client.call('rest.vcenter.vm.get', { path: { vm: 'vm-42' } }),
      async () => (await raw('/rest/vcenter/vm/vm-42')).value,
      { rounds, perRound, warmup: iters(500, 5) },
    );
    const metric = (name: string, r: typeof api, baseline: string): Metric => ({
      name,
      value: round(r.measuredMs * 1000, 0),
      unit: 'µs',
      baseline: { name: baseline, value: round(r.baselineMs * 1000, 0), unit: 'µs' },
      ratio: round(r.ratio, 2),
      aim: '< 1.3',
      ok: r.ratio < 1.3,
    });
    return {
      name: 'call',
      title: 'per call',
      runs: rounds,
      metrics: [
        metric("client.call('vcenter.vm.power.get'), small body, decoded (report)", small, 'undici request + JSON.parse'),
        metric("client.call('vcenter.vm.get'), a ~700-byte VM, decoded (report)", api, 'undici request + JSON.parse'),
        metric("client.call('rest.vcenter.vm.get'), unwrapped + decoded", rest, 'undici + JSON.parse + .value'),
      ],
      details: {
        bodyBytes: JSON.stringify(VM_INFO).length,
        rounds,
        callsPerRound: perRound,
        decodeIssuesOfFirstCalls: issuesOfFirst,
        small: {
          measuredUs: round(small.measuredMs * 1000, 1),
          baselineUs: round(small.baselineMs * 1000, 1),
          ratio: round(small.ratio, 3),
          roundRatios: small.ratios.map((x) => round(x, 3)),
        },
        api: {
          measuredUs: round(api.measuredMs * 1000, 1),
          baselineUs: round(api.baselineMs * 1000, 1),
          ratio: round(api.ratio, 3),
          roundRatios: api.ratios.map((x) => round(x, 3)),
        },
        rest: {
          measuredUs: round(rest.measuredMs * 1000, 1),
          baselineUs: round(rest.baselineMs * 1000, 1),
          ratio: round(rest.ratio, 3),
          roundRatios: rest.ratios.map((x) => round(x, 3)),
        },
      },
    };
  } finally {
    await client.close();
    await server.close();
  }
}

export const benchmark: Benchmark = { name: 'call', title: 'per call', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
