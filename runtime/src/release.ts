/**
 * Releases: dotted-version comparison, choosing the best descriptor for a server, and
 * detecting the server's release (hello, then the appliance version, /api then /rest).
 */
import type { ReleaseDescriptor } from './descriptor.js';
import { ReleaseMismatch } from './errors.js';

/** `9.1.0-foo` → [9, 1, 0]; `7.0.3.01400` → [7, 0, 3, 1400]. */
export function parseVersion(v: string): number[] {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(v);
  if (!m) return [];
  return m[1]!.split('.').map((s) => Number.parseInt(s, 10));
}

/**
 * Release order, the one definition (codegen and the test-only fake use it; the mock keeps a checked copy):
 * numeric components compared one by one, a missing one counting as 0 (`7.0` = `7.0.0`, `7.0.9` < `7.0.10`);
 * a suffix after the numbers marks a pre-release, as in semver (`8.0.2-foo` < `8.0.2`), and
 * suffixes of equal numbers compare as text.
 */
export function compareReleases(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const suffix = (v: string) => v.trim().replace(/^v?\d+(?:\.\d+)*/, '');
  const [sa, sb] = [suffix(a), suffix(b)];
  if (sa === sb) return 0;
  if (sa === '' || sb === '') return sa === '' ? 1 : -1;
  return sa < sb ? -1 : 1;
}

/** The newest descriptor not newer than `server`, or undefined. An exact id match wins. */
export function pickRelease<D extends ReleaseDescriptor<any, any>>(server: string, releases: readonly D[]): D | undefined {
  const exact = releases.find((r) => r.release === server);
  if (exact) return exact;
  if (parseVersion(server).length === 0) return undefined;
  let best: D | undefined;
  for (const r of releases) {
    if (compareReleases(r.release, server) > 0) continue;
    if (!best || compareReleases(r.release, best.release) > 0) best = r;
  }
  return best;
}

/** Newest first. */
export function sortNewestFirst<D extends ReleaseDescriptor<any, any>>(releases: readonly D[]): D[] {
  return [...releases].sort((a, b) => compareReleases(b.release, a.release));
}

export function mismatch(server: string | undefined, releases: readonly ReleaseDescriptor<any, any>[], why?: string): ReleaseMismatch {
  const ids = releases.map((r) => r.release);
  return new ReleaseMismatch(
    `no release of this client fits the server: server release ${server ?? '(unknown)'}, client releases ${ids.join(', ') || '(none)'}${why ? ` (${why})` : ''}`,
    { serverRelease: server, clientReleases: ids },
  );
}

/** One probe's answer. `unauthenticated`: the server wants a session first. */
export type ProbeResult =
  | { kind: 'release'; release: string; source: 'hello' | 'appliance' | 'rest-appliance' }
  | { kind: 'none-fits'; source: 'hello' }
  | { kind: 'unauthenticated' }
  | { kind: 'unavailable' };

/** A minimal HTTP client for detection (runs through the client's pipeline). */
export type ProbeFetch = (
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  authenticated: boolean,
) => Promise<{ status: number; text: string }>;

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const HELLO_PATH = '/api/vcenter/system?action=hello';
const APPLIANCE_VERSION_PATH = '/api/appliance/system/version';
const REST_APPLIANCE_VERSION_PATH = '/rest/appliance/system/version';

/** Ask the server, in order: hello; /api appliance version; /rest appliance version. */
export async function probeServer(fetch: ProbeFetch, releaseIds: readonly string[], authenticated: boolean): Promise<ProbeResult> {
  let sawUnauthenticated = false;
  // 1. hello (8.0.2+): {"api_release": "8.0.2.0"} or "" when none of ours fits.
  const hello = await fetch('POST', HELLO_PATH, { api_releases: releaseIds }, authenticated);
  if (hello.status === 401) sawUnauthenticated = true;
  else if (hello.status >= 200 && hello.status < 300) {
    const b = json(hello.text) as { api_release?: unknown; value?: { api_release?: unknown } } | undefined;
    const r = b?.api_release ?? b?.value?.api_release;
    if (typeof r === 'string' && r) return { kind: 'release', release: r, source: 'hello' };
    if (r === '') return { kind: 'none-fits', source: 'hello' };
  }
  // 2. /api/appliance/system/version: {"version": "8.0.1.00000", ...}
  const av = await fetch('GET', APPLIANCE_VERSION_PATH, undefined, authenticated);
  if (av.status === 401) sawUnauthenticated = true;
  else if (av.status >= 200 && av.status < 300) {
    const v = (json(av.text) as { version?: unknown } | undefined)?.version;
    if (typeof v === 'string' && v) return { kind: 'release', release: v, source: 'appliance' };
  }
  // 3. /rest/appliance/system/version: {"value": {"version": ...}}
  const rv = await fetch('GET', REST_APPLIANCE_VERSION_PATH, undefined, authenticated);
  if (rv.status === 401) sawUnauthenticated = true;
  else if (rv.status >= 200 && rv.status < 300) {
    const v = (json(rv.text) as { value?: { version?: unknown } } | undefined)?.value?.version;
    if (typeof v === 'string' && v) return { kind: 'release', release: v, source: 'rest-appliance' };
  }
  return sawUnauthenticated ? { kind: 'unauthenticated' } : { kind: 'unavailable' };
}
