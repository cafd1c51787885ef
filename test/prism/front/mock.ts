/**
 * The mock vCenter behind the Prism front: a `@vcenter-sdk/mock` serving the same releases,
 * for what Prism cannot answer usefully. Prism answers from the spec's examples, so its login
 * gives a placeholder session, its release detection a placeholder release, and its tasks
 * stay PENDING forever; the mock answers these as a vCenter does.
 */
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import type { FrontRequest } from './system.js';

/** What came back from Prism or the mock for one buffered request. */
export interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'content-encoding']);

export class FrontMock {
  private constructor(private readonly mock: MockVcenter) {}

  /** `users`: user → password, the logins it accepts (default: the mock's own). */
  static async start(releases: readonly string[], users?: Readonly<Record<string, string>>): Promise<FrontMock> {
    return new FrontMock(
      await startMock({ releases: [...releases], ...(users ? { users: { ...users } } : {}), idleTimeoutMs: 24 * 3_600_000 }),
    );
  }

  /** A VM of the mock's inventory of `release`: a source a clone task can copy. */
  vmOf(release: string): string {
    const [vm] = this.mock.inventory(release).vms.keys();
    if (!vm) throw new Error(`the mock's ${release} inventory has no VM`);
    return vm;
  }

  /** The mock's answer to `request` on `release` (its body `raw`), headers and session as the client sent them. */
  async send(release: string, { method, pathname, search, headers }: FrontRequest, raw: Buffer): Promise<Upstream> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
    out['x-api-version'] = release;
    const query = search.size > 0 ? `?${search}` : '';
    const res = await fetch(`${this.mock.url}${pathname}${query}`, { method, headers: out, ...(raw.length > 0 ? { body: raw } : {}) });
    const body = Buffer.from(await res.arrayBuffer());
    const answer: Record<string, string> = {};
    for (const [k, v] of res.headers) if (!HOP_BY_HOP.has(k)) answer[k] = v;
    return { status: res.status, headers: answer, body };
  }

  close(): Promise<void> {
    return this.mock.close();
  }
}
