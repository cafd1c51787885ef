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
export function medianRound(
  measured: readonly number[],
  baseline: readonly number[],
): { measured: number; baseline: number; ratio: number } {
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
 * Runs `measured` and `baseline` call by call in turn (so that a change of load, another
 * process taking the core, a GC, hits both sides alike), `perRound` calls of each per round,
 * the side that goes first alternating from round to round. A round's figure for each side is
 * its total time over its calls; returns the per-call times of the round with the median ratio
 * (see `medianRound`) and the spread of the per-round ratios.
 */
export async function compareAsync(
  measured: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  { rounds, perRound, warmup = perRound }: { rounds: number; perRound: number; warmup?: number },
): Promise<{ measuredMs: number; baselineMs: number; ratio: number; ratios: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await baseline();
    await measured();
  }
  const m: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const baselineFirst = round % 2 === 0;
    let mt = 0;
    let bt = 0;
    for (let i = 0; i < perRound; i++) {
      for (const side of baselineFirst ? [baseline, measured] : [measured, baseline]) {
        const t = performance.now();
        await side();
        const d = performance.now() - t;
        if (side === measured) mt += d;
        else bt += d;
      }
    }
    m.push(mt / perRound);
    b.push(bt / perRound);
  }
  const mid = medianRound(m, b);
  return { measuredMs: mid.measured, baselineMs: mid.baseline, ratio: mid.ratio, ratios: m.map((x, i) => x / b[i]!) };
}

/** A bounded child process: `command` with `args`; resolves with its output, rejects with its exit and the end of its stderr. */
export function runCommand(
  command: string,
  args: readonly string[],
  { cwd = repoRoot, timeoutMs = 600_000, env }: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string; ms: number }> {
  return new Promise((resolvePromise, reject) => {
    const t = performance.now();
    // A process group of its own (npm and npx start node children): killed whole on a timeout,
    // and whatever the command left behind once it exits.
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: nothing left
      }
    };
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(killGroup, timeoutMs);
    child.on('error', reject);
    child.on('exit', killGroup);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t;
      if (code === 0) resolvePromise({ stdout, stderr, ms });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}\n${stderr.slice(-4000)}`));
    });
  });
}

/** A bounded child process: node with `args`, in the repo root; resolves with its output. */
export function runNode(
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string; ms: number }> {
  return runCommand(process.execPath, args, options);
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
  /**
   * Set by `npm run bench` when the same code has run this benchmark more than once: the row
   * over the last runs (up to RUNS_KEPT). The table then shows their medians and spreads, and
   * `ok` says whether every one of them met the aim.
   */
  runs?: { count: number; value: Spread; baseline?: Spread; ratio?: Spread };
}

/** Median and spread (min–max) of a figure over several runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** How many runs of the same code a row pools (median and spread). */
export const RUNS_KEPT = 5;

export function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** A row's `runs` from paired rounds of one run (round i of each side): medians and spreads. */
export function pairedRuns(measured: readonly number[], baseline: readonly number[]): Metric['runs'] {
  return {
    count: measured.length,
    value: spread(measured),
    baseline: spread(baseline),
    ratio: spread(measured.map((m, i) => m / baseline[i]!)),
  };
}

/**
 * `latest` with `runs` set from `history` (earlier runs of the same code, oldest first, the
 * latest not included): every metric found in all of them, pooled over the last RUNS_KEPT runs.
 */
export function pooled(latest: BenchResult, history: readonly BenchResult[]): BenchResult {
  const all = [...history, latest].slice(-RUNS_KEPT);
  if (all.length < 2) return latest;
  const metrics = latest.metrics.map((m): Metric => {
    const same = all.map((r) => r.metrics.find((x) => x.name === m.name));
    if (same.some((x) => x === undefined)) return m;
    const runs = same as Metric[];
    const ratios = runs.map((x) => x.ratio);
    const baselines = runs.map((x) => x.baseline?.value);
    return {
      ...m,
      ok: m.ok === undefined ? undefined : runs.every((x) => x.ok === true),
      runs: {
        count: runs.length,
        value: spread(runs.map((x) => x.value)),
        ...(baselines.every((v): v is number => v !== undefined) ? { baseline: spread(baselines) } : {}),
        ...(ratios.every((v): v is number => v !== undefined) ? { ratio: spread(ratios) } : {}),
      },
    };
  });
  return { ...latest, metrics };
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
  if (unit === 'polls' || unit === 'sockets' || unit === 'calls' || unit === 'calls/s')
    return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The Markdown table of a run. */
export function renderMarkdown(
  results: readonly BenchResult[],
  meta: { node: string; cpus: number; date: string; quick: boolean; loadavg?: readonly number[] },
): string {
  const lines = ['| benchmark | measured | baseline (same run) | ratio | aim |', '|---|---|---|---|---|'];
  const range = (s: Spread, f: (x: number) => string) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
  for (const r of results) {
    for (const m of r.metrics) {
      const runs = m.runs;
      const value = runs ? range(runs.value, (x) => fmt(x, m.unit)) : fmt(m.value, m.unit);
      const baselineValue =
        m.baseline && (runs?.baseline ? range(runs.baseline, (x) => fmt(x, m.baseline!.unit)) : fmt(m.baseline.value, m.baseline.unit));
      const baseline = m.baseline ? `${m.baseline.name}: ${baselineValue}` : '';
      const ratio =
        runs?.ratio !== undefined
          ? `**${runs.ratio.median.toFixed(2)}** (${runs.ratio.min.toFixed(2)}–${runs.ratio.max.toFixed(2)}, ${runs.count} runs)`
          : m.ratio === undefined
            ? ''
            : `**${m.ratio.toFixed(2)}**`;
      const aim = m.aim ? `${m.aim} ${m.ok === undefined ? '' : m.ok ? '✓' : '✗'}`.trim() : '';
      lines.push(`| ${r.title}: ${m.name} | ${value} | ${baseline} | ${ratio} | ${aim} |`);
    }
  }
  lines.push('');
  lines.push(
    `Node ${meta.node}, ${meta.cpus} CPU(s)${meta.loadavg ? `, load average ${meta.loadavg.map((l) => l.toFixed(1)).join(' ')} at the start` : ''}, ` +
      `${meta.date.slice(0, 10)}${meta.quick ? ', QUICK MODE (tiny iteration counts, figures meaningless)' : ''}. ` +
      'Each ratio is against its baseline measured in the same run, alternating; a row shows the run with the median ratio ' +
      '(for calls: call by call in turn with the baseline, the round with the median ratio). A row with "N runs" shows the median and, ' +
      `in parentheses, the spread (min–max) of the last N runs of the same code (up to ${RUNS_KEPT}), its aim met only when every run met it, ` +
      'or, for a row measured in rounds (fresh processes, request rounds), of its N rounds in this run, its aim judged on the median round. ' +
      '`npm run bench` rewrites this table (`bench/results.md`, raw figures in `bench/results.json`).',
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
