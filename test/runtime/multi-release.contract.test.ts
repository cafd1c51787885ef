/**
 * One client over 7.0.3 and 8.0.2 against the mock, behind a front that reports an 8.0.3
 * server to the release probes: each operation reaches the mock's Prism of the release that
 * serves it (the mock routes on X-API-Version), and is decoded with that release.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import v802 from '@vcenter-sdk/vsphere-8.0.2';
import { compareReleases, connect, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, USER } from '../prism/harness.js';

const SERVER = '8.0.3';
let front: http.Server;
let frontUrl: string;
const forwarded: { method: string; path: string; release: string | undefined }[] = [];

/** The answers an 8.0.3 server gives to unauthenticated release probes; everything else goes to the mock. */
function probeAnswer(method: string, path: string, body: string): unknown {
  if (method === 'POST' && path === '/api/vcenter/system?action=hello') {
    const offered = (JSON.parse(body || '{}').api_releases ?? []) as string[];
    const fits = offered.filter((r) => compareReleases(r, SERVER) <= 0).sort((a, b) => compareReleases(b, a));
    return { api_release: fits[0] ?? '' };
  }
  if (method === 'GET' && path === '/api/appliance/system/version') return { version: `${SERVER}.00000`, build: '1' };
  return undefined;
}

beforeAll(async () => {
  const mock = inject('mockUrl');
  front = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const probe = req.headers['vmware-api-session-id'] ? undefined : probeAnswer(method, path, body);
    if (probe !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(probe));
      return;
    }
    const release = req.headers['x-api-version'];
    forwarded.push({ method, path, release: typeof release === 'string' ? release : undefined });
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const up = await request(mock + path, { method: method as 'GET', headers, body: body || undefined });
    const text = await up.body.text();
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(up.headers))
      if (typeof v === 'string' && !['content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
    res.writeHead(up.statusCode, out).end(text);
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => front.close(() => r()));
});

describe('one client over 7.0.3 and 8.0.2, the mock behind a server reporting 8.0.3', () => {
  it('vcenter.vm.list goes through 7.0.3, the 8.0.2-only esx and appliance operations through 8.0.2', async () => {
    const issues: DecodeIssueInfo[] = [];
    const client = await connect({
      baseUrl: frontUrl,
      releases: [v703, v802],
      auth: { username: USER, password: PASSWORD },
      retry: false,
      hooks: { onDecodeIssue: (i) => issues.push(i) },
    });
    try {
      expect(client.release).toBe('8.0.2');
      if (client.release !== '8.0.2') throw new Error('narrowing');
      const sentWith = (path: string) => forwarded.filter((f) => f.path.split('?')[0] === path).map((f) => f.release);

      const vms = await client.call('vcenter.vm.list');
      expect(Array.isArray(vms)).toBe(true);
      expect(sentWith('/api/vcenter/vm')).toEqual(['7.0.3']);

      const drafts = await client.call('esx.settings.clusters.configuration.drafts.list', { path: { cluster: 'domain-c8' } });
      expect(drafts).toBeTypeOf('object');
      expect(sentWith('/api/esx/settings/clusters/domain-c8/configuration/drafts')).toEqual(['8.0.2']);

      await client.call('appliance.update.pending.rollback');
      expect(sentWith('/api/appliance/update/pending')).toEqual(['8.0.2']);

      // Prism answers from each release's own spec, so each decodes cleanly with the release that served it.
      expect(issues.map((i) => `${i.operation} (${i.release})`)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
