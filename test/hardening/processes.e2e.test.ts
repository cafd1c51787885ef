/**
 * The suite's own hygiene: what a test starts through test/support/process-group.ts is stopped
 * with its children, and the leak check (test/support/leak-check.ts, run at the end of every
 * `npm test`) sees a process that outlives its test, grandchildren included. Each case marks its
 * processes with an id of its own, so that it sees only them.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { awaitNoMarked, markedProcesses, RUN_MARK } from '../support/leak-check.js';
import { execGroup, spawnGroup, stopGroup } from '../support/process-group.js';

const probe = () => `probe-${randomUUID()}`;
const envOf = (mark: string) => ({ ...process.env, [RUN_MARK]: mark });
// `sh` forks `sleep` (two commands: no exec optimisation), as `sh -c "npx …"` forks node.
const SHELL_WITH_CHILD = 'sleep 30; true';

/** What the main vitest process sees (it owns neither this worker nor its children). */
const seen = (mark: string) => markedProcesses(mark, process.ppid).map((p) => p.command);

describe('processes a test starts', () => {
  it('a shell and its child, started in a group: the check sees both; stopped as a group, none is left', async () => {
    const mark = probe();
    const child = spawnGroup('sh', ['-c', SHELL_WITH_CHILD], { env: envOf(mark), stdio: 'ignore' });
    await expect.poll(() => seen(mark).sort(), { timeout: 10_000 }).toEqual(['sh -c sleep 30; true', 'sleep 30']);
    await stopGroup(child);
    expect(await awaitNoMarked(mark, 5000, process.ppid)).toEqual([]);
  });

  it('a signal to the shell alone leaves its child running, and the check reports that child', async () => {
    const mark = probe();
    const child = spawn('sh', ['-c', SHELL_WITH_CHILD], { env: envOf(mark), stdio: 'ignore', detached: true });
    await expect.poll(() => seen(mark).length, { timeout: 10_000 }).toBe(2);
    child.kill('SIGKILL');
    await expect.poll(() => seen(mark), { timeout: 10_000 }).toEqual(['sleep 30']);
    await stopGroup(child); // the group still holds the orphan
    expect(await awaitNoMarked(mark, 5000, process.ppid)).toEqual([]);
  });

  it('execGroup returns once the command ends, with what it left behind killed', async () => {
    const mark = probe();
    const r = await execGroup('sh', ['-c', '(sleep 30 &) ; echo started'], { env: envOf(mark) });
    expect(r).toMatchObject({ code: 0, stdout: 'started\n', timedOut: false });
    expect(await awaitNoMarked(mark, 5000, process.ppid)).toEqual([]);
  });

  it('execGroup stops a command that outlives its timeout, children included', async () => {
    const mark = probe();
    const r = await execGroup('sh', ['-c', SHELL_WITH_CHILD], { env: envOf(mark), timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    expect(await awaitNoMarked(mark, 5000, process.ppid)).toEqual([]);
  });
});
