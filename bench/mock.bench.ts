/**
 * Start-up of the mock vCenter (mock/), once generated: a fresh `vcenter-sdk mock` process
 * until it prints that it listens (aim: under 3 s), against a fresh Node process that only
 * prints a line (the floor of any command); and `startMock()` in-process, every generated
 * release, against reading and parsing their operation tables (what it cannot avoid).
 *
 * Throughput, every server in a process of its own (`vcenter-sdk mock 7.0.3`, as a test suite
 * runs it), the client here: REQUESTS GETs at CONCURRENCY over as many keep-alive connections,
 * one unmeasured round per server, then rounds whose first server turns.
 * - `GET /api/vcenter/vm` of 7.0.3 with a session, against a bare node:http server answering
 *   the mock's own answer (captured first) with every header the mock chose: what routing, the
 *   session check and the stateful inventory cost per request.
 * - Against govmomi's simulator (vcsim, built by test/simulator's harness when Go and govmomi's
 *   source are installed; skipped in quick mode): `GET /rest/com/vmware/cis/tagging/category`,
 *   an endpoint both serve, after the same three categories were created on each; a bare
 *   node:http server with the mock's bytes runs in the same rounds (details), the most a
 *   node:http server reaches here.
 *
 *   npx tsx bench/mock.bench.ts
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { generatedReleases, startMock } from '../mock/src/index.js';
import { simulatorAvailable, startSimulator } from '../test/simulator/harness.js';
import { iters, medianRound, pairedRuns, quick, repoRoot, round, type Benchmark, type BenchResult, type Metric } from './harness.js';

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

const REQUESTS = iters(8000, 200);
const CONCURRENCY = 16;
const USER = 'administrator@vsphere.local';
const PASSWORD = 'mock-password';

/** requests/s of `REQUESTS` GETs of `path`, CONCURRENCY at a time, over as many keep-alive connections. */
async function throughput(origin: string, path: string, headers: Record<string, string>): Promise<number> {
  const pool = new Pool(origin, { connections: CONCURRENCY });
  try {
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        next++;
        const r = await pool.request({ method: 'GET', path, headers });
        await r.body.arrayBuffer();
        if (r.statusCode !== 200) throw new Error(`GET ${path}: HTTP ${r.statusCode}`);
      }
    };
    const t = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return REQUESTS / ((performance.now() - t) / 1000);
  } finally {
    await pool.close();
  }
}

interface Side {
  url: string;
  path: string;
  headers: Record<string, string>;
}

/** requests/s of each side over `rounds` rounds after one unmeasured round each, the side that goes first turning round by round. */
async function alternate(sides: readonly Side[], rounds: number): Promise<number[][]> {
  for (const s of sides) await throughput(s.url, s.path, s.headers);
  const out = sides.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    const order = sides.map((_, i) => (i + r) % sides.length);
    for (const i of order) out[i]!.push(await throughput(sides[i]!.url, sides[i]!.path, sides[i]!.headers));
  }
  return out;
}

interface ServerProcess {
  url: string;
  stop: () => void;
}

/** A server in a process of its own (as a test suite runs the mock): its URL once a stdout line names it. */
function serverProcess(command: string, args: readonly string[], ready: RegExp): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const url = ready.exec(out)?.[1];
      if (url) resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}): ${out}`)));
  });
}

/** `vcenter-sdk mock 7.0.3`. */
const mockProcess = (): Promise<ServerProcess> =>
  serverProcess(process.execPath, [join(repoRoot, 'bin/vcenter-sdk.mjs'), 'mock', '7.0.3', '--port', '0'], /listening on (http:\/\/\S+)/);

/** The floor of any node:http server: one that answers every request with the same bytes and headers, whatever it asks. */
const BARE_SERVER = `
const { body, headers } = JSON.parse(process.argv[1]);
const bytes = Buffer.from(body, 'base64');
const server = require('node:http').createServer((req, res) => {
  req.resume();
  res.writeHead(200, { ...headers, 'content-length': bytes.length });
  res.end(bytes);
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
process.once('SIGTERM', () => server.close());
`;

/** Headers node:http writes itself. */
const TRANSPORT_HEADERS = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

/** A bare node:http server in a process of its own, answering with the mock's answer to `path`: its body and every header the mock chose. */
async function bareLike(mock: ServerProcess, path: string, headers: Record<string, string>): Promise<ServerProcess & { bytes: number }> {
  const pool = new Pool(mock.url, { connections: 1 });
  try {
    const sample = await pool.request({ method: 'GET', path, headers });
    const body = Buffer.from(await sample.body.arrayBuffer());
    if (sample.statusCode !== 200) throw new Error(`GET ${path}: HTTP ${sample.statusCode}`);
    const own = Object.fromEntries(Object.entries(sample.headers).filter(([k]) => !TRANSPORT_HEADERS.has(k)));
    const bare = await serverProcess(
      process.execPath,
      ['-e', BARE_SERVER, JSON.stringify({ body: body.toString('base64'), headers: own })],
      /listening on (http:\/\/\S+)/,
    );
    return { ...bare, bytes: body.length };
  } finally {
    await pool.close();
  }
}

/** An `/api` session on the mock: the headers of its requests. */
async function apiSession(origin: string): Promise<Record<string, string>> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    const login = await pool.request({ method: 'POST', path: '/api/session', headers: { authorization: auth } });
    const sessionId = (await login.body.json()) as string;
    if (login.statusCode !== 201 && login.statusCode !== 200) throw new Error(`POST /api/session: HTTP ${login.statusCode}`);
    // 7.0.3: the newest release with a vcenter service (the default, 8.0.2, has none).
    return { 'vmware-api-session-id': sessionId, 'x-api-version': '7.0.3' };
  } finally {
    await pool.close();
  }
}

const VM_PATH = '/api/vcenter/vm';

async function versusBare(rounds: number): Promise<{ mock: number[]; bare: number[]; bytes: number }> {
  const mock = await mockProcess();
  try {
    const headers = await apiSession(mock.url);
    const bare = await bareLike(mock, VM_PATH, headers);
    try {
      const [m, b] = await alternate(
        [
          { url: mock.url, path: VM_PATH, headers },
          { url: bare.url, path: VM_PATH, headers },
        ],
        rounds,
      );
      return { mock: m!, bare: b!, bytes: bare.bytes };
    } finally {
      bare.stop();
    }
  } finally {
    mock.stop();
  }
}

const CATEGORY_PATH = '/rest/com/vmware/cis/tagging/category';

/** A `/rest` session on `origin` (the simulator takes any password), and three tag categories made with it. */
async function restSession(origin: string, password: string, extra: Record<string, string>): Promise<Record<string, string>> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    const authorization = `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}`;
    const login = await pool.request({ method: 'POST', path: '/rest/com/vmware/cis/session', headers: { authorization, ...extra } });
    const { value } = (await login.body.json()) as { value: string };
    const headers = { 'vmware-api-session-id': value, ...extra };
    for (const name of ['env', 'tier', 'owner']) {
      const spec = { create_spec: { name, description: name, cardinality: 'SINGLE', associable_types: [] } };
      const r = await pool.request({
        method: 'POST',
        path: CATEGORY_PATH,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(spec),
      });
      await r.body.dump();
      if (r.statusCode !== 200) throw new Error(`${origin}: POST ${CATEGORY_PATH}: HTTP ${r.statusCode}`);
    }
    return headers;
  } finally {
    await pool.close();
  }
}

/**
 * The mock against govmomi's simulator on an endpoint both serve, and a bare node:http server
 * answering the mock's bytes (what any node:http server can reach on this machine), rounds
 * alternating; skipped when vcsim cannot run here.
 */
async function versusSimulator(rounds: number): Promise<{ mock: number[]; sim: number[]; bare: number[]; skipped?: string }> {
  const available = simulatorAvailable();
  if (quick) return { mock: [], sim: [], bare: [], skipped: 'quick mode' };
  if (!available.ok) return { mock: [], sim: [], bare: [], skipped: available.reason };
  const sim = await startSimulator({ tls: false });
  const mock = await mockProcess();
  let bare: ServerProcess | undefined;
  try {
    const simHeaders = await restSession(sim.url, 'any', {});
    const mockHeaders = await restSession(mock.url, PASSWORD, { 'x-api-version': '7.0.3' });
    bare = await bareLike(mock, CATEGORY_PATH, mockHeaders);
    const [m, v, b] = await alternate(
      [
        { url: mock.url, path: CATEGORY_PATH, headers: mockHeaders },
        { url: sim.url, path: CATEGORY_PATH, headers: simHeaders },
        { url: bare.url, path: CATEGORY_PATH, headers: mockHeaders },
      ],
      rounds,
    );
    return { mock: m!, sim: v!, bare: b! };
  } finally {
    bare?.stop();
    mock.stop();
    await sim.close();
  }
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
  const rps = await versusBare(rounds);
  const t = medianRound(rps.mock, rps.bare); // requests/s: below 1, the mock is the slower
  const vs = await versusSimulator(rounds);
  const simulatorRow: Metric[] = vs.skipped
    ? []
    : (() => {
        const x = medianRound(vs.mock, vs.sim);
        return [
          {
            name: `GET ${CATEGORY_PATH} (7.0.3, 3 categories) with a session, ${REQUESTS} requests at concurrency ${CONCURRENCY}`,
            value: round(x.measured, 0),
            unit: 'calls/s',
            baseline: { name: "govmomi's vcsim, same request", value: round(x.baseline, 0), unit: 'calls/s' },
            ratio: round(x.ratio, 2),
            aim: '>= 1',
            ok: x.ratio >= 1,
            runs: pairedRuns(vs.mock, vs.sim),
          },
        ];
      })();
  return {
    name: 'mock',
    title: 'mock',
    runs: rounds,
    metrics: [
      {
        name: `\`vcenter-sdk mock\` from process start to listening (${releases.length} releases)`,
        value: round(p.measured / 1000, 2),
        unit: 's',
        baseline: { name: 'node -e console.log', value: round(p.baseline / 1000, 2), unit: 's' },
        ratio: round(p.ratio, 2),
        aim: '< 3 s',
        ok: p.measured < 3000,
        runs: pairedRuns(
          proc.map((x) => x / 1000),
          floor.map((x) => x / 1000),
        ),
      },
      {
        name: 'startMock() in-process, every release',
        value: round(s.measured, 1),
        unit: 'ms',
        baseline: { name: 'read + JSON.parse of their operations.json', value: round(s.baseline, 1), unit: 'ms' },
        ratio: round(s.ratio, 2),
        runs: pairedRuns(inProcess, parse),
      },
      {
        name: `GET /api/vcenter/vm (${rps.bytes} bytes) with a session, ${REQUESTS} requests at concurrency ${CONCURRENCY}`,
        value: round(t.measured, 0),
        unit: 'calls/s',
        baseline: { name: 'bare node:http answering the same bytes and headers', value: round(t.baseline, 0), unit: 'calls/s' },
        ratio: round(t.ratio, 2),
        aim: '>= 0.7',
        ok: t.ratio >= 0.7,
        runs: pairedRuns(rps.mock, rps.bare),
      },
      ...simulatorRow,
    ],
    details: {
      simulator: vs.skipped
        ? { skipped: vs.skipped }
        : {
            mock: vs.mock.map((x) => round(x, 0)),
            vcsim: vs.sim.map((x) => round(x, 0)),
            bareNodeHttpSameBytes: vs.bare.map((x) => round(x, 0)),
          },
      releases,
      requestsPerSecond: { mock: rps.mock.map((x) => round(x, 0)), bare: rps.bare.map((x) => round(x, 0)) },
      processMs: proc.map((x) => round(x, 0)),
      floorMs: floor.map((x) => round(x, 0)),
      inProcessMs: inProcess.map((x) => round(x, 1)),
    },
  };
}

export const benchmark: Benchmark = { name: 'mock', title: 'mock', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
