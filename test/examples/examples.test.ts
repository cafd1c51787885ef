/**
 * The examples run as a user runs them (`node --import tsx examples/<name>.ts`, a child
 * process with VCENTER_URL/USER/PASSWORD) against the mock vCenter, 7.0.3 only (the
 * release every example speaks; list-vms also knows 6.7.0). Each must exit 0 and print its
 * key lines. The mock runs tasks (scripts/mock/tasks.ts), so the clone task finishes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/mock/prism.js';
import { startMockVcenter, type MockVcenter } from '../../scripts/mock/server.js';

let mock: MockVcenter;

beforeAll(async () => {
  mock = await startMockVcenter({ releases: ['7.0.3'] });
});
afterAll(async () => {
  await mock?.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run an example; `onOutput` sees stdout so far (e.g. to send Ctrl-C at the right moment). */
function runExample(name: string, env: Record<string, string> = {}, onOutput?: (stdout: string, child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('examples', `${name}.ts`)], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        VCENTER_URL: mock.url,
        VCENTER_USER: 'administrator@vsphere.local',
        VCENTER_PASSWORD: 'mock-password',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      onOutput?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const ok = (r: Run): void => {
  expect(r.stderr, r.stdout).not.toMatch(/failed/);
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
};

describe('examples against the mock vCenter', () => {
  it('quick-start (what `npm start` runs) still works', async () => {
    const r = await runExample('quick-start');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('connected: the server speaks vSphere 7.0.3');
  });

  it('list-vms: detects 7.0.3, lists with a filter, gets one VM', async () => {
    const r = await runExample('list-vms', { VCENTER_POWER_STATE: 'powered_off' });
    ok(r);
    expect(r.stdout).toContain('connected: vSphere 7.0.3');
    expect(r.stdout).toMatch(/\d+ VM\(s\) match:/);
    expect(r.stdout).toMatch(/details of \S+: name /);
    expect(r.stdout).toMatch(/hardware version \S+, \S+ vCPU/);
  });

  it('list-vms: a bad filter value is reported, exit code 1', async () => {
    const r = await runExample('list-vms', { VCENTER_POWER_STATE: 'sideways' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('VCENTER_POWER_STATE must be one of');
  });

  it('power-on-and-wait: the clone task goes PENDING → RUNNING 50% → SUCCEEDED, then the new VM is powered on', async () => {
    const r = await runExample('power-on-and-wait', { VCENTER_SOURCE_VM: 'vm-42', VCENTER_CLONE_NAME: 'example-clone' });
    ok(r);
    expect(r.stdout).toMatch(/cloning vm-42 as example-clone: task mock-task-\d+/);
    expect(r.stdout).toMatch(/task mock-task-\d+: PENDING/);
    expect(r.stdout).toMatch(/task mock-task-\d+: RUNNING 50%/);
    expect(r.stdout).toMatch(/task mock-task-\d+: SUCCEEDED 100%/);
    expect(r.stdout).toMatch(/clone task finished: new VM \S+/);
    expect(r.stdout).toMatch(/powered on \S+/);
    const started = mock.log.filter((e) => e.operation === 'vcenter.vm.power.start');
    expect(started.length).toBeGreaterThan(0);
  });

  it('power-on-and-wait: Ctrl-C while waiting cancels the task on the server (cancelOnAbort), exit code 1, no power-on', async () => {
    let sent = false;
    const r = await runExample('power-on-and-wait', { VCENTER_SOURCE_VM: 'vm-7' }, (out, child) => {
      if (!sent && /task mock-task-\d+: PENDING/.test(out)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    const id = /task (mock-task-\d+)/.exec(r.stdout)?.[1];
    expect(r.stderr).toContain(`interrupted; asked the server to cancel task ${id}`);
    expect(r.stdout).not.toContain('powered on');
    expect(mock.tasks.peek(id!)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('CANCELED') });
  });

  it('tag-objects: creates a category and a tag, attaches, lists, cleans up', async () => {
    const r = await runExample('tag-objects', { VCENTER_VM: 'vm-42' });
    ok(r);
    expect(r.stdout).toMatch(/created category sdk-example-category: \S+/);
    expect(r.stdout).toMatch(/created tag sdk-example-tag: \S+/);
    expect(r.stdout).toMatch(/attached tag \S+ to vm-42/);
    expect(r.stdout).toMatch(/vm-42 has \d+ tag\(s\):/);
    expect(r.stdout).toMatch(/cleanup: deleted tag \S+/);
    expect(r.stdout).toMatch(/cleanup: deleted category \S+/);
  });

  it('deploy-from-library: finds the item, deploys it, prints the result', async () => {
    const r = await runExample('deploy-from-library', { VCENTER_LIBRARY_ITEM: 'ubuntu', VCENTER_VM_NAME: 'from-ovf' });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/library item \S+: /);
    expect(r.stdout).toMatch(/deploying .* as from-ovf into resource pool \S+/);
    expect(r.stdout).toMatch(/deployed: \S+ \S+/);
    const deploy = mock.log.find((e) => e.operation === 'vcenter.ovf.library_item.deploy');
    expect(deploy?.status).toBe(200);
  });
});
