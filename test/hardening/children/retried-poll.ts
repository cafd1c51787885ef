/**
 * Child of lifetime.test.ts: starts a clone task and waits for it while the server fails one
 * poll with 500 (retried under the default policy). argv: <baseUrl>
 */
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { createClient } from '@vcenter-sdk/runtime';
import { done } from './lingering.js';
import { FAKE_PASSWORD, USER } from '../../support/settings.js';

const [baseUrl] = process.argv.slice(2) as [string];
const client = createClient({ baseUrl, release: v703, auth: { username: USER, password: FAKE_PASSWORD } });
const task = await client.start('vcenter.vm.clone$task', { body: { source: 'vm-1001', name: 'child' } });
void task.wait().then((vm) => done(`result ${vm}`));
