/**
 * Processes a test starts, each leading a process group of its own, stopped with the whole
 * group: a signal to `sh` or `npm` alone leaves their node children running (reparented to
 * pid 1), a signal to the group reaches every member. Use these for anything that may start
 * children of its own (`sh -c`, `npm`, `npx`); a plain `node` child may be spawned directly.
 * test/support/leak-check.ts fails `npm test` if any process of the run outlives it.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** `command` leading a new process group (its pid is the group id). */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(command, args, { ...options, detached: true });
}

/** Send `signal` to every process of `child`'s group; false when the group is gone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false; // ESRCH: no member left
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stop the group: `signal` (SIGTERM), then SIGKILL for whatever is left after `graceMs`, or
 * at once after the leader exits (members it leaves behind are killed, not waited for).
 */
export async function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 3000): Promise<void> {
  signalGroup(child, signal);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited(child), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  signalGroup(child, 'SIGKILL');
  await exited(child);
}

export interface GroupResult {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * `command` to its end, like execFile, with its output (never rejects on the exit code). On
 * `timeoutMs` the whole group is stopped; once the leader exits, members it left behind are
 * killed too.
 */
export function execGroup(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<GroupResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      void stopGroup(child);
    }, options.timeoutMs ?? 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // Members left behind may hold the pipes open: 'close' would wait for them.
    child.on('exit', () => signalGroup(child, 'SIGKILL'));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, signal, stdout, stderr, timedOut });
    });
  });
}
