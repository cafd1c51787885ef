/**
 * A misspelled operation name, as a consumer of the compiled packages meets it: one short
 * error on the name that lists the operations it is nearest to, no "union type too complex"
 * (TS2590), and a type-check no bigger than the same file with the name spelled right
 * (measured in types tsc creates, which do not depend on the machine's load).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../support/paths.js';

const tsc = join(root, 'node_modules/typescript/bin/tsc');
const dir = mkdtempSync(join(root, 'test/typecheck/.tmp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const consumer = (call: string) => `import { createClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';

export async function main(baseUrl: string) {
  const client = createClient({ baseUrl, release: v703, auth: { username: 'u', password: 'p' } });
  return ${call};
}
`;

/** tsc's output for a one-call consumer: diagnostics, and the number of types it created. */
async function check(name: string, call: string): Promise<{ errors: string[]; types: number }> {
  const project = join(dir, name);
  mkdirSync(project);
  writeFileSync(join(project, 'consumer.ts'), consumer(call));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { noEmit: true, lib: ['ES2023', 'ESNext.Disposable'] },
      files: ['consumer.ts'],
    }),
  );
  const out = await promisify(execFile)(process.execPath, [tsc, '-p', project, '--extendedDiagnostics'], { cwd: root }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => String(e.stdout ?? e),
  );
  const types = Number(/^Types:\s+(\d+)/m.exec(out)?.[1]);
  return { errors: out.split('\n').filter((l) => l.includes('error TS')), types };
}

describe('a misspelled operation name', () => {
  it('is one TS2345 on the name listing its nearest operations, no TS2590, at the cost of a correct call', async () => {
    const right = await check('right', "client.call('vcenter.vm.list', { query: { names: ['web-01'] } })");
    const wrong = await check('wrong', "client.call('vcenter.vm.lsit', { query: { names: ['web-01'] } })");
    expect(right.errors).toEqual([]);
    expect(wrong.errors).toHaveLength(1);
    const [error] = wrong.errors;
    expect(error).toMatch(
      /consumer\.ts\(6,22\): error TS2345: Argument of type '"vcenter\.vm\.lsit"' is not assignable to parameter of type/,
    );
    for (const near of ['vcenter.vm.list', 'vcenter.vm.get', 'vcenter.vm.clone']) expect(error).toContain(`"${near}"`);
    expect(error).not.toContain('vcenter.vm.hardware');
    expect(error!.length).toBeLessThan(600);
    expect(right.types).toBeGreaterThan(0);
    expect(wrong.types).toBeLessThanOrEqual(right.types * 1.1);
  }, 180_000);

  it('under no common prefix still names the argument, with the operations of its first segment', async () => {
    const { errors } = await check('segment', "client.call('vcenter.mv.list')");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /error TS2345: Argument of type '"vcenter\.mv\.list"' is not assignable to parameter of type '"vcenter\.[^"]+" \|/,
    );
    expect(errors[0]).not.toMatch(/TS2590|"appliance\./);
  }, 180_000);
});
