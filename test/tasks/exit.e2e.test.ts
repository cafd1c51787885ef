/**
 * No timer outlives `wait`: a node process that awaited a task (with a 10-minute deadline)
 * exits promptly after its last line, whether the task succeeded or the wait was aborted.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fake, successScript } from './helpers.js';

const child = fileURLToPath(new URL('./fixtures/await-task.ts', import.meta.url));

function runChild(args: string[]): Promise<{ out: string; err: string; code: number | null; exitLagMs: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let doneAt: number | undefined;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (doneAt === undefined && /done \d+/.test(out)) doneAt = Date.now();
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const kill = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('error', reject);
    p.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ out, err, code, exitLagMs: doneAt === undefined ? Infinity : Date.now() - doneAt });
    });
  });
}

describe('process exit', () => {
  it.each([
    ['run', 'close'],
    ['run', 'no-close'],
    ['abort', 'close'],
  ])('after %s (%s) the child exits within 1 s of its last line', async (mode, closeMode) => {
    const f = await fake();
    f.tasks.template = mode === 'run' ? { advance: 'per-poll', script: successScript('vm-child') } : { advance: 'manual', script: [{ status: 'RUNNING' }] };
    const r = await runChild([f.url, closeMode!, mode!]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(mode === 'run' ? 'result vm-child' : 'rejected AbortError');
    expect(r.exitLagMs).toBeLessThan(1000);
  });
});
