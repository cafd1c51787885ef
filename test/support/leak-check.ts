/**
 * A vitest globalSetup (every project): `npm test` fails if a process that the run started is
 * still alive once every test file has finished.
 *
 * How a process is known to be the run's: setup puts `VCENTER_SDK_TEST_RUN=<id>` in the
 * environment before any worker is forked, so every worker has it and every process a test
 * starts inherits it, however it was spawned (a test that builds an environment of its own
 * must start from process.env). Linux records a process's initial environment in
 * /proc/<pid>/environ, so the teardown finds them all there, grandchildren reparented to pid 1
 * included. Not counted: vitest's workers, and what this (main) process started other than
 * through a worker, which vitest and the global setups own and stop themselves (the Prism front). A leak is reported with its command line,
 * killed, and the run's exit code set to 1. Without /proc (not Linux) there is no check.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const RUN_MARK = 'VCENTER_SDK_TEST_RUN';

/** For a child given an environment of its own (not process.env): the mark that lets the check see it. */
export function runMarkEnv(): Record<string, string> {
  const value = process.env[RUN_MARK];
  return value === undefined ? {} : { [RUN_MARK]: value };
}

export interface MarkedProcess {
  pid: number;
  command: string;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/** pid → [parent pid, state] from /proc/<pid>/stat (the command name in parentheses may hold anything). */
function statOf(pid: number): { ppid: number; state: string } | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(ppid), state: state ?? '' };
}

/** A vitest worker (a test file's process): what a test starts descends from one. */
function isWorker(pid: number): boolean {
  return /vitest[\\/]dist[\\/]workers[\\/]/.test(read(`/proc/${pid}/cmdline`) ?? '');
}

/**
 * Whether `pid` belongs to `owner` rather than to a test: a descendant of `owner` through no
 * vitest worker (a global setup's server). Under a worker (it may outlive its last test for a
 * moment), or reparented to pid 1 or a subreaper, it is a test's.
 */
function ownedBy(pid: number, owner: number): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === owner) return true;
    if (isWorker(p)) return false;
    const s = statOf(p);
    if (!s) return false;
    p = s.ppid;
  }
  return false;
}

/** Live processes whose initial environment has `RUN_MARK=value`, but for vitest's own and those `owner` (this process) owns. */
export function markedProcesses(value: string, owner: number = process.pid): MarkedProcess[] {
  if (!existsSync('/proc/self/environ')) return [];
  const needle = `${RUN_MARK}=${value}`;
  const found: MarkedProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const environ = read(`/proc/${pid}/environ`);
    if (!environ?.split('\0').includes(needle)) continue;
    if (statOf(pid)?.state === 'Z' || isWorker(pid) || ownedBy(pid, owner)) continue;
    found.push({ pid, command: (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim() });
  }
  return found;
}

/** `markedProcesses` once none is left, or after `graceMs` (a process being stopped needs a moment). */
export async function awaitNoMarked(value: string, graceMs: number, owner: number = process.pid): Promise<MarkedProcess[]> {
  const until = performance.now() + graceMs;
  for (;;) {
    const left = markedProcesses(value, owner);
    if (left.length === 0 || performance.now() >= until) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Each project runs this setup; the check is made by the last teardown, after every project's own.
const users = Symbol.for('vcenter-sdk.leak-check.users');
const shared = globalThis as { [users]?: number };

export default function setup(): () => Promise<void> {
  // A fresh id for this run, even when started from within another run's test.
  if (!shared[users]) process.env[RUN_MARK] = `${process.pid}-${randomUUID()}`;
  const value = process.env[RUN_MARK]!;
  shared[users] = (shared[users] ?? 0) + 1;
  return async () => {
    shared[users] = (shared[users] ?? 1) - 1;
    if (shared[users] > 0) return;
    const left = await awaitNoMarked(value, 5000);
    if (left.length === 0) return;
    process.stderr.write(
      `\nleak-check: ${left.length} process(es) started by this test run outlived it (stop them with their process group: test/support/process-group.ts):\n` +
        left.map((p) => `  pid ${p.pid}: ${p.command}\n`).join(''),
    );
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    process.exitCode = 1;
  };
}
