import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { encodeEvent } from '../events/src/index.js';
import { startMock } from '../mock/src/index.js';
const src = readFileSync('bench/handler-coldstart.ts', 'utf8');
const mock = await startMock({ releases: ['7.0.3'] });
const body = src.slice(
  src.indexOf('return `', src.indexOf('function sdkHandler')) + 8,
  src.indexOf('`;', src.indexOf('function sdkHandler')),
);
const script = body
  .replace(/\$\{JSON\.stringify\(mockUrl\)\}/g, JSON.stringify(mock.url))
  .replace(/\$\{JSON\.stringify\(USER\)\}/g, '"administrator@vsphere.local"')
  .replace(/\$\{JSON\.stringify\(PASSWORD\)\}/g, '"mock-password"');
const d = encodeEvent('VmPoweredOnEvent', {
  Key: 1,
  ChainId: 1,
  CreatedTime: '2026-12-02T12:00:00Z',
  UserName: 'u',
  Vm: { Name: 'x', Vm: { Type: 'VirtualMachine', Value: 'vm-12' } },
});
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/perfprof/handler', '--input-type=module', '-e', script], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
let sent = false;
child.stdout.on('data', (c) => {
  out += c;
  const p = /port (\d+)/.exec(out)?.[1];
  if (p && !sent) {
    sent = true;
    void fetch(`http://127.0.0.1:${p}/`, { method: 'POST', headers: d.headers, body: d.body }).then((r) => r.text());
  }
});
await new Promise((r) => child.on('close', r));
console.log(out);
await mock.close();
