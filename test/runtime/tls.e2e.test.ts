import { X509Certificate } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CertificateMismatch, createClient, TlsError } from '@vcenter-sdk/runtime';
import { PASSWORD, r803, USER } from './fixtures.js';
import { certs, onCleanup, serve, vms } from './helpers.js';

const x509 = new X509Certificate(certs.cert);
const sha256 = x509.fingerprint256; // AB:CD:...
const sha1 = x509.fingerprint;

/** The test CA's server certificate; with `requestCert`, only clients holding a certificate of that CA get through. */
function tlsServer(opts: { requestCert?: boolean } = {}) {
  const requestCert = opts.requestCert === true;
  return serve(
    { 'GET /api/vcenter/vm': { json: vms } },
    { tls: { cert: certs.cert, key: certs.key, ca: certs.ca, requestCert, rejectUnauthorized: requestCert } },
  );
}
function client(url: string, tls: Parameters<typeof createClient>[0]['tls']) {
  return onCleanup(createClient({ baseUrl: url, release: r803, auth: { username: USER, password: PASSWORD }, tls, retry: false }));
}

describe('TLS', () => {
  it('an untrusted certificate fails by default', async () => {
    const s = await tlsServer();
    const err = await client(s.url, undefined)
      .call('vcenter.vm.list')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TlsError);
    expect(String(err)).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER/);
    expect([...s.sessionCalls, ...s.requests]).toHaveLength(0);
  });

  it('tls.ca makes it trusted', async () => {
    const s = await tlsServer();
    expect(await client(s.url, { ca: certs.ca }).call('vcenter.vm.list')).toEqual(vms);
  });

  it('mTLS: client certificate and key', async () => {
    const s = await tlsServer({ requestCert: true });
    expect(await client(s.url, { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey }).call('vcenter.vm.list')).toEqual(vms);
    const err = await client(s.url, { ca: certs.ca })
      .call('vcenter.vm.list')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it.each([
    ['sha256 with colons, uppercase', sha256],
    ['sha256 lowercase, no colons', sha256.replaceAll(':', '').toLowerCase()],
    ['sha1 with colons', sha1],
    ['sha1 lowercase, no colons', sha1.replaceAll(':', '').toLowerCase()],
  ])('thumbprint pinning accepts a matching leaf without the CA (%s)', async (_label, thumbprint) => {
    const s = await tlsServer();
    expect(await client(s.url, { thumbprint }).call('vcenter.vm.list')).toEqual(vms);
  });

  it('a wrong thumbprint fails naming both fingerprints', async () => {
    const s = await tlsServer();
    const wrong = 'ab'.repeat(32);
    const err = (await client(s.url, { thumbprint: wrong })
      .call('vcenter.vm.list')
      .catch((e: unknown) => e)) as CertificateMismatch;
    expect(err).toBeInstanceOf(CertificateMismatch);
    expect(err).toBeInstanceOf(TlsError);
    expect(err.message).toContain('AB:AB:AB');
    expect(err.message).toContain(sha256);
    expect(err.expected).toBe('AB:'.repeat(32).slice(0, -1));
    expect(err.actual).toBe(sha256);
    expect([...s.sessionCalls, ...s.requests]).toHaveLength(0);
  });

  it('insecure: true accepts anything and warns once', async () => {
    const s = await tlsServer();
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(await client(s.url, { insecure: true }).call('vcenter.vm.list')).toEqual(vms);
      expect(await client(s.url, { insecure: true }).call('vcenter.vm.list')).toEqual(vms);
      const insecure = spy.mock.calls.filter((c) => String(c[0]).includes('insecure'));
      expect(insecure).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
