/**
 * @vcenter-sdk/events and @vcenter-sdk/events-data as a consumer sees them: their compiled
 * declarations type-check with skipLibCheck off, and a misuse of an event's type is caught.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { REPO_ROOT as root } from '../support/paths.js';

const tsc = join(root, 'node_modules/typescript/bin/tsc');
const typecheck = (project: string) =>
  promisify(execFile)(process.execPath, [tsc, '-p', project], { cwd: root }).then(
    () => '',
    (e: { stdout?: string }) => String(e.stdout ?? e),
  );

it('type-check with skipLibCheck off', async () => {
  expect(await typecheck('test/events/typecheck/tsconfig.json')).toBe('');
}, 180_000);

it('a field the class does not have is an error', async () => {
  const dir = mkdtempSync(join(root, 'test/events/typecheck/.tmp-'));
  try {
    writeFileSync(
      join(dir, 'consumer.ts'),
      readFileSync(join(root, 'test/events/typecheck/consumer.ts'), 'utf8').replace('e.data.Vm?.Name', 'e.data.Vm?.Nmae'),
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', files: ['consumer.ts'] }));
    expect(await typecheck(dir)).toMatch(/consumer\.ts\(9,\d+\): error TS\d+: Property 'Nmae' does not exist on type 'VmEventArgument'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
