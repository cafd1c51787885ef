/**
 * Smoke test of `npm run bench`: the whole harness with tiny iteration counts (--quick,
 * BENCH_QUICK=1) into a temporary dir. Checks the shape of results.json and results.md and
 * that 100 concurrent calls on an expired session log in once. No timing assertions: quick
 * figures mean nothing, and the machine may be busy.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median, medianRound, pooled, renderMarkdown, replaceBetweenMarkers, RUNS_KEPT, type BenchResult } from '../../bench/harness.js';
import { REPO_ROOT as root } from '../support/paths.js';

const run = promisify(execFile);
const NAMES = ['coldstart', 'generate', 'import', 'call', 'decode', 'typecheck', 'logins', 'pool', 'soak', 'tasks', 'mock'];

describe('npm run bench --quick', () => {
  let out: string;
  let results: {
    node: string;
    cpus: number;
    quick: boolean;
    benchmarks: Record<string, BenchResult>;
    errors?: Record<string, string>;
  };
  let markdown: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'vcenter-sdk-bench-test-'));
    await run(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--quick', '--out', out], {
      cwd: root,
      env: { ...process.env, BENCH_QUICK: '1' },
      timeout: 280_000,
      maxBuffer: 16 * 2 ** 20,
    });
    results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    markdown = readFileSync(join(out, 'results.md'), 'utf8');
  }, 300_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('writes a well-formed results.json with every benchmark', () => {
    expect(results.errors).toBeUndefined();
    expect(results.quick).toBe(true);
    expect(results.node).toBe(process.version);
    expect(Object.keys(results.benchmarks)).toEqual(NAMES);
    for (const [name, r] of Object.entries(results.benchmarks)) {
      expect(r.name).toBe(name);
      expect(r.runs).toBeGreaterThan(0);
      expect(r.metrics.length).toBeGreaterThan(0);
      for (const m of r.metrics) {
        expect(typeof m.name).toBe('string');
        expect(Number.isFinite(m.value)).toBe(true);
        if (m.baseline) expect(Number.isFinite(m.baseline.value)).toBe(true);
        if (m.ratio !== undefined) expect(m.ratio).toBeGreaterThan(0);
      }
    }
    // the benchmarks that are ratios against a baseline carry one
    for (const name of ['import', 'call', 'decode', 'typecheck']) {
      expect(results.benchmarks[name]!.metrics[0]!.ratio).toBeDefined();
    }
  });

  it('logs in once for 100 concurrent calls on an expired session', () => {
    const [m] = results.benchmarks.logins!.metrics;
    expect(m!.value).toBe(1);
    expect(m!.ok).toBe(true);
    expect((results.benchmarks.logins!.details as { loginsPerRound: number[] }).loginsPerRound.every((n) => n === 1)).toBe(true);
  });

  it('the soak settles every call typed, with no unhandled rejection and at most 16 sockets', () => {
    const soak = results.benchmarks.soak!;
    const ok = (name: string) => soak.metrics.find((m) => m.name.startsWith(name))!.ok;
    expect(ok('calls settled')).toBe(true);
    expect(ok('unhandled rejections')).toBe(true);
    expect(ok('most sockets')).toBe(true);
    expect(results.benchmarks.pool!.metrics.find((m) => m.name.startsWith('sockets used'))!.ok).toBe(true);
  });

  it('times the quick start and keeps what it printed', () => {
    const coldstart = results.benchmarks.coldstart!;
    expect(coldstart.metrics[0]!.value).toBeGreaterThan(0);
    expect((coldstart.details as { quickStart: string[] }).quickStart.join('\n')).toMatch(/powered-on VM\(s\): DC0_/);
  });

  it('regenerates nothing when nothing changed', () => {
    const noop = results.benchmarks.generate!.metrics[1]!;
    expect(noop.aim).toBe('all skipped');
    expect(noop.ok).toBe(true);
  });

  it('writes the Markdown table, one row per metric', () => {
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| benchmark'));
    const metrics = Object.values(results.benchmarks).flatMap((r) => r.metrics);
    expect(rows).toHaveLength(metrics.length);
    expect(markdown).toContain('QUICK MODE');
  });
});

describe('harness', () => {
  it('median, and the round with the median ratio (its own two figures, lower median when even)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianRound([10, 30, 20], [5, 10, 5])).toEqual({ measured: 30, baseline: 10, ratio: 3 }); // ratios 2, 3, 4
    expect(medianRound([2, 3, 4, 5], [1, 1, 1, 1])).toEqual({ measured: 3, baseline: 1, ratio: 3 });
  });

  it('pools the runs of the same code: median and spread per row, the aim met only when every run met it', () => {
    const run = (value: number, base: number): BenchResult => ({
      name: 'call',
      title: 'per call',
      runs: 1,
      metrics: [
        {
          name: 'small',
          value,
          unit: 'µs',
          baseline: { name: 'raw', value: base, unit: 'µs' },
          ratio: value / base,
          aim: '< 1.3',
          ok: value / base < 1.3,
        },
      ],
    });
    const history = [run(120, 100), run(110, 100), run(140, 100), run(100, 100), run(125, 100)];
    expect(pooled(run(150, 100), []).metrics[0]!.runs).toBeUndefined();
    const p = pooled(run(105, 100), history).metrics[0]!; // the last RUNS_KEPT runs: 110 140 100 125 105
    expect(RUNS_KEPT).toBe(5);
    expect(p.runs).toEqual({
      count: 5,
      value: { median: 110, min: 100, max: 140 },
      baseline: { median: 100, min: 100, max: 100 },
      ratio: { median: 1.1, min: 1, max: 1.4 },
    });
    expect(p.ok).toBe(false); // 1.40 missed the aim
    expect(pooled(run(105, 100), history.slice(3)).metrics[0]!.ok).toBe(true);
    const table = renderMarkdown([{ ...run(105, 100), metrics: [p] }], {
      node: 'v20',
      cpus: 2,
      date: '2025-01-01T00:00:00Z',
      quick: false,
    });
    expect(table).toContain(
      '| per call: small | 110 µs (100 µs–140 µs) | raw: 100 µs (100 µs–100 µs) | **1.10** (1.00–1.40, 5 runs) | < 1.3 ✗ |',
    );
  });

  it('replaces the table between the bench markers, adding the closing one once', () => {
    const table = renderMarkdown([], { node: 'v20', cpus: 2, date: '2025-01-01T00:00:00Z', quick: false });
    const first = replaceBetweenMarkers('# x\n\n## Benchmarks\n\n<!-- bench -->\n', table);
    expect(first).toMatch(/<!-- bench -->\n\n\| benchmark [\s\S]*<!-- \/bench -->\n$/);
    const again = replaceBetweenMarkers(first.replace('v20', 'v22'), table);
    expect(again).toBe(first);
    expect(replaceBetweenMarkers('a <!-- bench -->old<!-- /bench --> b', 'new')).toBe('a <!-- bench -->\n\nnew\n\n<!-- /bench --> b');
  });
});
