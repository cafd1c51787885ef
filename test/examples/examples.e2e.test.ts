/**
 * The examples run as a user runs them (`node --import tsx examples/<name>.ts`, a child
 * process with VCENTER_URL/USER/PASSWORD) against the mock vCenter, 7.0.3 only (the
 * release every example speaks; list-vms also knows 6.7.0). Each must exit 0 and print its
 * key lines. The mock (mock/) runs tasks, so the clone task finishes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockLogEntry, type MockVcenter } from '@vcenter-sdk/mock';
import { REPO_ROOT } from '../support/paths.js';
import { runMarkEnv } from '../support/leak-check.js';
import { MOCK_PASSWORD, USER } from '../support/settings.js';

let mock: MockVcenter;
const log: MockLogEntry[] = [];

beforeAll(async () => {
  mock = await startMock({ releases: ['7.0.3'], onRequest: (e) => log.push(e) });
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
function runExample(
  name: string,
  env: Record<string, string> = {},
  onOutput?: (stdout: string, child: ChildProcess) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('examples', `${name}.ts`)], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...runMarkEnv(),
        VCENTER_URL: mock.url,
        VCENTER_USER: USER,
        VCENTER_PASSWORD: MOCK_PASSWORD,
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

/** A VM of the mock's inventory in this power state. */
const vmIn = (state: string): string => [...mock.inventory('7.0.3').vms.values()].find((v) => v.powerState === state)!.id;

const ok = (r: Run): void => {
  expect(r.stderr, r.stdout).not.toMatch(/failed/);
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
};

describe('examples against the mock vCenter', () => {
  it('quick-start (what `npm start` runs) still works', async () => {
    const r = await runExample('quick-start');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('connected: the server speaks vSphere 7.0.3');
    // The mock's inventory, not placeholders: the powered-on VMs by name, id and vCPU count.
    const on = [...mock.inventory('7.0.3').vms.values()].filter((v) => v.powerState === 'POWERED_ON');
    expect(r.stdout).toContain(`${on.length} powered-on VM(s): ${on.map((v) => `${v.name} (${v.id}, ${v.cpuCount} vCPU)`).join(', ')}`);
  });

  it('list-vms: detects 7.0.3, lists with a filter, gets one VM', async () => {
    const r = await runExample('list-vms', { VCENTER_POWER_STATE: 'powered_off' });
    ok(r);
    expect(r.stdout).toContain('connected: vSphere 7.0.3');
    expect(r.stdout).toMatch(/\d+ VM\(s\) match:/);
    expect(r.stdout).toMatch(/details of \S+: name /);
    expect(r.stdout).toMatch(/hardware version \S+, \S+ vCPU/);
  });

  it('without settings, the hint names what runs a mock for them (npm run mock)', async () => {
    const r = await runExample('list-vms', { VCENTER_URL: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('set VCENTER_URL, VCENTER_USER and VCENTER_PASSWORD; for a local mock vCenter, run `npm run mock`');
  });

  it('list-vms: a bad filter value is reported, exit code 1', async () => {
    const r = await runExample('list-vms', { VCENTER_POWER_STATE: 'sideways' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('VCENTER_POWER_STATE must be one of');
  });

  it('power-on-and-wait: the clone task goes PENDING → RUNNING 50% → SUCCEEDED, then the new VM is powered on', async () => {
    const source = vmIn('POWERED_ON');
    const r = await runExample('power-on-and-wait', { VCENTER_SOURCE_VM: source, VCENTER_CLONE_NAME: 'example-clone' });
    ok(r);
    expect(r.stdout).toMatch(new RegExp(`cloning ${source} as example-clone: task task-\\d+`));
    expect(r.stdout).toMatch(/task task-\d+: PENDING/);
    expect(r.stdout).toMatch(/task task-\d+: RUNNING 50%/);
    expect(r.stdout).toMatch(/task task-\d+: SUCCEEDED 100%/);
    const vm = /clone task finished: new VM (vm-\d+)/.exec(r.stdout)?.[1];
    expect(r.stdout).toContain(`powered on ${vm}`);
    // The clone exists in the inventory, powered on by the example.
    expect(mock.inventory('7.0.3').vms.get(vm!)).toMatchObject({ name: 'example-clone', powerState: 'POWERED_ON' });
  });

  it('power-on-and-wait: Ctrl-C while waiting cancels the task on the server (cancelOnAbort), exit code 1, no power-on', async () => {
    let sent = false;
    const r = await runExample('power-on-and-wait', { VCENTER_SOURCE_VM: vmIn('POWERED_OFF') }, (out, child) => {
      if (!sent && /task task-\d+: PENDING/.test(out)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    const id = /task (task-\d+)/.exec(r.stdout)?.[1];
    expect(r.stderr).toContain(`interrupted; asked the server to cancel task ${id}`);
    expect(r.stdout).not.toContain('powered on');
    expect(log.some((e) => e.operation === 'cis.tasks.cancel' && e.url.includes(id!) && e.status === 204)).toBe(true);
  });

  it('tag-objects: creates a category and a tag, attaches, lists, cleans up', async () => {
    const vm = vmIn('POWERED_ON');
    const r = await runExample('tag-objects', { VCENTER_VM: vm });
    ok(r);
    expect(r.stdout).toMatch(/created category sdk-example-category: \S+/);
    expect(r.stdout).toMatch(/created tag sdk-example-tag: \S+/);
    expect(r.stdout).toMatch(new RegExp(`attached tag \\S+ to ${vm}`));
    expect(r.stdout).toContain(`${vm} has 1 tag(s):`);
    expect(r.stdout).toMatch(/cleanup: deleted tag \S+/);
    expect(r.stdout).toMatch(/cleanup: deleted category \S+/);
  });

  it('deploy-from-library: finds the item, deploys it, prints the result', async () => {
    const r = await runExample('deploy-from-library', { VCENTER_LIBRARY_ITEM: 'ubuntu-22.04-template', VCENTER_VM_NAME: 'from-ovf' });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/library item \S+: /);
    expect(r.stdout).toMatch(/deploying .* as from-ovf into resource pool \S+/);
    const vm = /deployed: VirtualMachine (vm-\d+)/.exec(r.stdout)?.[1];
    expect(mock.inventory('7.0.3').vms.get(vm!)?.name).toBe('from-ovf');
  });

  it("no example reached an operation the mock answers with the spec's examples (run last: the log of every example above)", () => {
    expect(log.length).toBeGreaterThan(0);
    expect(log.filter((e) => e.source === 'example').map((e) => e.operation)).toEqual([]);
  });
});
