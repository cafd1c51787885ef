/**
 * Where the examples connect: VCENTER_URL, VCENTER_USER and VCENTER_PASSWORD, and optionally
 * VCENTER_CA (a PEM file) or VCENTER_THUMBPRINT for a self-signed vCenter certificate.
 * `npm start` sets them to a local mock vCenter.
 */
import { readFileSync } from 'node:fs';
import type { ClientOptionsBase } from '@vcenter-sdk/runtime';

export function connection(): Pick<ClientOptionsBase, 'baseUrl' | 'auth' | 'tls'> {
  const { VCENTER_URL, VCENTER_USER, VCENTER_PASSWORD, VCENTER_CA, VCENTER_THUMBPRINT } = process.env;
  if (!VCENTER_URL || !VCENTER_USER || !VCENTER_PASSWORD) {
    throw new Error('set VCENTER_URL, VCENTER_USER and VCENTER_PASSWORD (or run `npm start`, which starts a mock vCenter)');
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
