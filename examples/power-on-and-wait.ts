/**
 * Clone a VM with the asynchronous (task) variant, wait for the task, then power the clone on.
 *
 * Shows: `client.start` on a `$task` operation and `task.wait` with progress printing, a
 * deadline (`timeoutMs` → `TaskTimeout`), Ctrl-C as an `AbortSignal` with `cancelOnAbort`
 * (the server is asked to cancel the task), the task's result typed as the synchronous
 * twin's (the new VM's id), the typed error of a FAILED task, and
 * `vcenter.vm.power.start` with `AlreadyInDesiredState` (a clone may already be on).
 *
 *   VCENTER_URL=https://vcenter.example VCENTER_USER=... VCENTER_PASSWORD=... \
 *     [VCENTER_SOURCE_VM=vm-42] [VCENTER_CLONE_NAME=my-clone] [VCENTER_TASK_TIMEOUT_S=600] \
 *     npx tsx examples/power-on-and-wait.ts
 *
 * Without VCENTER_SOURCE_VM the first VM found is cloned. Needs a vCenter 7.0.3 or later
 * (the `/api` task service). Against the mock: `npm run mock`, VCENTER_URL=<its URL>.
 */
import { AlreadyInDesiredState, connect, TaskTimeout, taskIdOf, VsphereError, type TaskInfo } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { connection, reportError, setting } from './env.js';

const timeoutMs = Number(setting('VCENTER_TASK_TIMEOUT_S') ?? 600) * 1000;

function printProgress(info: TaskInfo<string>): void {
  const p = info.progress;
  const pct = p && p.total > 0 ? ` ${Math.round((100 * p.completed) / p.total)}%` : '';
  const text = p?.message?.default_message ? ` (${p.message.default_message})` : '';
  console.log(`  task ${info.id}: ${info.status}${pct}${text}`);
}

// Ctrl-C stops waiting and, with cancelOnAbort, cancels the task on the server.
const abort = new AbortController();
const onSigint = (): void => abort.abort(new Error('interrupted (Ctrl-C)'));
process.once('SIGINT', onSigint);

try {
  await using client = await connect({ ...connection(), releases: [v703] });
  console.log(`connected: vSphere ${client.release}`);

  let source = setting('VCENTER_SOURCE_VM');
  if (source === undefined) {
    const [first] = await client.call('vcenter.vm.list');
    if (!first) throw new Error('no VM to clone: set VCENTER_SOURCE_VM');
    source = first.vm;
  }
  const name = setting('VCENTER_CLONE_NAME') ?? `sdk-example-clone-${Date.now()}`;

  const task = await client.start('vcenter.vm.clone$task', { body: { source, name } });
  console.log(`cloning ${source} as ${name}: task ${task.id}`);

  let vm: string | undefined;
  try {
    vm = await task.wait({ timeoutMs, signal: abort.signal, cancelOnAbort: true, onProgress: printProgress });
  } catch (e) {
    if (e instanceof TaskTimeout) {
      // The task goes on on the server (cancelOnAbort asked to cancel it, if it could be).
      console.error(`gave up after ${e.timeoutMs / 1000} s (last status ${e.lastStatus ?? 'unknown'}); task ${e.taskId}`);
    } else if (abort.signal.aborted && e === abort.signal.reason) {
      console.error(`interrupted; asked the server to cancel task ${task.id}`);
    } else if (e instanceof VsphereError && taskIdOf(e)) {
      // The task FAILED: its error, typed from the error table (NotFound, InvalidArgument...).
      console.error(`task ${taskIdOf(e)} failed: ${e.kind}: ${e.messages.join('; ')}`);
    } else throw e;
    process.exitCode = 1;
  }

  if (vm !== undefined) {
    console.log(`clone task finished: new VM ${vm}`);
    try {
      await client.call('vcenter.vm.power.start', { path: { vm } });
      console.log(`powered on ${vm}`);
    } catch (e) {
      if (e instanceof AlreadyInDesiredState) console.log(`${vm} was already powered on`);
      else throw e;
    }
  }
} catch (e) {
  reportError(e);
} finally {
  process.removeListener('SIGINT', onSigint);
}
