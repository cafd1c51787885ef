/**
 * Tasks that run, on the mock behind the front (mock.ts).
 *
 * Prism alone answers a `vmw-task=true` operation with the spec's example task id and
 * `GET /api/cis/tasks/{task}` with a static example whose status is the first enum value
 * (PENDING), so a client waiting on a task never finishes. So:
 *
 * - An async operation (operations.json `async: true`) still goes to Prism first, to validate
 *   the request (`--errors`); a 4xx from Prism is the answer, as is. A request Prism accepts is
 *   sent on to the mock, which runs it as its model (or its sync twin's example) does, and
 *   answers with its own task id.
 * - The task service (`cis/tasks/{task}` get and cancel, and the list) goes to the mock for the
 *   ids it gave on that release; any other id goes to Prism, as does an endpoint the release
 *   does not declare.
 */
import type { FrontMock } from './mock.js';
import type { ReleaseRoutes } from './routes.js';
import type { FrontRequest } from './system.js';
import type { Upstream } from './upstream.js';

export class FrontTasks {
  /** The task ids the mock gave, by release (each release is its own vCenter). */
  private readonly ids = new Map<string, Set<string>>();

  constructor(private readonly mock: FrontMock) {}

  /** Start the task of an async operation Prism has accepted; the mock's answer, as is. */
  async start(release: string, request: FrontRequest, raw: Buffer): Promise<Upstream> {
    const answer = await this.mock.send(release, request, raw);
    if (answer.status < 300) {
      const id = JSON.parse(answer.body.toString('utf8')) as string | { value: string };
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
      return isList ? this.mock.send(release, request, raw) : undefined;
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
    return declared ? this.mock.send(release, request, raw) : undefined;
  }

  private idsOf(release: string): Set<string> {
    let ids = this.ids.get(release);
    if (!ids) this.ids.set(release, (ids = new Set()));
    return ids;
  }
}
