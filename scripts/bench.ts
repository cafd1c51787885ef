/**
 * `npm run bench [-- --only call,decode] [--quick] [--out DIR] [--no-readme] [--help]`
 *
 * Runs the benchmarks of bench/ in sequence (coldstart, generate, import, call, decode, typecheck,
 * logins, pool, soak, tasks, mock), each a module with a `benchmark` export, and writes `results.json` and
 * `results.md` (the Markdown table) to bench/ (or --out), then rewrites the table between
 * `<!-- bench -->` and `<!-- /bench -->` in README.md. With --only, the other benchmarks'
 * previous results in results.json are kept. A benchmark run again on the same code (same HEAD,
 * same uncommitted changes) is pooled with its previous runs, up to RUNS_KEPT: its rows show
 * the median and the spread (min–max) of those runs. --quick (or BENCH_QUICK=1) runs tiny iteration
 * counts, for the smoke test: its figures mean nothing, and it never touches README.md.
 *
 * Needs `npm run generate` first (the import, call, decode and type-check benchmarks use the
 * compiled runtime and generated/7.0.3).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot as root } from '../codegen/src/specs-dir.js';
import { didYouMean, suggest } from '@vcenter-sdk/runtime/text';

const NAMES = ['coldstart', 'generate', 'import', 'call', 'decode', 'typecheck', 'logins', 'pool', 'soak', 'tasks', 'mock'] as const;

const HELP = `Usage: npm run bench [-- [--only NAME[,NAME...]] [--quick] [--out DIR] [--no-readme]]

Runs the benchmarks in sequence and writes bench/results.json and bench/results.md, then the
table between the bench markers in README.md. Figures are ratios against a baseline measured
in the same run. Needs \`npm run generate\` first.

Options:
  --only NAME   only these benchmarks (repeatable or comma-separated; the others' previous
                results are kept): ${NAMES.join(', ')}
  --quick       tiny iteration counts (as BENCH_QUICK=1): a smoke test, figures mean nothing,
                README.md is left alone
  --out DIR     write results.json and results.md to DIR (README.md is left alone)
  --no-readme   do not rewrite the table in README.md
  --help, -h    this help`;

function usage(message: string): never {
  console.error(`bench: ${message} (see npm run bench -- --help)`);
  process.exit(2);
}

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
      out: { type: 'string' },
      'no-readme': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  parsed = parseOptions();
} catch (e) {
  usage((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
}
const { values } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (values.quick) process.env.BENCH_QUICK = '1';
// Imported after BENCH_QUICK is settled: the harness reads it once.
const { quick, pooled, renderMarkdown, replaceBetweenMarkers, RUNS_KEPT } = await import('../bench/harness.js');
type BenchResult = import('../bench/harness.js').BenchResult;
type Benchmark = import('../bench/harness.js').Benchmark;

const only = values.only?.flatMap((o) => o.split(',')).filter(Boolean);
const unknown = only?.filter((o) => !(NAMES as readonly string[]).includes(o)) ?? [];
if (unknown.length) usage(`unknown benchmark ${unknown.join(', ')}${didYouMean(suggest(unknown[0]!, NAMES))} (known: ${NAMES.join(', ')})`);
if (!existsSync(join(root, 'generated/7.0.3/dist/index.js')) || !existsSync(join(root, 'runtime/dist/index.js'))) {
  console.error('bench: generated/7.0.3 or runtime/dist is missing: run `npm run generate` first');
  process.exit(2);
}
const selected = NAMES.filter((n) => !only || only.includes(n));
const outDir = resolve(values.out ?? join(root, 'bench'));
mkdirSync(outDir, { recursive: true });
const jsonPath = join(outDir, 'results.json');

interface ResultsFile {
  node: string;
  platform: string;
  cpus: number;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews absolute figures. */
  loadavg: number[];
  date: string;
  quick: boolean;
  benchmarks: Record<string, BenchResult>;
  errors?: Record<string, string>;
  /** The code the figures are of: HEAD and a digest of the uncommitted changes (bench outputs and README aside). */
  code?: string;
  /** Per benchmark, its last runs (up to RUNS_KEPT) of that same code, oldest first: the table pools them. */
  history?: Record<string, BenchResult[]>;
}

/** HEAD plus a digest of the working tree's changes, the bench's own outputs aside: which code a run measured. */
function codeIdentity(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    const head = git('rev-parse', 'HEAD').trim();
    const diff = git('diff', 'HEAD', '--', '.', ':(exclude)bench/results.json', ':(exclude)bench/results.md', ':(exclude)README.md');
    const untracked = git('ls-files', '--others', '--exclude-standard');
    return `${head}+${createHash('sha256').update(diff).update(untracked).digest('hex').slice(0, 12)}`;
  } catch {
    return `unknown-${Date.now()}`; // no git: runs are never pooled
  }
}

// --only keeps the previous results of the benchmarks it does not run; every run pools the
// previous runs of the same code (history).
let previous: ResultsFile | undefined;
if (existsSync(jsonPath)) {
  try {
    previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as ResultsFile;
  } catch {
    previous = undefined;
  }
}
const code = codeIdentity();
// Earlier runs pool with this one only when they measured the same code (and were not --quick).
const history: Record<string, BenchResult[]> = previous?.code === code && previous.quick === quick ? { ...(previous.history ?? {}) } : {};
const results: ResultsFile = {
  code,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  date: new Date().toISOString(),
  quick,
  benchmarks: { ...(only && previous?.quick === quick ? previous.benchmarks : {}) },
};
const errors: Record<string, string> = {};

console.log(`bench: ${selected.join(', ')}${quick ? ' (quick: tiny iteration counts)' : ''}`);
for (const [i, name] of selected.entries()) {
  const t = performance.now();
  console.log(`[${i + 1}/${selected.length}] ${name}…`);
  try {
    const mod = (await import(`../bench/${name}.bench.ts`)) as { benchmark: Benchmark };
    const fresh = await mod.benchmark.run();
    const before = history[name] ?? [];
    history[name] = [...before, fresh].slice(-RUNS_KEPT);
    const r = pooled(fresh, before);
    results.benchmarks[name] = r;
    for (const m of r.metrics) {
      const ratio = m.ratio === undefined ? '' : ` (ratio ${m.ratio.toFixed(2)})`;
      const aim = m.aim ? ` aim ${m.aim}: ${m.ok ? 'met' : 'NOT met'}` : '';
      console.log(`  ${m.name}: ${m.value} ${m.unit}${ratio}${aim}`);
    }
    console.log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } catch (e) {
    errors[name] = (e as Error).stack ?? String(e);
    delete results.benchmarks[name];
    console.error(`  ${name} FAILED: ${(e as Error).message}`);
  }
}
if (Object.keys(errors).length) results.errors = errors;
results.history = history;

const ordered = NAMES.map((n) => results.benchmarks[n]).filter((r): r is BenchResult => r !== undefined);
results.benchmarks = Object.fromEntries(ordered.map((r) => [r.name, r]));
const table = renderMarkdown(ordered, { node: results.node, cpus: results.cpus, loadavg: results.loadavg, date: results.date, quick });
writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, 'results.md'), table);
console.log(`bench: wrote ${jsonPath} and results.md`);

if (!quick && !values['no-readme'] && !values.out) {
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const next = replaceBetweenMarkers(text, table);
  if (next !== text) {
    writeFileSync(readme, next);
    console.log('bench: README.md table updated');
  }
}
console.log(`\n${table}`);
if (Object.keys(errors).length) process.exitCode = 1;
