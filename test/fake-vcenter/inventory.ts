/**
 * A small inventory so calls return data: VMs (list/get/power/clone), what the task suites
 * clone and poll (tagging is the mock's).
 *
 *   GET  /api/vcenter/vm?names=..&power_states=..&vms=..   (/rest/vcenter/vm?filter.names=.. → {value})
 *   GET  /api/vcenter/vm/{vm}                               (/rest/vcenter/vm/{vm} → {value})
 *   GET  /api/vcenter/vm/{vm}/power                         (/rest/vcenter/vm/{vm}/power → {value})
 *   POST /api/vcenter/vm/{vm}/power?action=start|stop|suspend|reset → 204  (/rest/.../power/start → 200)
 *   POST /api/vcenter/vm?action=clone[&vmw-task=true]       → 200 "vm-id" | 202 "task-id"
 *   POST /rest/vcenter/vm?action=clone&vmw-task=true        → {value: "task-id"} (also ~action=clone)
 */
import { randomUUID } from 'node:crypto';
import { errorReply, message, queryList, ReplyError, wrap, type Reply, type RouteContext } from './protocol.js';
import type { Router } from './router.js';
import type { TaskStore } from './tasks.js';
import { vmInfo } from '../support/vm-info.js';

export type PowerState = 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED';

export interface FakeVm {
  vm: string;
  name: string;
  power_state: PowerState;
  cpu_count: number;
  memory_size_MiB: number;
  guest_OS?: string;
}

export const SEED_VMS: readonly FakeVm[] = [
  { vm: 'vm-1001', name: 'web-01', power_state: 'POWERED_ON', cpu_count: 2, memory_size_MiB: 4096, guest_OS: 'UBUNTU_64' },
  { vm: 'vm-1002', name: 'db-01', power_state: 'POWERED_OFF', cpu_count: 4, memory_size_MiB: 16384, guest_OS: 'RHEL_9_64' },
  { vm: 'vm-1003', name: 'build-01', power_state: 'SUSPENDED', cpu_count: 8, memory_size_MiB: 8192, guest_OS: 'WINDOWS_2019SERVER_64' },
];

export class Inventory {
  readonly vms = new Map<string, FakeVm>();
  private nextVm = 2001;

  constructor(vms: readonly FakeVm[] = SEED_VMS) {
    for (const vm of vms) this.vms.set(vm.vm, { ...vm });
  }

  addVm(vm: Partial<FakeVm> & { name: string }): FakeVm {
    const full: FakeVm = {
      vm: vm.vm ?? `vm-${this.nextVm++}`,
      power_state: 'POWERED_OFF',
      cpu_count: 1,
      memory_size_MiB: 1024,
      guest_OS: 'OTHER_LINUX_64',
      ...vm,
    };
    this.vms.set(full.vm, full);
    return full;
  }
}

function summary(vm: FakeVm) {
  return { vm: vm.vm, name: vm.name, power_state: vm.power_state, cpu_count: vm.cpu_count, memory_size_MiB: vm.memory_size_MiB };
}

function fail(ctx: RouteContext, type: string, text: string, id: string, args: string[] = []): never {
  throw new ReplyError(errorReply(ctx.style, type, [message(text, id, args)]));
}

/** /rest create bodies are wrapped (`{"spec": {...}}`, `{"create_spec": {...}}`). */
function unwrapBody(ctx: RouteContext, key: string): Record<string, any> {
  const body = ctx.json() ?? {};
  if (typeof body !== 'object' || Array.isArray(body))
    fail(ctx, 'INVALID_ARGUMENT', 'Body must be an object', 'vapi.bindings.typeconverter.invalid');
  return ctx.style === 'rest' && key in body ? body[key] : body;
}

export function registerInventory(router: Router, inv: Inventory, tasks: TaskStore): void {
  const findVm = (ctx: RouteContext): FakeVm =>
    inv.vms.get(ctx.params.vm!) ??
    fail(ctx, 'NOT_FOUND', `Virtual machine with identifier '${ctx.params.vm}' does not exist.`, 'com.vmware.api.vcenter.vm.not_found', [
      ctx.params.vm!,
    ]);

  // ---- VMs ----
  const listVms = (ctx: RouteContext): Reply => {
    const names = queryList(ctx.query, 'names', 'filter.names');
    const states = queryList(ctx.query, 'power_states', 'filter.power_states');
    const ids = queryList(ctx.query, 'vms', 'filter.vms');
    const out = [...inv.vms.values()]
      .filter((vm) => (!names || names.includes(vm.name)) && (!states || states.includes(vm.power_state)) && (!ids || ids.includes(vm.vm)))
      .map(summary);
    return { body: wrap(ctx.style, out) };
  };
  router.add('GET', '/api/vcenter/vm', listVms);
  router.add('GET', '/rest/vcenter/vm', listVms);
  router.add('GET', '/api/vcenter/vm/{vm}', (ctx) => ({ body: vmInfo(findVm(ctx)) }));
  router.add('GET', '/rest/vcenter/vm/{vm}', (ctx) => ({ body: { value: vmInfo(findVm(ctx)) } }));
  const powerGet = (ctx: RouteContext): Reply => {
    const vm = findVm(ctx);
    return {
      body: wrap(
        ctx.style,
        vm.power_state === 'POWERED_OFF' ? { state: vm.power_state, clean_power_off: true } : { state: vm.power_state },
      ),
    };
  };
  router.add('GET', '/api/vcenter/vm/{vm}/power', powerGet);
  router.add('GET', '/rest/vcenter/vm/{vm}/power', powerGet);

  const power =
    (action: string) =>
    (ctx: RouteContext): Reply => {
      const vm = findVm(ctx);
      const inDesired = () =>
        fail(
          ctx,
          'ALREADY_IN_DESIRED_STATE',
          `Virtual machine is already ${vm.power_state}.`,
          'com.vmware.api.vcenter.vm.power.already_in_desired_state',
        );
      const notAllowed = () =>
        fail(
          ctx,
          'NOT_ALLOWED_IN_CURRENT_STATE',
          `Cannot ${action} a virtual machine that is ${vm.power_state}.`,
          'com.vmware.api.vcenter.vm.power.not_allowed',
        );
      switch (action) {
        case 'start':
          if (vm.power_state === 'POWERED_ON') inDesired();
          vm.power_state = 'POWERED_ON';
          break;
        case 'stop':
          if (vm.power_state === 'POWERED_OFF') inDesired();
          vm.power_state = 'POWERED_OFF';
          break;
        case 'suspend':
          if (vm.power_state === 'SUSPENDED') inDesired();
          if (vm.power_state === 'POWERED_OFF') notAllowed();
          vm.power_state = 'SUSPENDED';
          break;
        case 'reset':
          if (vm.power_state !== 'POWERED_ON') notAllowed();
          break;
      }
      return { status: ctx.style === 'rest' ? 200 : 204 };
    };
  for (const action of ['start', 'stop', 'suspend', 'reset']) {
    router.add('POST', `/api/vcenter/vm/{vm}/power?action=${action}`, power(action));
    router.add('POST', `/rest/vcenter/vm/{vm}/power/${action}`, power(action));
  }

  // ---- clone ----
  const cloneSpec = (ctx: RouteContext) => {
    const spec = unwrapBody(ctx, 'spec');
    if (typeof spec.name !== 'string' || spec.name === '')
      fail(ctx, 'INVALID_ARGUMENT', 'name is required', 'vapi.bindings.typeconverter.missing_field', ['name']);
    if (typeof spec.source !== 'string')
      fail(ctx, 'INVALID_ARGUMENT', 'source is required', 'vapi.bindings.typeconverter.missing_field', ['source']);
    const source =
      inv.vms.get(spec.source) ??
      fail(ctx, 'NOT_FOUND', `Virtual machine with identifier '${spec.source}' does not exist.`, 'com.vmware.api.vcenter.vm.not_found', [
        spec.source,
      ]);
    return { source, name: spec.name as string, powerOn: spec.power_on === true };
  };
  const makeClone = (c: ReturnType<typeof cloneSpec>, id?: string) =>
    inv.addVm({
      ...(id ? { vm: id } : {}),
      name: c.name,
      cpu_count: c.source.cpu_count,
      memory_size_MiB: c.source.memory_size_MiB,
      guest_OS: c.source.guest_OS,
      power_state: c.powerOn ? 'POWERED_ON' : 'POWERED_OFF',
    });
  router.add('POST', '/api/vcenter/vm?action=clone', (ctx) => ({ body: JSON.stringify(makeClone(cloneSpec(ctx)).vm) }));
  const cloneTask = (ctx: RouteContext): Reply => {
    const c = cloneSpec(ctx);
    const newId = `vm-${randomUUID().slice(0, 8)}`;
    const t = tasks.template;
    const script = t.script?.length
      ? t.script
      : [
          { status: 'PENDING' as const },
          {
            status: 'RUNNING' as const,
            progress: { total: 100, completed: 50, message: message('Cloning virtual machine', 'com.vmware.vcenter.vm.clone.progress') },
          },
          {
            status: 'SUCCEEDED' as const,
            progress: { total: 100, completed: 100, message: message('Clone complete', 'com.vmware.vcenter.vm.clone.progress') },
            result: newId,
          },
        ];
    const id = tasks.create({
      service: 'com.vmware.vcenter.vm',
      operation: 'clone',
      description: message('Clone virtual machine', 'com.vmware.vcenter.vm.clone'),
      target: { type: 'VirtualMachine', id: c.source.vm },
      ...t,
      script,
      onSucceeded: (info) => {
        makeClone(c, typeof info.result === 'string' ? info.result : newId);
        t.onSucceeded?.(info);
      },
    });
    return ctx.style === 'rest' ? { status: 200, body: { value: id } } : { status: 202, body: JSON.stringify(id) };
  };
  router.add('POST', '/api/vcenter/vm?action=clone&vmw-task=true', cloneTask);
  router.add('POST', '/rest/vcenter/vm?action=clone&vmw-task=true', cloneTask);
  router.add('POST', '/rest/vcenter/vm?~action=clone&vmw-task=true', cloneTask);
}
