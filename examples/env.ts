/**
 * Where the examples connect: VCENTER_URL, VCENTER_USER and VCENTER_PASSWORD, and optionally
 * VCENTER_CA (a PEM file) or VCENTER_THUMBPRINT for a self-signed vCenter certificate.
 * `npm start` sets them for examples/quick-start.ts; `npm run mock` prints what to set for the others.
 */
import { readFileSync } from 'node:fs';
import { VsphereError, type ClientOptionsBase } from '@vcenter-sdk/runtime';

export function connection(): Pick<ClientOptionsBase, 'baseUrl' | 'auth' | 'tls'> {
  const { VCENTER_URL, VCENTER_USER, VCENTER_PASSWORD, VCENTER_CA, VCENTER_THUMBPRINT } = process.env;
  if (!VCENTER_URL || !VCENTER_USER || !VCENTER_PASSWORD) {
    throw new Error(
      'set VCENTER_URL, VCENTER_USER and VCENTER_PASSWORD; for a local mock vCenter, run `npm run mock` and use the URL and login it prints',
    );
  }
  return {
    baseUrl: VCENTER_URL,
    auth: { username: VCENTER_USER, password: VCENTER_PASSWORD },
    tls: {
      ...(VCENTER_CA ? { ca: readFileSync(VCENTER_CA, 'utf8') } : {}),
      ...(VCENTER_THUMBPRINT ? { thumbprint: VCENTER_THUMBPRINT } : {}),
    },
  };
}

/** An optional setting of an example (`VCENTER_VM=web-01`), undefined when unset or empty. */
export function setting(name: string): string | undefined {
  const v = process.env[name]?.trim();
  return v ? v : undefined;
}

/**
 * What the examples do with an error that reaches the top, and what a program of yours might
 * do too: a `VsphereError` (every error the SDK throws) printed as one line with its kind,
 * operation, release and HTTP status, then the server's messages; another `Error` as its
 * message (with the stack when VCENTER_DEBUG is set); exit code 1 either way.
 */
export function reportError(error: unknown): void {
  process.exitCode = 1;
  if (error instanceof VsphereError) {
    const where = [error.operation, error.release && `vSphere ${error.release}`, error.status ? `HTTP ${error.status}` : undefined]
      .filter(Boolean)
      .join(', ');
    console.error(`failed: ${error.name} (${error.kind}${where ? `; ${where}` : ''})`);
    for (const m of error.messages.length > 0 ? error.messages : [error.message]) console.error(`  ${m}`);
  } else if (error instanceof Error) {
    console.error(`failed: ${error.message}`);
  } else {
    console.error('failed:', error);
  }
  if (process.env.VCENTER_DEBUG && error instanceof Error) console.error(error.stack);
}
