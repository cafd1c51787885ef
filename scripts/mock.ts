/**
 * `npm run mock -- [release ...] [--port P] [--default R] [--dynamic] [--no-errors] [--verbose]`
 *
 * Starts the mock vCenter (scripts/mock/server.ts) on 127.0.0.1: every generated release
 * (routed by the `X-API-Version` header, default the newest), or only the releases named.
 * Prints the URL and runs until SIGINT/SIGTERM.
 */
import { pathToFileURL } from 'node:url';
import { startMockVcenter, type MockVcenter, type StartMockOptions } from './mock/server.js';

export interface MockArgs {
  releases?: string[];
  port?: number;
  defaultRelease?: string;
  dynamic: boolean;
  errors: boolean;
  verbose: boolean;
}

export function parseMockArgs(argv: readonly string[]): MockArgs {
  const out: MockArgs = { dynamic: false, errors: true, verbose: false };
  const releases: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`mock: ${a} needs a value`);
      return v;
    };
    if (a === '--port' || a.startsWith('--port=') || a === '-p') {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`mock: invalid port`);
      out.port = p;
    } else if (a === '--default' || a.startsWith('--default=')) out.defaultRelease = value();
    else if (a === '--dynamic') out.dynamic = true;
    else if (a === '--no-errors') out.errors = false;
    else if (a === '--verbose' || a === '-v') out.verbose = true;
    else if (a === '--help' || a === '-h') {
      throw new Error('usage: mock [release ...] [--port P] [--default RELEASE] [--dynamic] [--no-errors] [--verbose]');
    } else if (/^\d+(\.\d+)*$/.test(a)) releases.push(a);
    else throw new Error(`mock: unknown argument '${a}'`);
  }
  if (releases.length > 0) out.releases = releases;
  return out;
}

/** Start the mock from command-line arguments; resolves once it listens (it keeps running). */
export async function runMock(argv: string[]): Promise<MockVcenter> {
  const args = parseMockArgs(argv);
  const options: StartMockOptions = { errors: args.errors, dynamic: args.dynamic };
  if (args.releases) options.releases = args.releases;
  if (args.port !== undefined) options.port = args.port;
  if (args.defaultRelease) options.defaultRelease = args.defaultRelease;
  if (args.verbose) {
    options.onRequest = (e) =>
      console.log(`${e.status} ${e.release ?? '-'} ${e.method} ${e.url}${e.operation ? ` → ${e.operation}` : ''} (${e.handledBy})${e.violations ? ` ${e.violations}` : ''}`);
  }
  const t0 = performance.now();
  const mock = await startMockVcenter(options);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`vcenter-sdk mock listening on ${mock.url} (releases ${mock.releases.join(', ')}; default ${mock.defaultRelease}; started in ${secs} s)`);
  console.log(`  choose a release with the header 'X-API-Version: <release>'; log in with Basic auth at POST /api/session or /rest/com/vmware/cis/session`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`mock: ${signal}, stopping`);
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return mock;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runMock(process.argv.slice(2)).catch((err: unknown) => {
    console.error((err as Error)?.message ?? err);
    process.exit(1);
  });
}
