/**
 * The generated packages as a consumer sees them: their compiled declarations (dist/*.d.ts)
 * type-check with skipLibCheck off, and a misuse of a generated type is caught.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../support/paths.js';

const run = promisify(execFile);
const tsc = join(root, 'node_modules/typescript/bin/tsc');

async function typecheck(project: string) {
  try {
    await run(process.execPath, [tsc, '-p', project], { cwd: root });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describe('generated declarations', () => {
  it('type-check with skipLibCheck off, all five releases in one program', async () => {
    expect(await typecheck('test/typecheck/tsconfig.json')).toBe('');
  }, 120_000);

  it('reject a call whose query parameter has the wrong type', async () => {
    const dir = mkdtempSync(join(root, 'test/typecheck/.tmp-'));
    try {
      const consumer = readFileSync(join(root, 'test/typecheck/consumer.ts'), 'utf8').replace("names: ['web-01']", 'names: [1]');
      writeFileSync(join(dir, 'consumer.ts'), consumer);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', files: ['consumer.ts'] }));
      expect(await typecheck(dir)).toMatch(/consumer\.ts\(14,\d+\): error TS2345[\s\S]*names: number\[\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
