/**
 * `vcenter-sdk mock R --port P`: the mock vCenter of scripts/mock.ts (Prism behind it), started
 * through the real bin on a free loopback port, asked for its version, stopped with SIGTERM.
 * Needs the generated release (npm test generates it first).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, run, start } from './helpers.js';

const R = '7.0.3';

function waitForLine(child: ChildProcess, re: RegExp, ms: number): Promise<string> {
  return new Promise((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`no line matching ${re} within ${ms} ms; output so far:\n${seen}`)), ms);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((l) => re.test(l));
      if (line) {
        clearTimeout(timer);
        ok(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (seen += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`mock exited with ${code} before listening; output:\n${seen}`));
    });
  });
}

describe('vcenter-sdk mock', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    // Only if a test failed before stopping it: SIGTERM lets the mock stop its Prism processes.
    if (child && child.exitCode === null) child.kill('SIGTERM');
  });

  it('serves /api/appliance/system/version on the given port until SIGTERM', async () => {
    const port = await freePort();
    child = start(['mock', R, '--port', String(port)]);
    const line = await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:\d+/, 90_000);
    expect(line).toContain(`http://127.0.0.1:${port}`);

    const res = await fetch(`http://127.0.0.1:${port}/api/appliance/system/version`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: string; product: string };
    expect(body.version).toBe(R);

    const exited = new Promise<number | null>((ok) => child!.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/api/appliance/system/version`)).rejects.toThrow();
  }, 120_000);

  it('exits 2 on a bad port, with one line', async () => {
    const r = await run(['mock', R, '--port', 'eighty']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--port must be a number');
  });

  it('has --help', async () => {
    const r = await run(['mock', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: vcenter-sdk mock [R] [--port P]');
  });
});
