/**
 * Child of lifetime.test.ts: a client that holds nothing. argv: <baseUrl> <created|called>
 * `created`: the client is only created (with a session keep-alive). `called`: one call, the
 * client is neither closed nor used again (an idle pooled socket, a live session).
 */
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { createClient } from '@vcenter-sdk/runtime';
import { done } from './lingering.js';
import { FAKE_PASSWORD, USER } from '../../support/settings.js';

const [baseUrl, mode] = process.argv.slice(2) as [string, string];
const client = createClient({
  baseUrl,
  release: v703,
  auth: { username: USER, password: FAKE_PASSWORD },
  keepAliveMs: 1000,
});
if (mode === 'called') await client.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } });
done(`client ${client.release}`);
