/**
 * Soak: 10,000 calls at concurrency 200 against the hostile test server injecting random
 * faults (resets before and during the body, 503, 500, 429, HTML and truncated bodies, slow
 * and trickled bodies; test/support/hostile.ts `randomFaults`), with the default client
 * settings but a 2 s timeout. Every call must resolve or reject with a typed error
 * (`VsphereError`, or `DecodeError` for a body off the spec), with no unhandled rejection,
 * sockets at most the cap, and RSS growth (after GC, from after the warm-up to the end) under 50 MB.
 * Also reports how the calls ended and the retries made.
 *
 *   node --expose-gc --import tsx bench/soak.bench.ts
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient, DecodeError, VsphereError } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { randomFaults, startHostileServer } from '../test/support/hostile.js';
import { iters, lastJsonLine, round, runNode, tsNodeArgs, type Benchmark, type BenchResult } from './harness.js';

const CALLS = 10_000;
const CONCURRENCY = 200;
const CAP = 16;
const MB = 1024 * 1024;

function rssAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/** In a child process with `--expose-gc` when this one cannot collect (RSS figures need a GC). */
export async function run(): Promise<BenchResult> {
  if (typeof (globalThis as { gc?: unknown }).gc === 'function') return soak();
  const { stdout } = await runNode([...tsNodeArgs(), '--expose-gc', fileURLToPath(import.meta.url), '--json-line']);
  return lastJsonLine<BenchResult>(stdout);
}

async function soak(): Promise<BenchResult> {
  const calls = iters(CALLS, 500);
  const concurrency = iters(CONCURRENCY, 50);
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const server = await startHostileServer();
  server.otherwise = randomFaults(20261130);
  server.log = false;
  // The client's own sockets, from undici's diagnostics channel: connected until destroyed.
  // (The server's count lags: a socket the client drops is counted until the server notices.)
  // A socket the client has destroyed no longer counts, even before its 'close' event.
  const live = new Set<Socket>();
  let peak = 0;
  const onConnected = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    for (const s of live) if (s.destroyed) live.delete(s);
    live.add(socket);
    peak = Math.max(peak, live.size);
    socket.once('close', () => live.delete(socket));
  };
  subscribe('undici:client:connected', onConnected);
  let retries = 0;
  const client = createClient({
    baseUrl: server.url,
    release: v703,
    auth: { username: 'administrator@vsphere.local', password: 'secret' },
    tracing: false,
    timeoutMs: 2000,
    hooks: { onRetry: () => void retries++ },
  });
  const outcomes = new Map<string, number>();
  const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  let rssStart = 0;
  let rssPeak = 0;
  const t0 = performance.now();
  try {
    let next = 0;
    const worker = async () => {
      while (next < calls) {
        const i = next++;
        if (i === Math.min(1000, calls >> 2)) rssStart = rssAfterGc(); // after the warm-up: pools, schemas, JIT
        try {
          await client.call('vcenter.vm.power.get', { path: { vm: `vm-${i % 100}` } });
          count('resolved');
        } catch (e) {
          count(
            e instanceof VsphereError ? `rejected ${e.name}` : e instanceof DecodeError ? 'rejected DecodeError' : `UNTYPED ${String(e)}`,
          );
        }
        if (i % 1000 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await client.close();
    await server.close();
    process.off('unhandledRejection', onUnhandled);
    unsubscribe('undici:client:connected', onConnected);
  }
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 100));
  const rssEnd = rssAfterGc();
  const growthMb = (rssEnd - rssStart) / MB;
  const untyped = [...outcomes].filter(([k]) => k.startsWith('UNTYPED')).reduce((n, [, v]) => n + v, 0);
  const settled = [...outcomes.values()].reduce((a, b) => a + b, 0);
  return {
    name: 'soak',
    title: `soak: ${calls} calls at concurrency ${concurrency}, random faults`,
    runs: 1,
    metrics: [
      {
        name: 'calls settled (resolved or typed rejection)',
        value: settled - untyped,
        unit: 'calls',
        aim: `= ${calls}`,
        ok: settled - untyped === calls,
      },
      {
        name: 'unhandled rejections + untyped errors',
        value: unhandled.length + untyped,
        unit: 'calls',
        aim: '= 0',
        ok: unhandled.length + untyped === 0,
      },
      { name: 'most sockets open at once (client side)', value: peak, unit: 'sockets', aim: `<= ${CAP}`, ok: peak <= CAP },
      { name: 'RSS growth after the warm-up (after GC)', value: round(growthMb, 1), unit: 'MB', aim: '< 50', ok: growthMb < 50 },
      { name: 'wall time', value: round(seconds, 1), unit: 's' },
    ],
    details: {
      outcomes: Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])),
      retries,
      socketsOpened: server.sockets.total,
      serverSidePeakSockets: server.sockets.peak,
      rssStartMb: round(rssStart / MB, 1),
      rssPeakMb: round(rssPeak / MB, 1),
      rssEndMb: round(rssEnd / MB, 1),
      gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
      unhandled: unhandled.slice(0, 5).map(String),
    },
  };
}

export const benchmark: Benchmark = { name: 'soak', title: 'soak', run };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  console.log(process.argv.includes('--json-line') ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}
