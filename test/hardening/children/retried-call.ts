/**
 * Child of lifetime.test.ts: one call that the server answers 503 twice before the result,
 * under the default retry policy (real delays). argv: <baseUrl> <await|chain>
 */
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { createClient } from '@vcenter-sdk/runtime';
import { done } from './lingering.js';
import { FAKE_PASSWORD, USER } from '../../support/settings.js';

const [baseUrl, style] = process.argv.slice(2) as [string, string];
const client = createClient({ baseUrl, release: v703, auth: { username: USER, password: FAKE_PASSWORD } });
if (style === 'await') {
  const power = await client.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } });
  done(`result ${power.state}`);
} else {
  // A plain promise chain: nothing awaits at the top level.
  void client.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } }).then((power) => done(`result ${power.state}`));
}
