/**
 * TLS options for the client's undici Agent: CA, mTLS, thumbprint pinning, explicit insecure mode.
 *
 * Verification is on by default. Pinning (`thumbprint`) uses a custom connector that
 * checks the leaf certificate's fingerprint on every new connection before handing the
 * socket to undici; only in that mode is chain verification turned off.
 */
import type { TLSSocket } from 'node:tls';
import { CertificateMismatch } from './errors.js';
import type { buildConnector } from 'undici';
import { loadBuildConnector } from './internal/undici.js';
import type { TlsOptions } from './tls-options.js';

// In a module of its own, which imports nothing: the client's options name it, and so does every
// consumer's program, which then need not load undici's declarations (this module's connector does).
export type { TlsOptions } from './tls-options.js';

let insecureWarned = false;

/** Normalize a fingerprint: uppercase hex, no separators. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/** `AB:CD:...` display form. */
export function formatFingerprint(fp: string): string {
  return (normalizeFingerprint(fp).match(/.{1,2}/g) ?? []).join(':');
}

export type Connector = buildConnector.connector;

/** Build the `connect` option of an undici Agent from `TlsOptions`. */
export function buildConnect(tls: TlsOptions | undefined): Connector {
  const base: buildConnector.BuildOptions = {};
  if (tls?.ca) (base as Record<string, unknown>).ca = tls.ca;
  if (tls?.cert) (base as Record<string, unknown>).cert = tls.cert;
  if (tls?.key) (base as Record<string, unknown>).key = tls.key;
  if (tls?.passphrase) (base as Record<string, unknown>).passphrase = tls.passphrase;
  if (tls?.servername) (base as Record<string, unknown>).servername = tls.servername;

  if (tls?.thumbprint) {
    const expected = normalizeFingerprint(tls.thumbprint);
    if (expected.length !== 64 && expected.length !== 40) {
      throw new TypeError(
        `tls.thumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) fingerprint, got ${expected.length} hex digits`,
      );
    }
    const connector = loadBuildConnector()({ ...base, rejectUnauthorized: false, maxCachedSessions: 0 } as buildConnector.BuildOptions);
    return (options, callback) => {
      connector(options, (err, socket) => {
        if (err || !socket) return callback(err ?? new Error('connect failed'), null);
        if (options.protocol !== 'https:') return callback(null, socket);
        const cert = (socket as TLSSocket).getPeerCertificate?.();
        const actualRaw = expected.length === 64 ? cert?.fingerprint256 : cert?.fingerprint;
        const actual = actualRaw ? normalizeFingerprint(actualRaw) : '';
        if (actual !== expected) {
          socket.destroy();
          return callback(
            new CertificateMismatch(
              `TLS certificate of ${options.hostname}:${options.port} does not match the pinned thumbprint: expected ${formatFingerprint(expected)}, got ${actual ? formatFingerprint(actual) : '(no certificate)'}`,
              { expected: formatFingerprint(expected), actual: actual ? formatFingerprint(actual) : '' },
            ),
            null,
          );
        }
        callback(null, socket);
      });
    };
  }

  if (tls?.insecure === true) {
    if (!insecureWarned) {
      insecureWarned = true;
      process.emitWarning(
        'vcenter-sdk: TLS certificate verification is disabled (tls.insecure: true). Use tls.ca or tls.thumbprint instead.',
        {
          code: 'VCENTER_SDK_TLS_INSECURE',
        },
      );
    }
    return loadBuildConnector()({ ...base, rejectUnauthorized: false } as buildConnector.BuildOptions);
  }

  return loadBuildConnector()({ ...base, rejectUnauthorized: true } as buildConnector.BuildOptions);
}

/** Node/OpenSSL error codes that mean "the certificate could not be verified" (the server's fingerprint helps then). */
export const TLS_VERIFY_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Node/OpenSSL error codes of a failed TLS connection (verification or handshake). */
export const TLS_ERROR_CODES: ReadonlySet<string> = new Set([...TLS_VERIFY_CODES, 'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO']);
