/**
 * The README's shell commands work as written: each line of the block marked
 * `<!-- readme-commands -->` runs through `sh`, its optional `[...]` parts left out (but
 * `--tls` kept for `mock`, so that `call --thumbprint` can pin the mock's certificate),
 * `...` placeholders filled with the mock's login, URL and fingerprint. `mock` keeps running
 * while the others run against it.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../support/paths.js';
import { execGroup, spawnGroup, stopGroup } from '../support/process-group.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const block = /<!-- readme-commands[^>]*-->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const lines = block.split('\n').filter((l) => l.trim() !== '');
const asWritten = (line: string): string => line.replace(/ \[([^\]]*)\]/g, (_m, inner: string) => (inner === '--tls' ? ' --tls' : ''));
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };

// `sh` and `npx` start node children of their own: each line runs in a process group, stopped whole.
let mock: ChildProcess | undefined;
let url = '';
let fingerprint = '';

function sh(line: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return execGroup('sh', ['-c', line], { cwd: root, env, timeoutMs: 300_000 });
}

beforeAll(async () => {
  const line = asWritten(lines.find((l) => / mock\b/.test(l))!);
  mock = spawnGroup('sh', ['-c', `exec ${line}`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`mock did not start: ${out}`)), 60_000);
    mock!.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const u = /listening on (https:\/\/\S+)/.exec(out);
      const f = /SHA-256 fingerprint (\S+)/.exec(out);
      if (u && f) {
        url = u[1]!;
        fingerprint = f[1]!;
        clearTimeout(timer);
        ok();
      }
    });
    mock!.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  });
}, 90_000);

afterAll(async () => {
  if (mock) await stopGroup(mock);
});

describe('README shell commands', () => {
  it('has the marked block, with the mock in it', () => {
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each(lines.filter((l) => !/ mock\b/.test(l)).map((l) => [l]))(
    '%s',
    async (line) => {
      const filled = asWritten(line)
        .replace('VCENTER_USER=...', 'VCENTER_USER=administrator@vsphere.local')
        .replace('VCENTER_PASSWORD=...', 'VCENTER_PASSWORD=mock-password')
        .replace('https://vc', url)
        .replace('AB:CD:...', fingerprint);
      const r = await sh(filled);
      expect(r.code, `${filled}\n${r.stderr}`).toBe(0);
      expect(r.stdout.trim().length, `${filled} printed nothing`).toBeGreaterThan(0);
      // Hang guards, not speed checks: a command takes 5-30 s idle, several times that beside another npm test.
    },
    300_000,
  );
});
