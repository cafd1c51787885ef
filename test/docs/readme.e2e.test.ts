/**
 * The README's TypeScript examples are code, not prose: each ```ts block type-checks against
 * the real packages. Names a snippet uses without declaring them (`client`, `baseUrl`,
 * `auth`, `body`, ...) get a declaration of the type a reader would have at hand.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../support/paths.js';

const dir = join(root, 'test/docs/.tmp-readme');
const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** What a snippet may use without declaring it, and how it would be declared in a program. */
const AMBIENT: Record<string, string> = {
  readFileSync: "import { readFileSync } from 'node:fs';",
  v703: "import v703 from '@vcenter-sdk/vsphere-7.0.3';",
  client:
    "import type { VsphereClient } from '@vcenter-sdk/runtime';\nimport type __v703 from '@vcenter-sdk/vsphere-7.0.3';\ndeclare const client: VsphereClient<typeof __v703>;",
  baseUrl: 'declare const baseUrl: string;',
  auth: "import type { Credentials } from '@vcenter-sdk/runtime';\ndeclare const auth: Credentials;",
  username: 'declare const username: string;',
  password: 'declare const password: string;',
  body: "import type { Schemas as __S } from '@vcenter-sdk/vsphere-7.0.3';\ndeclare const body: __S['VcenterVMCloneTask'];",
};

function program(block: string): string {
  const declared = (name: string) => new RegExp(`(import[^;]*\\b${name}\\b|(const|let|using|function)\\s+${name}\\b)`).test(block);
  const used = (name: string) => new RegExp(`\\b${name}\\b`).test(block);
  const preamble = Object.entries(AMBIENT)
    .filter(([name]) => used(name) && !declared(name))
    .map(([, decl]) => decl);
  return `${preamble.join('\n')}\n${block}\nexport {};\n`;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README examples', () => {
  it('has TypeScript examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it('type-check against the generated packages and the runtime', async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = blocks.map((b, i) => {
      const name = `block${i + 1}.ts`;
      writeFileSync(join(dir, name), program(b));
      return name;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: { noEmit: true, noUnusedLocals: false, lib: ['ES2023', 'ESNext.Disposable', 'DOM'] },
        files,
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const out = await promisify(execFile)(process.execPath, [tsc, '-p', dir], { cwd: root }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(out).toBe('');
  }, 120_000);
});
