/**
 * The shared harness of the benchmarks: medians, timing loops, fresh child processes,
 * the result shape every benchmark returns and its Markdown rendering.
 *
 * Every ratio is measured against a baseline in the same run (interleaved where it can be),
 * and every figure is a median of several runs: the machine may be busy with other work.
 * `BENCH_QUICK=1` shrinks every iteration count (the smoke test uses it): figures are then
 * meaningless, only their shape is checked.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../codegen/src/specs-dir.js';

export { repoRoot };

export const quick = process.env.BENCH_QUICK === '1';

/** `full` iterations, or `small` when BENCH_QUICK=1. */
export function iters(full: number, small = 1): number {
  return quick ? small : full;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Paired samples (measured[i] and baseline[i] taken in the same round): the round whose
 * ratio is the median one (the lower median for an even count). Reporting that round's two
 * figures with its ratio keeps a table row self-consistent, which the medians of each side
 * taken apart would not be when the load drifts between rounds.
 */
export function medianRound(measured: readonly number[], baseline: readonly number[]): { measured: number; baseline: number; ratio: number } {
  if (measured.length !== baseline.length || measured.length === 0) throw new Error('medianRound: unpaired samples');
  const rounds = measured.map((m, i) => ({ measured: m, baseline: baseline[i]!, ratio: m / baseline[i]! }));
  rounds.sort((a, b) => a.ratio - b.ratio);
  return rounds[(rounds.length - 1) >> 1]!;
}

/** Median duration (ms) of `fn` over `runs` runs, after `warmup` unmeasured ones. */
export function timeMedian(fn: () => void, runs: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

/**
 * Runs `measured` and `baseline` in alternating rounds (so that a change of load hits both),
 * each round timing `perRound` sequential iterations; returns the per-iteration times of the
 * round with the median ratio (see `medianRound`).
 */
export async function compareAsync(
  measured: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  { rounds, perRound, warmup = perRound }: { rounds: number; perRound: number; warmup?: number },
): Promise<{ measuredMs: number; baselineMs: number; ratio: number }> {
  for (let i = 0; i < warmup; i++) {
    await baseline();
    await measured();
  }
  const m: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = round % 2 === 0 ? baseline : measured; // alternate which side goes first
    const second = first === baseline ? measured : baseline;
    const times = new Map<unknown, number>();
    for (const fn of [first, second]) {
      const t = performance.now();
      for (let i = 0; i < perRound; i++) await fn();
      times.set(fn, (performance.now() - t) / perRound);
    }
    m.push(times.get(measured)!);
    b.push(times.get(baseline)!);
  }
  const mid = medianRound(m, b);
  return { measuredMs: mid.measured, baselineMs: mid.baseline, ratio: mid.ratio };
}

/** A bounded child process: node with `args`, in the repo root; resolves with its output. */
export function runNode(
  args: readonly string[],
  { timeoutMs = 600_000, env }: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string; ms: number }> {
  return new Promise((resolvePromise, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t;
      if (code === 0) resolvePromise({ stdout, stderr, ms });
      else reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}\n${stderr.slice(-4000)}`));
    });
  });
}

/** The last line of a child's stdout, as JSON (children print progress before it). */
export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}

/** The node arguments that make a child run TypeScript the way this process does (tsx's loader). */
export function tsNodeArgs(): string[] {
  const args = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  return args.some((a) => a.includes('tsx')) ? args : [...args, '--import', 'tsx'];
}

// ---- results ----

export type Unit = 's' | 'ms' | 'µs' | 'MB' | '×' | 'logins' | 'calls/s' | 'polls' | 'sockets' | 'calls';

/** One row of the table. */
export interface Metric {
  /** What is measured: "GET /api/vcenter/vm/{vm}, decoded". */
  name: string;
  value: number;
  unit: Unit;
  /** What the value is compared with, measured in the same run. */
  baseline?: { name: string; value: number; unit: Unit };
  /** value / baseline: where runs pair the two sides, value and baseline are those of the run with the median ratio. */
  ratio?: number;
  /** The target, in words ("< 1.3", "= 1"), and whether this run met it. */
  aim?: string;
  ok?: boolean;
}

export interface BenchResult {
  /** Module name: generate, import, call, decode, typecheck, logins. */
  name: string;
  title: string;
  runs: number;
  metrics: Metric[];
  /** Everything else worth keeping (raw samples, secondary figures). */
  details?: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  title: string;
  run(): Promise<BenchResult>;
}

function fmt(value: number, unit: Unit): string {
  if (unit === '×') return `${value.toFixed(2)}×`;
  if (unit === 'logins') return String(value);
  if (unit === 'polls' || unit === 'sockets' || unit === 'calls' || unit === 'calls/s') return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The Markdown table of a run. */
export function renderMarkdown(
  results: readonly BenchResult[],
  meta: { node: string; cpus: number; date: string; quick: boolean; loadavg?: readonly number[] },
): string {
  const lines = [
    '| benchmark | measured | baseline (same run) | ratio | aim |',
    '|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const m of r.metrics) {
      const baseline = m.baseline ? `${m.baseline.name}: ${fmt(m.baseline.value, m.baseline.unit)}` : '';
      const ratio = m.ratio === undefined ? '' : `**${m.ratio.toFixed(2)}**`;
      const aim = m.aim ? `${m.aim} ${m.ok === undefined ? '' : m.ok ? '✓' : '✗'}`.trim() : '';
      lines.push(`| ${r.title}: ${m.name} | ${fmt(m.value, m.unit)} | ${baseline} | ${ratio} | ${aim} |`);
    }
  }
  lines.push('');
  lines.push(
    `Node ${meta.node}, ${meta.cpus} CPU(s)${meta.loadavg ? `, load average ${meta.loadavg.map((l) => l.toFixed(1)).join(' ')} at the start` : ''}, ` +
      `${meta.date.slice(0, 10)}${meta.quick ? ', QUICK MODE (tiny iteration counts, figures meaningless)' : ''}. ` +
      'Each ratio is against its baseline measured in the same run, alternating; a row shows the run with the median ratio ' +
      '(the median of the per-call times of a round, for calls). `npm run bench` rewrites this table (`bench/results.md`, raw figures in `bench/results.json`).',
  );
  return `${lines.join('\n')}\n`;
}

/** Replaces what lies between `<!-- bench -->` and `<!-- /bench -->` (adding the closing marker when missing). */
export function replaceBetweenMarkers(text: string, content: string, open = '<!-- bench -->', close = '<!-- /bench -->'): string {
  const start = text.indexOf(open);
  if (start < 0) throw new Error(`no ${open} marker`);
  const after = start + open.length;
  const end = text.indexOf(close, after);
  const block = `${open}\n\n${content.trimEnd()}\n\n${close}`;
  if (end < 0) return `${text.slice(0, start)}${block}\n${text.slice(after).replace(/^\n+/, '')}`;
  return `${text.slice(0, start)}${block}${text.slice(end + close.length)}`;
}
