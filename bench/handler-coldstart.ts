/**
 * A function handler's cold start, as a host that starts a process per event pays it: a fresh
 * node process that imports `@vcenter-sdk/events` + `@vcenter-sdk/events-data` +
 * `@vcenter-sdk/runtime` + `@vcenter-sdk/vsphere-7.0.3`, listens, receives one VEBA delivery
 * (a binary-mode CloudEvent, VmPoweredOnEvent with every field of its class, as VEBA sends it) and, in its handler, logs in and makes one
 * decoded call to the mock (`vcenter.vm.get` of the event's VM), answers, and exits. The
 * baseline does the same work by hand in its own fresh process: node:http, `fetch` (login,
 * then the GET) and `JSON.parse`. Each figure: spawn to exit, rounds alternating.
 * Part of the import benchmark (bench/import.bench.ts).
 */
import { spawn } from 'node:child_process';
import samples from '@vcenter-sdk/events-data/samples';
import { encodeEvent } from '../events/src/index.js';
import { startMock } from '../mock/src/index.js';
import { medianRound, repoRoot, type Metric, round, spread } from './harness.js';

const USER = 'administrator@vsphere.local';
const PASSWORD = 'mock-password';
const VM = 'vm-12';

/** Prints the port it listens on; exits once its one answer is sent. */
function sdkHandler(mockUrl: string): string {
  return `
import { createServer } from 'node:http';
const { createReceiver, nodeHandler } = await import('@vcenter-sdk/events');
const events = (await import('@vcenter-sdk/events-data')).default;
const { createClient } = await import('@vcenter-sdk/runtime');
const release = (await import('@vcenter-sdk/vsphere-7.0.3')).default;
const client = createClient({ baseUrl: ${JSON.stringify(mockUrl)}, release, auth: { username: ${JSON.stringify(USER)}, password: ${JSON.stringify(PASSWORD)} }, retry: false });
const receiver = createReceiver({ events });
let name;
receiver.on('VmPoweredOnEvent', async (e) => {
  name = (await client.call('vcenter.vm.get', { path: { vm: e.vm.id } })).name;
});
const handle = nodeHandler(receiver);
const server = createServer((req, res) => {
  res.on('finish', () => { console.log(JSON.stringify({ status: res.statusCode, name })); process.exit(0); });
  handle(req, res);
}).listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;
}

function plainHandler(mockUrl: string): string {
  return `
import { createServer } from 'node:http';
const base = ${JSON.stringify(mockUrl)};
const authorization = 'Basic ' + Buffer.from(${JSON.stringify(`${USER}:${PASSWORD}`)}).toString('base64');
const server = createServer(async (req, res) => {
  let body = '';
  for await (const c of req) body += c;
  const data = JSON.parse(body);
  if (!String(req.headers['ce-type']).includes('VmPoweredOnEvent')) throw new Error('not the event');
  const login = await fetch(base + '/api/session', { method: 'POST', headers: { authorization, 'x-api-version': '7.0.3' } });
  const session = JSON.parse(await login.text());
  const r = await fetch(base + '/api/vcenter/vm/' + encodeURIComponent(data.Vm.Vm.Value), { headers: { 'vmware-api-session-id': session, 'x-api-version': '7.0.3' } });
  const vm = JSON.parse(await r.text());
  res.on('finish', () => { console.log(JSON.stringify({ status: res.statusCode, name: vm.name })); process.exit(0); });
  res.writeHead(200).end();
}).listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;
}

/** ms from spawn to exit of a handler process that got one delivery; throws unless it answered 200 with the VM's name. */
function coldStart(script: string, delivery: { headers: Record<string, string>; body: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const port = /port (\d+)/.exec(out)?.[1];
      if (port && !sent) {
        sent = true;
        fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: delivery.headers, body: delivery.body }).then(
          (r) => r.arrayBuffer(),
          reject,
        );
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { status?: number; name?: string };
      if (code === 0 && result.status === 200 && result.name) resolve(ms);
      else reject(new Error(`handler exited ${code}: ${out}${err.slice(-2000)}`));
    });
  });
}

/** The cold-start row: `rounds` fresh processes of each kind, alternating. */
export async function handlerColdStart(rounds: number): Promise<Metric> {
  const mock = await startMock({ releases: ['7.0.3'] });
  try {
    // A delivery as VEBA sends one: every field of the class (the events-data sample), about the mock's VM.
    const data = { ...samples.VmPoweredOnEvent, Vm: { Name: 'DC0_H0_VM0', Vm: { Type: 'VirtualMachine', Value: VM } } };
    const delivery = encodeEvent('VmPoweredOnEvent', data);
    const sdk: number[] = [];
    const plain: number[] = [];
    await coldStart(plainHandler(mock.url), delivery); // file system caches, unmeasured
    await coldStart(sdkHandler(mock.url), delivery);
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        plain.push(await coldStart(plainHandler(mock.url), delivery));
        sdk.push(await coldStart(sdkHandler(mock.url), delivery));
      } else {
        sdk.push(await coldStart(sdkHandler(mock.url), delivery));
        plain.push(await coldStart(plainHandler(mock.url), delivery));
      }
    }
    const mid = medianRound(sdk, plain);
    return {
      name: 'function handler cold start: fresh process, events + events-data + runtime + 7.0.3, one VEBA delivery, one decoded call to the mock (spawn to exit)',
      value: round(mid.measured, 0),
      unit: 'ms',
      baseline: { name: 'node:http + fetch + JSON.parse, same work', value: round(mid.baseline, 0), unit: 'ms' },
      ratio: round(mid.ratio, 2),
      aim: '<= 1.5',
      ok: mid.ratio <= 1.5,
      runs: { count: rounds, value: spread(sdk), baseline: spread(plain), ratio: spread(sdk.map((s, i) => s / plain[i]!)) },
    };
  } finally {
    await mock.close();
  }
}
