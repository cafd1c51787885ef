/**
 * Deterministic choice of the operations a contract run exercises, per release.
 *
 * For every service (the spec file an operation came from), with its operations sorted by
 * name:
 * 1. every Nth operation, N = ceil(count / PER_SERVICE), starting with the first;
 * 2. the first operation (by name) with each feature: a fixed `?action=`, a `/rest`
 *    `~action=`, the `vmw-task=true` variant, path params, optional query params, required
 *    query params, a request body, a required request body, a non-GET method;
 * 3. the named operations of NAMED, where the release has them.
 * The result is sorted by name; the same inputs always give the same sample.
 */
import type { OperationSpec } from '@vcenter-sdk/runtime';

export const PER_SERVICE = 12;

export const NAMED = [
  'vcenter.vm.list',
  'vcenter.vm.create',
  'vcenter.vm.clone',
  'vcenter.vm.clone$task',
  'vcenter.vm.get',
  'vcenter.vm.power.start',
  'rest.vcenter.vm.list',
  'rest.vcenter.vm.get',
  'rest.vcenter.vm.power.start',
  'appliance.system.version.get',
  'rest.appliance.system.version.get',
  'session.create',
  'session.get',
  'rest.cis.session.create',
  'rest.cis.session.get',
  'content.library.item.storage.get',
  'content.library.item.file.get',
  'rest.com.vmware.cis.tagging.tag.list',
  'cis.tagging.tag.list',
  'vcenter.authentication.token.issue',
];

type Feature = (op: OperationSpec) => boolean;
export const FEATURES: Record<string, Feature> = {
  apiAction: (op) => op.style === 'api' && 'action' in op.query,
  restAction: (op) => '~action' in op.query,
  async: (op) => op.async,
  pathParams: (op) => op.parameters.some((p) => p.in === 'path'),
  optionalQuery: (op) => op.parameters.some((p) => p.in === 'query' && !p.required),
  requiredQuery: (op) => op.parameters.some((p) => p.in === 'query' && p.required),
  body: (op) => op.body !== undefined,
  requiredBody: (op) => op.bodyRequired === true,
  notGet: (op) => op.method !== 'GET',
};

export function sampleOperations(operations: readonly OperationSpec[], perService = PER_SERVICE): OperationSpec[] {
  const byService = new Map<string, OperationSpec[]>();
  for (const op of operations) {
    const list = byService.get(op.service) ?? [];
    list.push(op);
    byService.set(op.service, list);
  }
  const chosen = new Map<string, OperationSpec>();
  for (const list of byService.values()) {
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const n = Math.max(1, Math.ceil(list.length / perService));
    for (let i = 0; i < list.length; i += n) chosen.set(list[i]!.name, list[i]!);
    for (const has of Object.values(FEATURES)) {
      const first = list.find(has);
      if (first) chosen.set(first.name, first);
    }
  }
  for (const name of NAMED) {
    const op = operations.find((o) => o.name === name);
    if (op) chosen.set(op.name, op);
  }
  return [...chosen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
