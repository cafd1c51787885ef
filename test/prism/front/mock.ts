/**
 * The mock vCenter behind the Prism front: a `@vcenter-sdk/mock` serving the same releases,
 * for what Prism cannot answer usefully. Prism answers from the spec's examples, so its login
 * gives a placeholder session, its release detection a placeholder release, and its tasks
 * stay PENDING forever; the mock answers these as a vCenter does.
 */
import { Agent } from 'node:http';
import { type MockVcenter, startMock } from '@vcenter-sdk/mock';
import type { FrontRequest } from './system.js';
import { endToEnd, exchange, type Upstream } from './upstream.js';

export class FrontMock {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

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
  send(release: string, { method, pathname, search, headers }: FrontRequest, raw: Buffer): Promise<Upstream> {
    const path = search.size > 0 ? `${pathname}?${search}` : pathname;
    return exchange(this.agent, this.mock.port, method, path, { ...endToEnd(headers), 'x-api-version': release }, raw);
  }

  close(): Promise<void> {
    this.agent.destroy();
    return this.mock.close();
  }
}
