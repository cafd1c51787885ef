/**
 * What the README shows the mock answering is what it answers: the quick start's output (the
 * lines after the mock's URL, whose port varies) from examples/quick-start.ts against a
 * default mock, and the `NotFound` example's messages for `vcenter.vm.get` on `vm-missing`.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, NotFound } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { REPO_ROOT as root } from '../support/paths.js';
import { MOCK_PASSWORD, USER } from '../support/settings.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
let mock: MockVcenter;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
});

describe('README output', () => {
  it('the quick start prints what the README shows', async () => {
    const shown = /It ends with:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown, 'the quick start output block').toBeDefined();
    const [mockLine, ...expected] = shown!
      .trim()
      .split('\n')
      .filter((l) => l !== '');
    expect(mockLine).toContain(`(releases ${mock.releases.join(', ')}; ready in`);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'examples/quick-start.ts'],
        {
          cwd: root,
          env: { ...process.env, VCENTER_URL: mock.url, VCENTER_USER: USER, VCENTER_PASSWORD: MOCK_PASSWORD },
          timeout: 60_000,
        },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      );
    });
    expect(stdout.trim().split('\n')).toEqual(expected);
  }, 90_000);

  it("the NotFound example's messages", async () => {
    const shown = /if \(e instanceof NotFound\) console\.log\(e\.messages\); \/\/ (\[.*?\])/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const client = createClient({
      baseUrl: mock.url,
      release: v703,
      auth: { username: USER, password: MOCK_PASSWORD },
    });
    try {
      const e = await client.call('vcenter.vm.get', { path: { vm: 'vm-missing' } }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NotFound);
      expect(JSON.stringify((e as NotFound).messages)).toBe(JSON.stringify(JSON.parse(shown!.replace(/'/g, '"'))));
    } finally {
      await client.close();
    }
  });
});
