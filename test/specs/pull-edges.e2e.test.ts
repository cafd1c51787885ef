/**
 * What a user of `specs pull` meets besides the happy path: a component or service the server
 * fails to give is named in the error and nothing is written (a previous pull stays whole);
 * the mock's metamodel has the wire shape the vapi spec declares (decoded strictly on /api and
 * /rest); the command line takes credentials from the environment only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createClient } from '@vcenter-sdk/runtime';
import v670 from '@vcenter-sdk/vsphere-6.7.0';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { run } from '../cli/helpers.js';
import { scratchDirs } from '../support/scratch.js';
import { pull, USER } from './helpers.js';

const tempDir = scratchDirs();
let mock: MockVcenter;

beforeAll(async () => {
  mock = await startMock({ releases: ['7.0.3'] });
});
afterAll(async () => {
  await mock?.close();
});

/** A server in front of the mock that answers 500 for the requests `fails` picks. */
async function failing(fails: (url: string) => boolean): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fails(req.url ?? '')) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error_type":"ERROR","messages":[]}');
        return;
      }
      const headers = { ...req.headers };
      delete headers.host;
      request(`${mock.url}${req.url}`, { method: req.method as 'GET', headers, body: chunks.length ? Buffer.concat(chunks) : null })
        .then(async (r) => {
          const body = Buffer.from(await r.body.arrayBuffer());
          const out = Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'transfer-encoding'));
          res.writeHead(r.statusCode, out as Record<string, string>).end(body);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

describe('a failed pull', () => {
  it('names the component whose metamodel could not be read, and writes nothing', async () => {
    const proxy = await failing((u) => u.includes('/metamodel/component/com.vmware.cis') && !u.includes('fingerprint'));
    try {
      const out = tempDir('fail-');
      const e = await pull(proxy.url, out, { from: 'metamodel', retry: false }).catch((x: unknown) => x as Error);
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toMatch(/^component com\.vmware\.cis: cannot read its metamodel .*nothing was written/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('names the service whose API Explorer file failed, and leaves the previous pull whole', async () => {
    const out = tempDir('keep-');
    await pull(mock.url, out);
    const before = readFileSync(join(out, '7.0.3', 'vcenter.json'));
    const proxy = await failing((u) => u === '/apiexplorer/json/vcenter.json');
    try {
      const e = await pull(proxy.url, out, { force: true }).catch((x: unknown) => x as Error);
      expect((e as Error).message).toMatch(/^service vcenter: cannot read \/apiexplorer\/json\/vcenter\.json .*nothing was written/);
      expect(readdirSync(out)).toEqual(['7.0.3']);
      expect(readFileSync(join(out, '7.0.3', 'vcenter.json')).equals(before)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('falls back to the metamodel when the server has no API Explorer files', async () => {
    const none = await startMock({ releases: ['6.7.0'] });
    try {
      // 6.7.0's mock serves the files too: a server without them is one that answers 404, as a proxy that drops them.
      const blank = createServer((req, res) => {
        if ((req.url ?? '').startsWith('/apiexplorer/')) res.writeHead(404).end();
        else
          request(`${none.url}${req.url}`, {
            method: req.method as 'GET',
            headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host')) as Record<string, string>,
            body: req,
          })
            .then(async (r) => {
              res
                .writeHead(r.statusCode, { 'content-type': String(r.headers['content-type'] ?? 'application/json') })
                .end(Buffer.from(await r.body.arrayBuffer()));
            })
            .catch(() => res.destroy());
      });
      await new Promise<void>((ok) => blank.listen(0, '127.0.0.1', ok));
      const out = tempDir('none-');
      const r = await pull(`http://127.0.0.1:${(blank.address() as AddressInfo).port}`, out);
      await new Promise((ok) => blank.close(ok));
      expect(r).toMatchObject({ release: '6.7.0', source: 'metamodel' });
      expect(r.log).toContain('no API Explorer files on this server: reading the metamodel');
      expect(existsSync(join(out, '6.7.0', 'vcenter.json'))).toBe(true);
    } finally {
      await none.close();
    }
  });
});

describe("the mock's metamodel", () => {
  it('decodes strictly with the vapi spec on /api and on /rest (maps as lists of {key, value})', async () => {
    const client = createClient({ baseUrl: mock.url, release: v703, auth: USER, decode: 'strict' });
    try {
      const ids = await client.call('vapi.metadata.metamodel.component.list');
      expect(ids).toContain('com.vmware.vcenter');
      const api = await client.call('vapi.metadata.metamodel.component.get', { path: { component_id: 'com.vmware.cis' } });
      expect(Object.keys(api.info.packages)).toEqual(['com.vmware.cis']);
      const rest = await client.call('rest.vapi.metadata.metamodel.component.get', { path: { component_id: 'com.vmware.cis' } });
      expect(Array.isArray(rest.info.packages)).toBe(true);
      expect(await client.call('rest.vapi.metadata.metamodel.component.fingerprint', { path: { component_id: 'com.vmware.cis' } })).toBe(
        api.fingerprint,
      );
      const services = await client.call('vapi.metadata.metamodel.service.list');
      const op = await client.call('vapi.metadata.metamodel.service.operation.get', {
        path: {
          service_id: services[0]!,
          operation_id: (await client.call('vapi.metadata.metamodel.service.operation.list', { path: { service_id: services[0]! } }))[0]!,
        },
      });
      expect(op.name).toBeTruthy();
    } finally {
      await client.close();
    }
  });

  it('is served on /rest for a release without /api (6.7.0)', async () => {
    const old = await startMock({ releases: ['6.7.0'] });
    const client = createClient({ baseUrl: old.url, release: v670, auth: USER, decode: 'strict' });
    try {
      const ids = await client.call('rest.vapi.metadata.metamodel.component.list');
      expect(ids).toEqual(['com.vmware.appliance', 'com.vmware.content', 'com.vmware.vapi', 'com.vmware.vcenter']);
    } finally {
      await client.close();
      await old.close();
    }
  });
});

describe('vcenter-sdk specs pull', () => {
  const env = { VCENTER_USER: USER.username, VCENTER_PASSWORD: USER.password };

  it('pulls, then says up to date', async () => {
    const out = tempDir('cli-');
    const first = await run(['specs', 'pull', '--url', mock.url, '--out', out], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${mock.url}: vCenter 7.0.3`);
    expect(first.stdout).toMatch(/vcenter\.json: \d+ KiB/);
    expect(first.stdout).toContain('npm run generate -- --release 7.0.3');
    const again = await run(['specs', 'pull', '--url', mock.url, '--out', out], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/7\.0\.3: up to date \(10 component fingerprints unchanged since .*\); nothing written/);
  }, 60_000);

  it('takes credentials from the environment only', async () => {
    const out = tempDir('cred-');
    const none = await run(['specs', 'pull', '--url', mock.url, '--out', out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('set VCENTER_USER and VCENTER_PASSWORD in the environment');
    const flag = await run(['specs', 'pull', '--url', mock.url, '--password=x'], { env });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--password is not accepted');
    const wrong = await run(['specs', 'pull', '--url', mock.url, '--out', out], { env: { ...env, VCENTER_PASSWORD: 'wrong-secret' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).not.toContain('wrong-secret');
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);
});
