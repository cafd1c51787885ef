/** `vcenter-sdk ops R [pattern]` on the generated 7.0.3 release (npm test generates it first). */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const R = '7.0.3';

describe('vcenter-sdk ops', () => {
  it('finds operations by name (substring, case-insensitive) as a table', async () => {
    const r = await run(['ops', R, 'VCENTER.VM.POWER.ST']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+METHOD\s+PATH\s+ASYNC$/);
    expect(lines[1]).toMatch(/^-+\s+-+\s+-+\s+-+$/);
    expect(lines.some((l) => /^vcenter\.vm\.power\.start\s+POST\s+\/api\/vcenter\/vm\/\{vm\}\/power\?action=start\s+sync$/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('vcenter.vm.power.stop '))).toBe(true);
    expect(lines.some((l) => l.startsWith('vcenter.vm.list '))).toBe(false);
    expect(r.stderr).toMatch(/^\d+ of \d+ operations\n$/);
  }, 60_000);

  it('finds operations by path, with async marked', async () => {
    const r = await run(['ops', R, '/api/vcenter/vm?action=clone', '--json']);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as { name: string; method: string; path: string; async: boolean }[];
    expect(found.map((o) => o.name).sort()).toEqual(['vcenter.vm.clone', 'vcenter.vm.clone$task']);
    expect(found.find((o) => o.name === 'vcenter.vm.clone$task')).toMatchObject({
      method: 'POST',
      path: '/api/vcenter/vm?action=clone&vmw-task=true',
      async: true,
    });
    const table = await run(['ops', R, '/api/vcenter/vm?action=clone']);
    expect(table.stdout).toMatch(/vcenter\.vm\.clone\$task\s+POST\s+\S+\s+async/);
  }, 60_000);

  it('finds operations by summary, and by /regex/', async () => {
    const bySummary = JSON.parse((await run(['ops', R, 'powers on a powered-off', '--json'])).stdout) as {
      name: string;
      summary: string;
    }[];
    expect(bySummary.map((o) => o.name)).toContain('vcenter.vm.power.start');
    expect(bySummary.every((o) => /powers on a powered-off/i.test(o.summary))).toBe(true);
    const byRegex = JSON.parse((await run(['ops', R, '/^GET \\/api\\/vcenter\\/vm$/', '--json'])).stdout) as { name: string }[];
    expect(byRegex.map((o) => o.name)).toEqual(['vcenter.vm.list']);
  }, 60_000);

  it('reports a release that is not generated (1) and a bad regex (2) in one line', async () => {
    const missing = await run(['ops', '9.9.9', 'vm']);
    expect(missing.code).toBe(1);
    // No spec folder 9.9.9: generate is not suggested, as it would fail.
    expect(missing.stderr).toMatch(/^vcenter-sdk ops: release 9\.9\.9 is not generated \(generated: .*7\.0\.3.*\)\n$/);
    const bad = await run(['ops', R, '/[/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('invalid regular expression');
  }, 60_000);

  it("the README's pattern: * stands for any characters; no match offers the nearest names", async () => {
    const r = await run(['ops', R, 'tagging.*create', '--json']);
    const names = (JSON.parse(r.stdout) as { name: string }[]).map((o) => o.name);
    expect(names).toContain('cis.tagging.category.create');
    expect(names).toContain('cis.tagging.tag.create');
    const none = await run(['ops', R, 'vcenter.vm.lsit']);
    expect(none.stderr).toContain('(did you mean vcenter.vm.list?)');
  }, 60_000);

  it('has --help', async () => {
    const r = await run(['ops', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: vcenter-sdk ops R [pattern]');
  });
});
