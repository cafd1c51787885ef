/**
 * What the runtime's e2e suites share: a hostile server per test answering a table of routes,
 * with the logins a real vCenter accepts (this user's password, or a bearer token), closed
 * after the test with everything else registered by `onCleanup`; and the test certificates.
 */
import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { routes, startHostileServer, type HostileOptions, type HostileServer } from '../support/hostile.js';
import { PASSWORD, USER } from './fixtures.js';

export { fastRetry } from '../support/settings.js';

const certDir = new URL('./certs/', import.meta.url);
export const certs = {
  ca: readFileSync(new URL('ca.pem', certDir), 'utf8'),
  cert: readFileSync(new URL('server.pem', certDir), 'utf8'),
  key: readFileSync(new URL('server-key.pem', certDir), 'utf8'),
  clientCert: readFileSync(new URL('client.pem', certDir), 'utf8'),
  clientKey: readFileSync(new URL('client-key.pem', certDir), 'utf8'),
};

export const vms = [
  { vm: 'vm-1', name: 'web-1', power_state: 'POWERED_ON' },
  { vm: 'vm-2', name: 'db-1', power_state: 'POWERED_OFF' },
];

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** Close `closable` after this test, before what was registered earlier (a client before its server). */
export function onCleanup<T extends { close(): Promise<void> }>(closable: T): T {
  cleanup.push(() => closable.close());
  return closable;
}

const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

/** A hostile server answering `table` (`METHOD /path` → a fault; 404 to the rest), closed after the test. */
export async function serve(table: Parameters<typeof routes>[0] = {}, options: HostileOptions = {}): Promise<HostileServer> {
  const s = await startHostileServer({ acceptLogin: (auth) => auth === BASIC || auth.startsWith('Bearer '), ...options });
  s.otherwise = routes(table);
  return onCleanup(s);
}
