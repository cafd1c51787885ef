/**
 * Tasks that run, on the real mock vCenter.
 *
 * Prism alone answers a `vmw-task=true` operation with the spec's example task id and
 * `GET /api/cis/tasks/{task}` with a static example whose status is the first enum value
 * (PENDING), so a client waiting on a task never finishes. The front therefore hands tasks
 * to a `@vcenter-sdk/mock` started beside the Prisms, so that the two servers' tasks are one:
 *
 * - An async operation (operations.json `async: true`) still goes to Prism first, to validate
 *   the request (`--errors`); a 4xx from Prism is the answer, as is. A request Prism accepts is
 *   sent on to the mock, which runs it as its model (or its sync twin's example) does, and
 *   answers with its own task id.
 * - The task service (`cis/tasks/{task}` get and cancel, and the list) goes to the mock for the
 *   ids it gave on that release; any other id goes to Prism, as does an endpoint the release
 *   does not declare.
 *
 * The front takes any login, so the mock sees every request with one session of its own,
 * swapped in for whatever session id the client sent (a request without one stays without,
 * and the mock refuses it as a vCenter would).
 */
import { type MockVcenter, startMock } from '@vcenter-sdk/mock';
import type { ReleaseRoutes } from './routes.js';
import type { FrontRequest } from './system.js';

/** What came back from Prism or the mock for one buffered request. */
export interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const USER = 'prism-front@vsphere.local';
const PASSWORD = 'prism-front';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

export class MockTasks {
  /** The task ids the mock gave, by release (each release is its own vCenter). */
  private readonly ids = new Map<string, Set<string>>();

  private constructor(
    private readonly mock: MockVcenter,
    private readonly session: string,
  ) {}

  static async start(releases: readonly string[]): Promise<MockTasks> {
    const mock = await startMock({ releases: [...releases], users: { [USER]: PASSWORD }, idleTimeoutMs: 24 * 3_600_000 });
    try {
      const res = await fetch(`${mock.url}/api/session`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`, 'x-api-version': mock.defaultRelease },
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`the mock refused the front's login: HTTP ${res.status}`);
      return new MockTasks(mock, (await res.json()) as string);
    } catch (e) {
      await mock.close();
      throw e;
    }
  }

  /** A VM of the mock's inventory of `release`: a source a clone task can copy. */
  vmOf(release: string): string {
    const [vm] = this.mock.inventory(release).vms.keys();
    if (!vm) throw new Error(`the mock's ${release} inventory has no VM`);
    return vm;
  }

  /** Start the task of an async operation Prism has accepted; the mock's answer, as is. */
  async start(release: string, request: FrontRequest, raw: Buffer): Promise<Upstream> {
    const answer = await this.send(release, request, raw);
    if (answer.status < 300) {
      const text = answer.body.toString('utf8');
      const id = JSON.parse(text) as string | { value: string };
      this.idsOf(release).add(typeof id === 'string' ? id : id.value);
    }
    return answer;
  }

  /**
   * The mock's answer for a request to the task service, or undefined when it is not the
   * mock's to answer (an id it did not give, an endpoint the release does not declare).
   */
  async reply(release: string, routes: ReleaseRoutes, request: FrontRequest, raw: Buffer): Promise<Upstream | undefined> {
    const { method, pathname, search } = request;
    const m = /^\/(api|rest)\/cis\/tasks(?:\/([^/]+))?\/?$/.exec(pathname);
    if (!m) return undefined;
    const [, style, rawId] = m;
    if (rawId === undefined) {
      const isList =
        (method === 'GET' && routes.has('GET', pathname) && !search.has('action')) ||
        (method === 'POST' && style === 'api' && search.get('action') === 'list' && routes.has('POST', pathname));
      return isList ? this.send(release, request, raw) : undefined;
    }
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return undefined;
    }
    if (!this.idsOf(release).has(id)) return undefined;
    const template = `/${style}/cis/tasks/{task}`;
    const action = search.get('action') ?? search.get('~action');
    const declared =
      (method === 'GET' && routes.has('GET', template)) || (method === 'POST' && action === 'cancel' && routes.has('POST', template));
    return declared ? this.send(release, request, raw) : undefined;
  }

  close(): Promise<void> {
    return this.mock.close();
  }

  private idsOf(release: string): Set<string> {
    let ids = this.ids.get(release);
    if (!ids) this.ids.set(release, (ids = new Set()));
    return ids;
  }

  private async send(release: string, { method, pathname, search, headers }: FrontRequest, raw: Buffer): Promise<Upstream> {
    const out: Record<string, string> = { 'x-api-version': release };
    for (const [k, v] of Object.entries(headers))
      if (v !== undefined && !HOP_BY_HOP.has(k) && k !== 'x-api-version') out[k] = Array.isArray(v) ? v.join(', ') : v;
    if (out['vmware-api-session-id']) out['vmware-api-session-id'] = this.session;
    const query = search.size > 0 ? `?${search}` : '';
    const res = await fetch(`${this.mock.url}${pathname}${query}`, {
      method,
      headers: out,
      ...(raw.length > 0 ? { body: raw } : {}),
    });
    const body = Buffer.from(await res.arrayBuffer());
    const answer: Record<string, string> = {};
    for (const [k, v] of res.headers) if (!HOP_BY_HOP.has(k) && k !== 'content-encoding') answer[k] = v;
    return { status: res.status, headers: answer, body };
  }
}
