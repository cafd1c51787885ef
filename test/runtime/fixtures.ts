/**
 * A hand-written tiny release descriptor (two releases of it, plus a /rest-only one) for the
 * runtime tests: api-style session, vm list/get, power start, an ovf deploy (fixed query),
 * /rest vm list, a /rest tagging create and get (`id:{tag_id}`).
 */
import { schemaKit, type OperationSpec, type ReleaseDescriptor } from '@vcenter-sdk/runtime';

type PowerState = 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED';
export interface VmSummary {
  vm: string;
  name: string;
  power_state: PowerState;
  memory_size_MiB?: number;
}
export interface VmInfo {
  name: string;
  power_state: PowerState;
}

type Json<T> = { content: { 'application/json': T } };

/** openapi-typescript style operation objects (client view: /rest results unwrapped). */
export interface Ops {
  'session.create': { parameters: { query?: never; path?: never }; responses: { 201: Json<string> } };
  'vcenter.vm.list': {
    parameters: { query?: { names?: string[]; power_states?: PowerState[] }; path?: never };
    responses: { 200: Json<VmSummary[]> };
  };
  'vcenter.vm.get': { parameters: { path: { vm: string } }; responses: { 200: Json<VmInfo> } };
  'vcenter.vm.power.start': { parameters: { path: { vm: string } }; responses: { 204: { content?: never } } };
  'vcenter.ovf.library_item.deploy': {
    parameters: { path: { ovf_library_item_id: string }; query?: { client_token?: string } };
    requestBody: Json<{ target: { resource_pool_id: string }; deployment_spec: { name: string } }>;
    responses: { 200: Json<{ succeeded: boolean; resource_id?: { id: string } }> };
  };
  'rest.vcenter.vm.list': { parameters: { query?: { 'filter.names'?: string[] } }; responses: { 200: Json<VmSummary[]> } };
  'rest.com.vmware.cis.tagging.tag.create': {
    // biome-ignore lint/complexity/noBannedTypes: an operation with no parameters, as openapi-typescript writes it.
    parameters: {};
    requestBody: Json<{ create_spec: { name: string; category_id: string; description: string } }>;
    responses: { 200: Json<string> };
  };
  'rest.com.vmware.cis.tagging.tag.get': {
    parameters: { path: { tag_id: string } };
    responses: { 200: Json<{ id: string; name: string }> };
  };
}

export interface Paths {
  '/api/vcenter/vm': { get: Ops['vcenter.vm.list'] };
  '/api/vcenter/vm/{vm}': { get: Ops['vcenter.vm.get'] };
  '/api/vcenter/vm/{vm}/power?action=start': { post: Ops['vcenter.vm.power.start'] };
  '/api/vcenter/ovf/library-item/{ovf_library_item_id}?action=deploy': { post: Ops['vcenter.ovf.library_item.deploy'] };
  '/rest/vcenter/vm': { get: Ops['rest.vcenter.vm.list'] };
  '/rest/com/vmware/cis/tagging/tag/id:{tag_id}': { get: Ops['rest.com.vmware.cis.tagging.tag.get'] };
}

/** An operation row as codegen writes it; `queryParams`: the query parameters it declares (those of `Ops`). */
function op(o: Partial<OperationSpec> & Pick<OperationSpec, 'name' | 'method' | 'path'> & { queryParams?: string[] }): OperationSpec {
  const { queryParams = [], ...row } = o;
  const [pathname, qs] = o.path.split('?');
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(qs ?? '')) query[k] = v;
  const params = [
    ...[...pathname!.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1]!, in: 'path' as const, required: true })),
    ...queryParams.map((name) => ({ name, in: 'query' as const, required: false })),
  ];
  return {
    pathname: pathname!,
    query,
    style: o.path.startsWith('/rest/') ? 'rest' : 'api',
    async: false,
    idempotent: ['GET', 'HEAD', 'PUT', 'DELETE'].includes(o.method),
    parameters: params,
    success: [200],
    errors: {},
    service: 'vcenter',
    ...row,
  };
}

const OPERATIONS: OperationSpec[] = [
  op({ name: 'session.create', method: 'POST', path: '/api/session', result: 'SessionId', success: [201] }),
  op({ name: 'vcenter.vm.list', method: 'GET', path: '/api/vcenter/vm', result: 'VmSummaryList', queryParams: ['names', 'power_states'] }),
  op({ name: 'vcenter.vm.get', method: 'GET', path: '/api/vcenter/vm/{vm}', result: 'VmInfo' }),
  op({ name: 'vcenter.vm.power.start', method: 'POST', path: '/api/vcenter/vm/{vm}/power?action=start', success: [204] }),
  op({
    name: 'vcenter.ovf.library_item.deploy',
    method: 'POST',
    path: '/api/vcenter/ovf/library-item/{ovf_library_item_id}?action=deploy',
    body: 'DeploySpec',
    bodyRequired: true,
    result: 'DeployResult',
    queryParams: ['client_token'],
  }),
  op({ name: 'rest.vcenter.vm.list', method: 'GET', path: '/rest/vcenter/vm', result: 'VmSummaryList', queryParams: ['filter.names'] }),
  op({
    name: 'rest.com.vmware.cis.tagging.tag.create',
    method: 'POST',
    path: '/rest/com/vmware/cis/tagging/tag',
    body: 'TagCreate',
    result: 'TagId',
  }),
  op({
    name: 'rest.com.vmware.cis.tagging.tag.get',
    method: 'GET',
    path: '/rest/com/vmware/cis/tagging/tag/id:{tag_id}',
    result: 'TagModel',
  }),
];

function schemas(powerStates: readonly string[]) {
  const k = schemaKit();
  const power = () => k.enumOf(powerStates);
  return {
    SessionId: k.lazy('SessionId', () => k.string()),
    VmSummary: k.lazy('VmSummary', () =>
      k.object({ vm: k.string(), name: k.string(), power_state: power(), memory_size_MiB: k.int64() }, ['vm', 'name', 'power_state']),
    ),
    VmSummaryList: k.lazy('VmSummaryList', () => k.array(k.ref('VmSummary'))),
    VmInfo: k.lazy('VmInfo', () => k.object({ name: k.string(), power_state: power() }, ['name', 'power_state'])),
    DeployResult: k.lazy('DeployResult', () =>
      k.object({ succeeded: k.boolean(), resource_id: k.object({ id: k.string() }, ['id']) }, ['succeeded']),
    ),
    TagId: k.lazy('TagId', () => k.string()),
    TagModel: k.lazy('TagModel', () => k.object({ id: k.string(), name: k.string() }, ['id', 'name'])),
  };
}

export type Descriptor<R extends string> = ReleaseDescriptor<Ops, Paths> & { readonly release: R };

/** 8.0.2: power states without SUSPENDED (so a SUSPENDED vm is a decode issue in 8.0.2 only). */
export const r802: Descriptor<'8.0.2'> = {
  release: '8.0.2',
  operations: OPERATIONS,
  schemas: schemas(['POWERED_ON', 'POWERED_OFF']),
};

export const r803: Descriptor<'8.0.3'> = {
  release: '8.0.3',
  operations: OPERATIONS,
  schemas: schemas(['POWERED_ON', 'POWERED_OFF', 'SUSPENDED']),
};

/** A release without `/api/session`: logs in through `/rest/com/vmware/cis/session`. */
export const r670: Descriptor<'6.7.0'> = {
  release: '6.7.0',
  operations: OPERATIONS.filter((o) => o.style === 'rest'),
  schemas: schemas(['POWERED_ON', 'POWERED_OFF', 'SUSPENDED']),
};

export { PASSWORD, USER } from '../support/settings.js';
