/**
 * Why a connection failed, in words a user can act on. Runs only after a failure (never on the
 * per-call path): a protocol mix-up is told by trying the other protocol once, an untrusted
 * certificate by reading its fingerprint over a connection that verifies nothing and sends
 * nothing.
 */
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { formatFingerprint } from './tls.js';

/** How long a diagnosis may take: it only delays an error that is already certain. */
const PROBE_MS = 3000;

export interface TlsProbe {
  /** SHA-256 fingerprint of the server's leaf certificate, `AB:CD:...`. */
  fingerprint256: string | undefined;
}

/** Complete a TLS handshake with `url`'s host without verifying it; undefined when the server does not speak TLS there. */
function probeTls(url: URL, servername?: string): Promise<TlsProbe | undefined> {
  return new Promise((resolve) => {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let socket: TLSSocket;
    const done = (result: TlsProbe | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(undefined), PROBE_MS);
    socket = tlsConnect(
      { host, port, servername: servername ?? (/^[\d.:]+$/.test(host) ? undefined : host), rejectUnauthorized: false },
      () => {
        const fp = socket.getPeerCertificate()?.fingerprint256;
        done({ fingerprint256: fp ? formatFingerprint(fp) : undefined });
      },
    );
    socket.on('error', () => done(undefined));
  });
}

/** OpenSSL's words for "what came back is not TLS" (an HTTPS client talking to an HTTP port). */
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|http request|record layer failure/i;

/** Connection codes an HTTP client sees when the server expects a TLS handshake instead. */
const CLOSED_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_SOCKET',
  'ECONNRESET',
  'EPIPE',
  'HPE_INVALID_CONSTANT',
  'HPE_INVALID_VERSION',
  'HPE_INVALID_STATUS',
]);

export type Diagnosis =
  | { kind: 'speaks-http'; advice: string }
  | { kind: 'speaks-https'; advice: string }
  | { kind: 'untrusted'; fingerprint: string | undefined; advice: string };

function withProtocol(url: URL, protocol: 'http:' | 'https:'): string {
  const u = new URL(url.origin);
  u.protocol = protocol;
  return u.origin;
}

/** A plain-words diagnosis of a failed connection to `url`, or undefined when none applies. */
export async function diagnose(
  url: URL,
  code: string | undefined,
  message: string,
  verification: boolean,
  servername?: string,
): Promise<Diagnosis | undefined> {
  if (
    url.protocol === 'https:' &&
    (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' || NOT_TLS.test(message)) &&
    !verification
  ) {
    return {
      kind: 'speaks-http',
      advice: `the server speaks HTTP, not HTTPS, at ${url.host}: use ${withProtocol(url, 'http:')} as baseUrl, or the server's HTTPS port`,
    };
  }
  if (url.protocol === 'http:' && code !== undefined && CLOSED_CODES.has(code)) {
    if (await probeTls(url, servername)) {
      return {
        kind: 'speaks-https',
        advice: `the server speaks HTTPS, not HTTP, at ${url.host}: use ${withProtocol(url, 'https:')} as baseUrl`,
      };
    }
    return undefined;
  }
  if (url.protocol === 'https:' && verification) {
    const probe = await probeTls(url, servername);
    const fp = probe?.fingerprint256;
    const advice = fp
      ? `the server's certificate has the SHA-256 fingerprint ${fp}. If you trust it, pin it with tls: { thumbprint: '${fp}' } ` +
        `(the CLI's --thumbprint ${fp}), or trust its CA with tls.ca`
      : "trust the server's CA with tls.ca, or pin its certificate with tls.thumbprint (the CLI's --thumbprint)";
    return { kind: 'untrusted', fingerprint: fp, advice };
  }
  return undefined;
}
