/**
 * Prism launcher: one `prism mock` child per release, serving the mock view of
 * `generated/<release>/openapi.json` (fixed queries folded into the pathname: mock-view.ts),
 * written to a private folder, on a free loopback port.
 *
 * The child is started in its own process group so that `close()` (and the exit of this
 * process) ends Prism and anything it forked, and nothing else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/paths.js';
import { releaseDocumentOf, writeMockView } from './mock-view.js';

export { REPO_ROOT };

/** Installed apart from the workspace, by `npm run setup:prism` (scripts/setup-prism.mjs), which npm test runs first. */
export const PRISM_BIN = join(REPO_ROOT, 'tools', 'prism', 'node_modules', '.bin', 'prism');
const HOST = '127.0.0.1';

export interface StartPrismOptions {
  release: string;
  /** Port to listen on; a free loopback port when omitted. */
  port?: number;
  /** `--errors`: validate requests (and responses) and answer violations with 4xx/5xx. Default true. */
  errors?: boolean;
  /** `--dynamic`: generate response bodies from the schemas instead of static examples. Default false. */
  dynamic?: boolean;
  /** Give up waiting for 'Prism is listening' after this long (ms). Default 120000. */
  startTimeoutMs?: number;
  /** A document to serve as it is; default the mock view of `generated/<release>/openapi.json`. */
  document?: string;
  /**
   * Serve a private copy of the document (default true). Prism watches its document and
   * reloads (closing its listener for a while, or for good if the file is briefly missing)
   * when it changes, which happens whenever generated/ is regenerated while the mock runs.
   * The mock view of a release is always a private file.
   */
  snapshot?: boolean;
  /** Called with each line Prism writes (stdout and stderr), after startup too. */
  onLog?: (line: string) => void;
}

export interface PrismServer {
  release: string;
  url: string;
  port: number;
  pid: number;
  /** Milliseconds from spawn to 'Prism is listening'. */
  startupMs: number;
  /** Recent lines Prism wrote (stdout and stderr). */
  output(): string[];
  /** Resolves when the process exits (also after close()); with its exit code / signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  close(): Promise<void>;
}

/** A port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

// Every live child, so that they can be ended when this process exits.
const live = new Set<ChildProcess>();
const snapshots = new Set<string>();
let exitHookInstalled = false;

function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    // The whole process group (a detached child leads its own group); members may outlive the leader.
    process.kill(-child.pid, signal);
  } catch {
    /* ESRCH: the group is gone */
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL the groups, no waiting.
  process.once('exit', () => {
    for (const child of live) killTree(child, 'SIGKILL');
    for (const dir of snapshots) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * Start `prism mock` for one release; resolves once Prism listens. When the free port was
 * taken between probing and Prism binding it (concurrent runs), retries on another port.
 */
export async function startPrism(options: StartPrismOptions): Promise<PrismServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPrismOnce(options);
    } catch (err) {
      const busy = /EADDRINUSE/.test(String((err as Error)?.message));
      if (!busy || options.port !== undefined || attempt >= 3) throw err;
    }
  }
}

async function startPrismOnce(options: StartPrismOptions): Promise<PrismServer> {
  const { release, errors = true, dynamic = false, startTimeoutMs = 120_000 } = options;
  const source = options.document ?? releaseDocumentOf(release);
  if (!existsSync(source)) {
    throw new Error(`startPrism: ${source} does not exist (run \`npx tsx codegen/src/cli.ts\` to generate release ${release})`);
  }
  let document = source;
  let snapshotDir: string | undefined;
  if (options.document === undefined || (options.snapshot ?? true)) {
    snapshotDir = mkdtempSync(join(tmpdir(), `vcenter-sdk-prism-${release}-`));
    document = join(snapshotDir, 'openapi.mock.json');
    snapshots.add(snapshotDir);
    if (options.document === undefined) writeMockView(source, document);
    else copyFileSync(source, document);
  }
  const cleanup = (): void => {
    if (!snapshotDir) return;
    rmSync(snapshotDir, { recursive: true, force: true });
    snapshots.delete(snapshotDir);
  };
  if (!existsSync(PRISM_BIN)) throw new Error(`startPrism: ${PRISM_BIN} not found: run \`npm run setup:prism\` (npm test runs it first)`);
  const port = options.port ?? (await freePort());
  const args = ['mock', '-h', HOST, '-p', String(port)];
  if (errors) args.push('--errors');
  if (dynamic) args.push('--dynamic');
  args.push(document);

  installExitHook();
  const started = performance.now();
  const child = spawn(PRISM_BIN, args, {
    cwd: REPO_ROOT,
    detached: true, // own process group, so close() can end the whole tree
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    cleanup();
  });
  // Do not keep the parent's event loop alive just for Prism.
  child.unref();

  const output: string[] = [];
  const remember = (line: string): void => {
    output.push(line);
    if (output.length > 200) output.shift();
    options.onLog?.(line);
  };

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    if (child.exitCode !== null || child.signalCode !== null) res({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => res({ code, signal }));
  });

  await new Promise<void>((res, rej) => {
    let settled = false;
    const done = (err?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        killTree(child, 'SIGKILL');
        rej(err);
      } else res();
    };
    const fail = (why: string): Error =>
      new Error(`startPrism(${release}): ${why}\n--- prism ${args.join(' ')} ---\n${output.slice(-40).join('\n')}`);
    const timer = setTimeout(() => done(fail(`not listening after ${startTimeoutMs} ms`)), startTimeoutMs);
    const onData = (stream: NodeJS.ReadableStream): void => {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          remember(line);
          if (line.includes('Prism is listening')) done();
        }
      });
    };
    onData(child.stdout!);
    onData(child.stderr!);
    // stdout/stderr handles would keep the loop alive; they go away with the child.
    (child.stdout as unknown as { unref?: () => void }).unref?.();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    child.once('error', (err) => {
      cleanup();
      done(fail(`spawn failed: ${err.message}`));
    });
    child.once('exit', (code, signal) => done(fail(`exited early (code ${code}, signal ${signal})`)));
  });
  const startupMs = Math.round(performance.now() - started);

  let closing: Promise<void> | undefined;
  return {
    release,
    url: `http://${HOST}:${port}`,
    port,
    pid: child.pid!,
    startupMs,
    output: () => [...output],
    exited,
    close: () =>
      (closing ??= (async () => {
        killTree(child, 'SIGTERM');
        const t = setTimeout(() => killTree(child, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
      })()),
  };
}
