/**
 * The events generator: deterministic (two runs, byte-identical output), incremental (a
 * second run is skipped; a changed catalog regenerates), atomic (a failing run keeps the
 * previous output and leaves no staging folder), and clear about bad input (file and line).
 * Runs on the real vim25 files and two catalogs, into a temporary folder.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateEvents } from '../../codegen/src/events/generate.js';
import { parseCatalog, versionOf } from '../../codegen/src/events/catalog.js';
import { parseGo } from '../../codegen/src/events/go-types.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'vcenter-sdk-events-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const specs = join(tmp, 'specs');
mkdirSync(join(specs, 'vcenter-events'), { recursive: true });
cpSync(join(ROOT, 'specs/vim25'), join(specs, 'vim25'), { recursive: true });
for (const f of ['vsphere-7.0.md', 'vsphere-8.0u3.md']) cpSync(join(ROOT, 'specs/vcenter-events', f), join(specs, 'vcenter-events', f));

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const run = (outDir: string, force = false) => generateEvents({ specsDir: specs, outDir, rootDir: ROOT, version: '0.1.0', force });

it('deterministic, incremental, atomic', async () => {
  const a = join(tmp, 'a');
  const b = join(tmp, 'b');
  const first = await run(a);
  expect(first.skipped).toBe(false);
  expect(first.report.counts).toMatchObject({ eventClasses: 443, types: 550 });
  expect(first.report.catalogs.map((c) => [c.name, c.version, c.entries, c.declared])).toEqual([
    ['7.0', '7.0.0', 1004, 1778],
    ['8.0u3', '8.0.3', 2194, 2194],
  ]);
  expect(first.report.warnings.join('\n')).toMatch(/vsphere-7\.0\.md states 1778 events but lists 1004/);
  await run(b);
  const snapA = snapshot(a);
  expect(snapshot(b)).toEqual(snapA);
  expect(Object.keys(snapA).filter((f) => f.startsWith('events/dist/catalogs/'))).toEqual([
    'events/dist/catalogs/7.0.d.ts',
    'events/dist/catalogs/7.0.js',
    'events/dist/catalogs/8.0u3.d.ts',
    'events/dist/catalogs/8.0u3.js',
  ]);
  expect(JSON.stringify(snapA)).not.toContain(tmp);

  expect((await run(a)).skipped).toBe(true);
  appendFileSync(join(specs, 'vcenter-events/vsphere-8.0u3.md'), '| com.example.NewEvent | EventEx | A new event |\n');
  const changed = await run(a);
  expect(changed.skipped).toBe(false);
  expect(readFileSync(join(a, 'events/src/types.ts'), 'utf8')).toContain("'com.example.NewEvent': EventExOf<'com.example.NewEvent'>;");

  const before = snapshot(a);
  writeFileSync(
    join(specs, 'vcenter-events/vsphere-8.0u3.md'),
    `${readFileSync(join(specs, 'vcenter-events/vsphere-8.0u3.md'), 'utf8')}| broken.Row | Sometimes | x |\n`,
  );
  await expect(run(a)).rejects.toThrow(/vsphere-8\.0u3\.md:\d+: expected 'EventId \| EventType \| EventDescription'.*'\| broken\.Row/);
  expect(snapshot(a)).toEqual(before);
  expect(readdirSync(join(a, '.staging'))).toEqual([]);
}, 120_000);

it('bad Go declarations and catalog names are errors naming the file and line', () => {
  expect(() => parseGo([{ name: 'vim25/types.go', text: 'type X struct {\n\tA map[string]int\n}\n' }])).toThrow(
    "vim25/types.go:2: unsupported Go type 'map[string]int'",
  );
  expect(() => parseGo([{ name: 'vim25/types.go', text: 'type X struct {\n\tA int32\n' }])).toThrow(
    'vim25/types.go: struct X (line 1) is never closed',
  );
  expect(() => parseCatalog('events.md', '')).toThrow(/not a catalog file name/);
  expect(() => parseCatalog('vsphere-8.0u3.md', '# t\n')).toThrow(/no 'EventId \| EventType \| EventDescription' table/);
  expect(versionOf('8.0u3')).toBe('8.0.3');
  expect(versionOf('7.0')).toBe('7.0.0');
});
