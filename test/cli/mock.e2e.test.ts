/**
 * `vcenter-sdk mock R --port P`: the mock vCenter of mock/, started through the real bin on a
 * free loopback port, asked for its version, stopped with SIGTERM; a busy port, --tls, --list.
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
    expect(r.stdout).toContain('Usage: vcenter-sdk mock [R ...] [--port P] [--tls]');
  });

  it('a busy port is one line on stderr, exit 1', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await run(['mock', R, '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([
        `vcenter-sdk mock: port ${port} on 127.0.0.1 is already in use (another mock?): choose another port, or 0 for any free one`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('--tls prints the SHA-256 fingerprint of the certificate it serves', async () => {
    const tlsChild = start(['mock', R, '--tls']);
    try {
      const line = await waitForLine(tlsChild, /SHA-256 fingerprint/, 60_000);
      expect(line).toMatch(/SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    } finally {
      tlsChild.kill('SIGTERM');
    }
  }, 90_000);

  it('--list names the operations answered with examples, and an unknown release lists the nearest', async () => {
    const r = await run(['mock', '8.0.2', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^8\.0\.2: \d+ of 785 operations modelled/);
    expect(r.stdout).toContain('appliance.system.time.get');
    expect(r.stdout).not.toMatch(/^cis\.tagging\.category\.list /m);
    // Served with 7.0.3, 8.0.2 also answers the vcenter service, from 7.0.3's spec: counted per service.
    const both = await run(['mock', '8.0.2', '7.0.3', '--list']);
    expect(both.stdout).toMatch(/^8\.0\.2: \d+ of \d+ operations modelled; \d+ answered with the spec's examples \(.*\bvcenter \d+/m);
    expect(both.stdout).toMatch(/^vcenter\.vm\.guest\.local_filesystem\.get +GET +\S+ +7\.0\.3$/m);
    expect(both.stdout).not.toMatch(/^vcenter\.vm\.list /m);
    const bad = await run(['mock', '7.0']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'release 7.0 is not generated (generated: 6.7.0, 7.0.0, 7.0.1, 7.0.2, 7.0.3, 8.0.2) (did you mean 7.0.0, 7.0.1 or 7.0.2?)',
    );
    expect(bad.stderr).not.toContain('generate --release 7.0');
  });
});
