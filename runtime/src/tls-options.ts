/** The TLS options of a client (`createClient({ tls })`); tls.ts turns them into an undici connector. */
export interface TlsOptions {
  /** PEM CA certificate(s) to trust (in addition to nothing else: replaces the default store, as Node does). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** PEM client certificate for mutual TLS. */
  cert?: string | Buffer;
  /** PEM private key of `cert`. */
  key?: string | Buffer;
  /** Passphrase of `key`. */
  passphrase?: string;
  /**
   * SHA-256 or SHA-1 fingerprint of the server's leaf certificate (hex, any case, colons optional).
   * When set, a matching certificate is accepted even if its chain is untrusted; any other is refused.
   */
  thumbprint?: string;
  /** Accept any certificate. Only when set explicitly; warns once per process. */
  insecure?: boolean;
  /** SNI / host name to verify, when it differs from the URL's host. */
  servername?: string;
}
