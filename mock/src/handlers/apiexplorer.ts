/**
 * vCenter's API Explorer files, answered without a session as vCenter does:
 * `GET /apiexplorer/json/api.json` lists the services, `GET /apiexplorer/json/<service>.json`
 * is that service's Swagger 2.0 file, the bytes as committed (not re-encoded). A release serves
 * the services it lacks from the older release that answers them (8.0.2's vcenter is 7.0.3's).
 */
import type { MockRequest, Reply } from '../reply.js';
import { servedFiles } from '../spec-files.js';

const PREFIX = '/apiexplorer/json/';

const notFound = (what: string): Reply => ({
  status: 404,
  raw: Buffer.from(`<html><body><h1>404 Not Found</h1><p>${what}</p></body></html>`),
  headers: { 'content-type': 'text/html' },
});

/** `answerers`: the release, then the older served ones that answer what it lacks. */
export function apiExplorerReply(req: MockRequest, answerers: readonly string[]): Reply | undefined {
  if (req.method !== 'GET' || !req.pathname.startsWith(PREFIX)) return undefined;
  const release = answerers[0]!;
  const files = servedFiles(answerers);
  const name = req.pathname.slice(PREFIX.length);
  if (!files) return notFound(`release ${release} has no spec files to serve`);
  if (name === 'api.json') return { status: 200, body: { files: [...files.keys()] } };
  const file = name.endsWith('.json') ? files.get(name.slice(0, -'.json'.length)) : undefined;
  if (!file) return notFound(`${name} is not a service of release ${release}`);
  return { status: 200, raw: file, headers: { 'content-type': 'application/json' } };
}
