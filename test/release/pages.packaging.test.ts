/**
 * The package pages: each published package's README says what it is, how to install it (an
 * `npm install` naming it), shows a minimal example that type-checks (extracted from the
 * README's Example section and compiled, NodeNext, against the packages as built), and names
 * its vSphere release or the runtime contract; each package.json has the fields a registry page shows.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../../codegen/src/package-files.js';
import { listPackages } from '../../scripts/release/packages.js';
import { REPO_ROOT } from '../support/paths.js';
import { scratchDirs } from '../support/scratch.js';

const run = promisify(execFile);
const tempDir = scratchDirs();
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const packages = listPackages();
const fileOf = (name: string) => `${name.replace(/^@vcenter-sdk\//, '').replaceAll('.', '_')}.ts`;

/** The first ```ts block after `## Example`. */
function example(readme: string): string | undefined {
  const section = readme.split(/^## Example\s*$/m)[1];
  return section ? /```ts\n([\s\S]*?)```/.exec(section)?.[1] : undefined;
}

let compiled: { ok: boolean; output: string };

beforeAll(async () => {
  // Inside the repository, so that the examples resolve the packages as built (node_modules/@vcenter-sdk/*).
  const dir = tempDir('pages-');
  for (const p of packages) {
    const code = example(readFileSync(join(p.dir, 'README.md'), 'utf8'));
    if (code) writeFileSync(join(dir, fileOf(p.name)), code);
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'ESNext.Disposable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        types: ['node'],
        noEmit: true,
      },
      include: ['*.ts'],
    }),
  );
  compiled = await run(process.execPath, [TSC, '-p', dir], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).then(
    () => ({ ok: true, output: '' }),
    (e: { stdout?: string }) => ({ ok: false, output: e.stdout ?? String(e) }),
  );
}, 180_000);

it('there are packages to check: runtime, mock, events, events-data and the releases', () => {
  expect(packages.map((p) => p.name)).toEqual(
    expect.arrayContaining([
      '@vcenter-sdk/runtime',
      '@vcenter-sdk/mock',
      '@vcenter-sdk/events',
      '@vcenter-sdk/events-data',
      '@vcenter-sdk/vsphere-8.0.2',
    ]),
  );
});

describe.each(packages.map((p) => [p.name, p] as const))('%s', (name, p) => {
  const readme = readFileSync(join(p.dir, 'README.md'), 'utf8');
  const m = p.manifest;

  it('README: its name, what it is, how to install it, and what it is for', () => {
    expect(readme.split('\n')[0]).toBe(`# ${name}`);
    expect(readme).toMatch(new RegExp(`npm install [^\\n]*${name.replaceAll('.', '\\.')}(\\s|$)`));
    const release = m.vsphereRelease as string | undefined;
    if (release) expect(readme).toContain(`vSphere ${release}`);
    expect(readme).toMatch(/contract \d+/);
  });

  it('README: an example that type-checks', () => {
    const code = example(readme);
    expect(code, 'a ```ts block under ## Example').toBeTruthy();
    expect(code).toContain(`from '${name}'`);
    const errors = compiled.output.split('\n').filter((l) => l.startsWith(fileOf(name)));
    expect(errors, 'tsc').toEqual([]);
  });

  it('package.json: repository, homepage, keywords, engines, license, files', () => {
    expect(m.repository).toMatchObject({ type: 'git', url: PROJECT.repository });
    expect(m.homepage).toMatch(/^https:\/\//);
    expect((m.keywords as string[]).length).toBeGreaterThan(3);
    expect(m.engines).toEqual({ node: '>=20.18.1' });
    expect(m.license).toBe('MIT');
    expect(m.files).toEqual(expect.arrayContaining(['dist']));
  });
});

it('the examples compiled as a whole', () => {
  expect(compiled.output).toBe('');
  expect(compiled.ok).toBe(true);
});
