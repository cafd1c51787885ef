/**
 * Child of lifetime.test.ts: starts a clone task and waits for it while the server fails one
 * poll with 500 (retried under the default policy). argv: <baseUrl>
 */
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { createClient } from '@vcenter-sdk/runtime';
import { done } from './lingering.js';

const [baseUrl] = process.argv.slice(2) as [string];
const client = createClient({ baseUrl, release: v703, auth: { username: 'administrator@vsphere.local', password: 'secret' } });
const task = await client.start('vcenter.vm.clone$task', { body: { source: 'vm-1001', name: 'child' } });
void task.wait().then((vm) => done(`result ${vm}`));
