/**
 * Throwaway TLS material made with the `openssl` CLI: a CA and a leaf certificate for
 * 127.0.0.1 / localhost signed by it (EC P-256, valid one day). Tests can trust `ca`, or pin
 * the leaf by its SHA-256 / SHA-1 fingerprint.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterial {
  /** PEM of the CA that signed `cert`. */
  ca: string;
  /** PEM of the leaf certificate the server presents. */
  cert: string;
  /** PEM of the leaf private key. */
  key: string;
  /** SHA-256 fingerprint of the leaf, `AB:CD:...` (uppercase hex, colon-separated). */
  fingerprint256: string;
  /** SHA-1 fingerprint of the leaf, same form. */
  fingerprint1: string;
}

export async function generateTls(): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-vcenter-tls-'));
  const p = (f: string) => join(dir, f);
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      p('ca.key'),
      '-out',
      p('ca.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=fake-vcenter test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    await openssl('req', '-new', ...ec, '-keyout', p('leaf.key'), '-out', p('leaf.csr'), '-subj', '/CN=127.0.0.1');
    await writeFile(
      p('leaf.ext'),
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '',
      ].join('\n'),
    );
    await openssl(
      'x509',
      '-req',
      '-in',
      p('leaf.csr'),
      '-CA',
      p('ca.pem'),
      '-CAkey',
      p('ca.key'),
      '-CAcreateserial',
      '-out',
      p('leaf.pem'),
      '-days',
      '1',
      '-sha256',
      '-extfile',
      p('leaf.ext'),
    );
    const [ca, cert, key] = await Promise.all(['ca.pem', 'leaf.pem', 'leaf.key'].map((f) => readFile(p(f), 'utf8')));
    const x509 = new X509Certificate(cert!);
    return { ca: ca!, cert: cert!, key: key!, fingerprint256: x509.fingerprint256, fingerprint1: x509.fingerprint };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
