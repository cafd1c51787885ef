/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the `openssl` command
 * (Node has no X.509 writer). Its SHA-256 fingerprint is what a client pins
 * (`tls.thumbprint`, `--thumbprint`).
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MockTls {
  key: string;
  cert: string;
}

export function selfSigned(): MockTls {
  const dir = mkdtempSync(join(tmpdir(), 'vcenter-sdk-mock-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '30',
          '-subj',
          '/CN=vcenter-sdk mock',
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'the openssl command is not installed'
          : String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim();
      throw new Error(`startMock: cannot make a self-signed certificate (${why}); pass tls: { key, cert } instead`);
    }
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const fingerprint256 = (cert: string): string => new X509Certificate(cert).fingerprint256;
