/**
 * `vcenter-sdk generate` on a throwaway specs folder: one Swagger 2.0 JSON release and one
 * OpenAPI 3.0 YAML release, written to a temp dir with --out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, run, tempDir, tinyOpenapi3, tinySwagger, unlinkReleasePackages, writeJson, writeYaml } from './helpers.js';

const SWAGGER = '1.0.0-cligen';
const OAS3 = '2.0.0-cligen';

describe('vcenter-sdk generate', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof run>>;
  const ops = (release: string) => JSON.parse(readFileSync(join(dir, 'out', release, 'operations.json'), 'utf8')) as any[];

  beforeAll(async () => {
    dir = tempDir('generate');
    writeJson(join(dir, 'specs', SWAGGER, 'vcenter.json'), tinySwagger('a'));
    writeYaml(join(dir, 'specs', OAS3, 'widgets.yaml'), tinyOpenapi3());
    result = await run(['generate', '--specs', join(dir, 'specs'), '--out', join(dir, 'out')]);
  }, 120_000);

  afterAll(() => {
    unlinkReleasePackages([SWAGGER, OAS3]);
    removeDir(dir);
  });

  it('exits 0 and prints one plain line per release (not a terminal): no stages, no details', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${SWAGGER}: generated`);
    expect(result.stdout).toContain(`${OAS3}: generated`);
    expect(result.stdout).not.toContain('\x1b[');
    const lines = result.stdout.trim().split('\n');
    // `generate: 2 release(s) from …`, one line per release, the events package's line
    // (its catalog warning included), then the CHANGES.md line.
    expect(lines.filter((l) => !l.startsWith('  warning:'))).toHaveLength(5);
    expect(lines.find((l) => l.startsWith('events: '))).toMatch(/^events: (generated in [\d.]+ s: \d+ event classes|up to date)/);
    expect(lines[1]).toMatch(new RegExp(`^${SWAGGER.replace(/\./g, '\\.')}: generated in [\\d.]+ s: \\d+ operations`));
  });

  it('writes the operation table of the Swagger 2.0 release', () => {
    const table = ops(SWAGGER);
    expect(table.map((o) => o.name).sort()).toEqual(['test.thing.create', 'test.thing.delete', 'test.thing.get', 'test.thing.list']);
    const get = table.find((o) => o.name === 'test.thing.get');
    expect(get).toMatchObject({
      method: 'GET',
      path: '/api/test/thing/{thing}',
      style: 'api',
      async: false,
      parameters: [{ name: 'thing', in: 'path', required: true }],
      result: 'TestThingSummary',
      summary: 'Returns one thing.',
      service: 'vcenter',
    });
    expect(table.find((o) => o.name === 'test.thing.create')).toMatchObject({
      method: 'POST',
      body: 'TestThingCreateSpec',
      success: [201],
    });
  });

  it('writes the operation table of the OpenAPI 3.0 YAML release', () => {
    const table = ops(OAS3);
    expect(table.map((o) => o.name).sort()).toEqual(['widgets.gizmo.list', 'widgets.gizmo.polish']);
    expect(table.find((o) => o.name === 'widgets.gizmo.polish')).toMatchObject({
      method: 'POST',
      path: '/api/widgets/gizmo/{gizmo}?action=polish',
      pathname: '/api/widgets/gizmo/{gizmo}',
      query: { action: 'polish' },
      body: 'WidgetsGizmoPolishSpec',
      summary: 'Polishes one gizmo.',
      service: 'widgets',
    });
  });

  it('writes CHANGES.md for the generated releases, the same bytes on a second run', async () => {
    const file = join(dir, 'out', 'CHANGES.md');
    expect(existsSync(file)).toBe(true);
    const first = readFileSync(file, 'utf8');
    expect(first).toContain(`## ${SWAGGER} → ${OAS3}`);
    expect(first).toContain('`widgets.gizmo.polish`');
    const again = await run(['generate', '--specs', join(dir, 'specs'), '--out', join(dir, 'out'), '--release', OAS3]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
    expect(readFileSync(file, 'utf8')).toBe(first);
  }, 120_000);

  it('fails with one line for an unknown release, and exits 2 for an unknown option', async () => {
    const missing = await run(['generate', '--specs', join(dir, 'specs'), '--out', join(dir, 'out'), '--release', '9.9.9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no release folder 9.9.9');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const bad = await run(['generate', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain("'--nope'");
  }, 60_000);

  it('has --help', async () => {
    const help = await run(['generate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--specs DIR');
    expect(help.stdout).toContain('--out DIR');
  });
});
