/**
 * Protocol mix-ups say "the server speaks HTTP" / "the server speaks
 * HTTPS"; an untrusted certificate's error carries the server's SHA-256 fingerprint and how to
 * pin it (tls.thumbprint, the CLI's --thumbprint), and pinning that fingerprint then works.
 */
import { describe, expect, it } from 'vitest';
import { ConnectionError, TlsError } from '@vcenter-sdk/runtime';
import { startMock } from '@vcenter-sdk/mock';
import { MOCK_PASSWORD } from '../support/settings.js';
import { client, hostile, onCleanup, rejection } from './helpers.js';

const power = { path: { vm: 'vm-1' } };

async function tlsMock() {
  const f = await startMock({ releases: ['7.0.3'], tls: true });
  onCleanup(() => f.close());
  return f;
}

describe('protocol mix-ups', () => {
  it('https:// to an HTTP port: "the server speaks HTTP", with the URL to use; not retried', async () => {
    const s = await hostile();
    const c = client(s, { baseUrl: s.url.replace('http:', 'https:') });
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ kind: 'PROTOCOL_MISMATCH' });
    expect((err as Error).message).toContain(
      `the server speaks HTTP, not HTTPS, at 127.0.0.1:${s.port}: use http://127.0.0.1:${s.port} as baseUrl`,
    );
    expect(s.sockets.total).toBe(1);
  });

  it('http:// to an HTTPS port: "the server speaks HTTPS", with the URL to use', async () => {
    const f = await tlsMock();
    const url = f.url.replace('https:', 'http:');
    const c = client({ url } as never, { baseUrl: url });
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ kind: 'PROTOCOL_MISMATCH' });
    expect((err as Error).message).toContain(`the server speaks HTTPS, not HTTP, at ${new URL(url).host}: use ${f.url} as baseUrl`);
  });
});

describe('untrusted certificates', () => {
  it("the error names the server's SHA-256 fingerprint and how to pin it; pinning it works", async () => {
    const f = await tlsMock();
    const c = client({ url: f.url } as never, { baseUrl: f.url });
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toBeInstanceOf(TlsError);
    const fp = (err as TlsError).fingerprint;
    expect(fp).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fp!.replaceAll(':', '')).toBe(f.fingerprint256!.replaceAll(':', '').toUpperCase());
    const message = (err as Error).message;
    expect(message).toContain(`SHA-256 fingerprint ${fp}`);
    expect(message).toContain(`tls: { thumbprint: '${fp}' }`);
    expect(message).toContain(`--thumbprint ${fp}`);
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ fingerprint: fp });

    const pinned = client({ url: f.url } as never, {
      baseUrl: f.url,
      tls: { thumbprint: fp! },
      password: MOCK_PASSWORD,
    });
    await expect(pinned.call('vcenter.vm.list')).resolves.toBeInstanceOf(Array);
  });
});
