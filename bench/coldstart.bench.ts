/**
 * The first minutes of a new user, as the README's quick start has them: a fresh clone of HEAD
 * (committed code only) in a temporary folder, `npm ci`, then `npm start` (a cold generate of
 * every release and the events package, the mock, the quick-start example). Aim: both under
 * 60 s on 2 cores. The baseline is `npm ci` alone, in the same run: npm's own work, which this
 * repository can only change through what it depends on.
 *
 * --quick (the smoke test) runs `npm start` in this working copy instead, where everything is
 * up to date: it checks the harness, not the figure.
 *
 *   npx tsx bench/coldstart.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quick, repoRoot, round, runCommand, type Benchmark, type BenchResult } from './harness.js';

const AIM_S = 60;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment of a user's shell: without the tsx settings this bench itself runs under (its tsconfig). */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TSX_')));

/** What the quick start printed last: the proof that it ran against the mock. */
const lastLines = (out: string) => out.trim().split('\n').slice(-3);

/** A command run as a user would, to its end (15 minutes at most). */
const timed = (command: string, args: string[], cwd: string) => runCommand(command, args, { cwd, env: userEnv, timeoutMs: 15 * 60_000 });

export async function run(): Promise<BenchResult> {
  if (quick) {
    const start = await timed(npm, ['start'], repoRoot);
    return {
      name: 'coldstart',
      title: 'quick start',
      runs: 1,
      metrics: [{ name: 'npm start in this working copy (quick mode: nothing to generate)', value: round(start.ms / 1000, 2), unit: 's' }],
      details: { quickStart: lastLines(start.stdout) },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'vcenter-sdk-coldstart-'));
  try {
    const clone = join(dir, 'vcenter-sdk');
    await timed('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, clone], dir);
    const ci = await timed(npm, ['ci'], clone);
    const start = await timed(npm, ['start'], clone);
    const total = ci.ms + start.ms;
    return {
      name: 'coldstart',
      title: 'quick start',
      runs: 1,
      metrics: [
        {
          name: 'fresh clone: `npm ci && npm start` (cold generate, mock, quick start)',
          value: round(total / 1000, 1),
          unit: 's',
          baseline: { name: '`npm ci` alone', value: round(ci.ms / 1000, 1), unit: 's' },
          ratio: round(total / ci.ms, 2),
          aim: `< ${AIM_S} s`,
          ok: total < AIM_S * 1000,
        },
        { name: 'fresh clone: `npm start` alone, after `npm ci`', value: round(start.ms / 1000, 1), unit: 's' },
      ],
      details: { npmCiS: round(ci.ms / 1000, 1), npmStartS: round(start.ms / 1000, 1), quickStart: lastLines(start.stdout) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = { name: 'coldstart', title: 'quick start', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
