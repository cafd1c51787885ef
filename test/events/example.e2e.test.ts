/**
 * examples/events-tag-on-poweron.ts runs as a user runs it (`node --import tsx`, a child
 * process) against the fake vCenter (tagging routes added here: the fake knows categories
 * only), and tags the VM of each VmPoweredOnEvent it receives, in either mode; other events
 * are ignored; Ctrl-C stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeEvent } from '@vcenter-sdk/events';
import { startFakeVcenter, type FakeVcenter } from '../fake-vcenter/index.js';
import { post } from './helpers.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';

const TAG_ID = 'urn:vmomi:InventoryServiceTag:1234:GLOBAL';
let fake: FakeVcenter;
const attached: { tag: string; body: unknown }[] = [];

beforeAll(async () => {
  fake = await startFakeVcenter();
  fake.route('POST', '/api/cis/tagging/tag', { body: JSON.stringify(TAG_ID) });
  fake.route('POST', '/api/cis/tagging/tag-association/{tag_id}?action=attach', (ctx) => {
    attached.push({ tag: decodeURIComponent(ctx.pathname.split('/').pop()!), body: JSON.parse(ctx.body) });
    return { status: 204 };
  });
});
afterAll(() => fake.close());

function waitFor(child: ChildProcess, out: { text: string }, re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = out.text.match(re);
      if (m) {
        child.stdout!.off('data', check);
        resolve(m);
      }
    };
    child.stdout!.on('data', check);
    child.once('close', () => reject(new Error(`exited before ${re}: ${out.text}`)));
    check();
  });
}

it('tags the VM of every VmPoweredOnEvent, in binary and structured mode', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join('examples', 'events-tag-on-poweron.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', VCENTER_URL: fake.url, VCENTER_USER: 'administrator@vsphere.local', VCENTER_PASSWORD: 'secret', EVENTS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { text: '' };
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.text += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const closed = new Promise<number | null>((r) => child.on('close', r));
  try {
    const [, url] = await waitFor(child, out, /listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
    expect(out.text).toContain(`tag powered-on: ${TAG_ID}`);
    const vm = (id: string, name: string) => ({
      Key: 1, ChainId: 1, CreatedTime: '2026-11-30T12:00:00Z', UserName: 'VSPHERE.LOCAL\\alice',
      Datacenter: null, ComputeResource: null, Host: null, Vm: { Name: name, Vm: { Type: 'VirtualMachine', Value: id } },
      Ds: null, Net: null, Dvs: null, FullFormattedMessage: `${name} powered on`, ChangeTag: '', Template: false,
    });
    expect((await post(url!, encodeEvent('VmPoweredOnEvent', vm('vm-1001', 'web-01')))).status).toBe(200);
    expect((await post(url!, encodeEvent('VmPoweredOffEvent', vm('vm-1003', 'build-01')))).status).toBe(200);
    expect((await post(url!, encodeEvent('VmPoweredOnEvent', vm('vm-1002', 'db-01'), { structured: true, scheme: 'router' }))).status).toBe(200);
    await waitFor(child, out, /tagged db-01/);
    expect(out.text).toContain('tagged web-01 (vm-1001), powered on by VSPHERE.LOCAL\\alice at 2026-11-30T12:00:00Z');
    expect(attached).toEqual([
      { tag: TAG_ID, body: { object_id: { type: 'VirtualMachine', id: 'vm-1001' } } },
      { tag: TAG_ID, body: { object_id: { type: 'VirtualMachine', id: 'vm-1002' } } },
    ]);
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(out.text).toContain('stopping');
    expect(err).toBe('');
  } finally {
    child.kill('SIGKILL');
  }
}, 60_000);
