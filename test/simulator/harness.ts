/**
 * Test harness for govmomi's vCenter simulator (vcsim 0.24, VPX model) with the
 * vAPI REST endpoints mounted under /rest. See test/simulator/NOTES.md for what
 * the simulator actually answers.
 *
 *   const avail = simulatorAvailable();
 *   describe.skipIf(!avail.ok)("...", () => {
 *     let sim: Simulator;
 *     beforeAll(async () => { sim = await startSimulator({ idleTimeout: "2s" }); }, 120_000);
 *     afterAll(() => sim?.close());
 *   });
 *
 * Each startSimulator() call starts a separate process with its own state,
 * its own free port on 127.0.0.1 and (with TLS) its own freshly generated
 * self-signed certificate. The process exits when its stdin closes, so it
 * dies with the test worker even if close() is never called.
 */
import { spawn } from 'node:child_process';
import { buildSimulator, simulatorBinary, toolchainAvailable, type Availability } from '../../scripts/simulator/build.js';

export type { Availability };

export interface SimulatorObject {
  /** managed object id (moref value), e.g. "vm-62", "host-21", "/tmp/govcsim-DC0-LocalDS_0-123@folder-5" */
  id: string;
  name: string;
}

export interface Simulator {
  /** base URL without path, e.g. "https://127.0.0.1:40123"; REST lives under `${url}/rest` */
  url: string;
  /** SOAP endpoint, `${url}/sdk` */
  sdkUrl: string;
  /** PEM of the server's (self-signed, CA:true) leaf certificate; "" when tls: false */
  cert: string;
  /** SHA-256 fingerprint of the DER cert, upper-case hex with colons; "" when tls: false */
  fingerprint256: string;
  /** SHA-1 fingerprint, same format; "" when tls: false */
  fingerprint1: string;
  /** SOAP credentials ("user"/"pass"); /rest accepts ANY non-empty user + password */
  username: string;
  password: string;
  /** idle timeout the simulator was started with (Go duration string), or undefined */
  idleTimeout: string | undefined;
  pid: number;
  /** moref ids of the VPX inventory by type: Datacenter, ClusterComputeResource, HostSystem, Datastore, VirtualMachine, Network, ResourcePool, Folder */
  inventory: Record<string, SimulatorObject[]>;
  /** stderr captured so far (simulator logs only with verbose: true) */
  stderr(): string;
  /** closes stdin, waits for exit (SIGKILL after 5 s). Idempotent. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** serve HTTPS with a freshly generated self-signed certificate (default true) */
  tls?: boolean;
  /** serve HTTPS with govmomi's built-in static test certificate instead (implies tls) */
  builtinCert?: boolean;
  /** session idle timeout as a Go duration ("2s", "500ms"); applies to /rest and /sdk sessions */
  idleTimeout?: string;
  /** SOAP credentials (default user/pass) */
  username?: string;
  password?: string;
  /** forward the simulator's log output to this process' stderr */
  verbose?: boolean;
  /** time allowed for the process to print its ready line (default 30 s; build time not included) */
  startTimeoutMs?: number;
}

/**
 * Whether the simulator can run here: either the binary is already built and
 * fresh, or Go and the govmomi source are installed.
 */
export function simulatorAvailable(): Availability {
  return toolchainAvailable();
}

interface ReadyLine {
  url: string;
  sdk: string;
  cert?: string;
  fingerprint256?: string;
  fingerprint1?: string;
  username: string;
  password: string;
  idleTimeout?: string;
  pid: number;
  inventory: Record<string, SimulatorObject[]>;
}

/** Builds the binary if needed, starts a simulator and resolves once it is listening. */
export async function startSimulator(options: StartOptions = {}): Promise<Simulator> {
  const available = simulatorAvailable();
  if (!available.ok) throw new Error(`vcsim unavailable: ${available.reason}`);
  await buildSimulator();

  const args: string[] = [];
  const tls = options.tls ?? true;
  args.push(`-tls=${tls || options.builtinCert === true}`);
  if (options.builtinCert) args.push('-builtin-cert');
  if (options.idleTimeout) args.push('-idle', options.idleTimeout);
  if (options.username !== undefined) args.push('-username', options.username);
  if (options.password !== undefined) args.push('-password', options.password);
  if (options.verbose) args.push('-v');

  const child = spawn(simulatorBinary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 1_000_000) stderr += chunk;
    if (options.verbose) process.stderr.write(chunk);
  });
  // EPIPE on stdin after the child died must not crash the test process.
  child.stdin.on('error', () => {});

  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else child.once('exit', () => resolveExit());
  });

  const ready = await new Promise<ReadyLine>((resolveReady, reject) => {
    let out = '';
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => fail(new Error(`vcsim did not become ready within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}${stderr ? `\nvcsim stderr:\n${stderr}` : ''}`));
    };
    const onError = (error: Error) => fail(error);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(new Error(`vcsim exited before ready (code ${code}, signal ${signal})`));
    child.once('error', onError);
    child.once('exit', onExit);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', function onData(chunk: string) {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      clearTimeout(timer);
      try {
        resolveReady(JSON.parse(out.slice(0, nl)) as ReadyLine);
      } catch (error) {
        fail(new Error(`vcsim printed an unparsable ready line: ${out.slice(0, nl)} (${String(error)})`));
      }
    });
  });
  child.on('error', () => {}); // e.g. a failed kill() after exit; exit is handled via `exited`
  // Keep draining stdout; don't let the child keep the test process alive.
  child.stdout.resume();
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void }).unref?.();
  }

  let closing: Promise<void> | undefined;
  return {
    url: ready.url,
    sdkUrl: ready.sdk,
    cert: ready.cert ?? '',
    fingerprint256: ready.fingerprint256 ?? '',
    fingerprint1: ready.fingerprint1 ?? '',
    username: ready.username,
    password: ready.password,
    idleTimeout: ready.idleTimeout,
    pid: ready.pid,
    inventory: ready.inventory,
    stderr: () => stderr,
    close() {
      closing ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.stdin.end();
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killTimer);
      })();
      return closing;
    },
  };
}
