/**
 * The conformance walk of the vAPI metamodel the mock builds from a release's spec: every
 * `vapi.metadata.metamodel` operation, in each style the release has, and an unknown id.
 */
import type { AnyDescriptor } from '@vcenter-sdk/runtime';
import type { LooseClient } from './helpers.js';
import { walks, type Walk } from './scenario-model.js';

const M = 'vapi.metadata.metamodel';

export async function runMetamodelScenario(c: LooseClient, d: AnyDescriptor): Promise<void> {
  for (const w of walks(c, d)) {
    const name = (base: string) => (w.style === 'api' ? base : `rest.${base}`);
    /** Ids where the operation takes them: path, query, and 6.7.0's body that repeats them. */
    const args = (base: string, ids: Record<string, string>) => {
      const op = d.operations.find((o) => o.name === name(base));
      const inPath = new Set(op?.parameters.filter((p) => p.in === 'path').map((p) => p.name));
      const path = Object.fromEntries(Object.entries(ids).filter(([k]) => inPath.has(k)));
      const query = Object.fromEntries(Object.entries(ids).filter(([k]) => !inPath.has(k)));
      return { path, ...(Object.keys(query).length ? { query } : {}), ...(w.takesBody(base) ? { body: ids } : {}) };
    };
    const first = async (base: string): Promise<string> => ((await w.call(base)) as string[])[0]!;
    await walk(w, args, first);
  }
}

async function walk(
  w: Walk,
  args: (base: string, ids: Record<string, string>) => Record<string, unknown>,
  first: (base: string) => Promise<string>,
): Promise<void> {
  // 7.0.0 and 7.0.1 have /api operations, but their metamodel is on /rest only.
  if (!w.has(`${M}.component.list`)) return;
  const component_id = await first(`${M}.component.list`);
  await w.call(`${M}.component.get`, args(`${M}.component.get`, { component_id }));
  await w.call(`${M}.component.fingerprint`, args(`${M}.component.fingerprint`, { component_id }));
  await w.fails('NOT_FOUND', `${M}.component.get`, args(`${M}.component.get`, { component_id: 'com.vmware.missing' }));
  const package_id = await first(`${M}.package.list`);
  await w.call(`${M}.package.get`, args(`${M}.package.get`, { package_id }));
  const service_id = await first(`${M}.service.list`);
  await w.call(`${M}.service.get`, args(`${M}.service.get`, { service_id }));
  const ops = (await w.call(`${M}.service.operation.list`, args(`${M}.service.operation.list`, { service_id }))) as string[];
  await w.call(`${M}.service.operation.get`, args(`${M}.service.operation.get`, { service_id, operation_id: ops[0]! }));
  const structure_id = await first(`${M}.structure.list`);
  await w.call(`${M}.structure.get`, args(`${M}.structure.get`, { structure_id }));
  const enumeration_id = await first(`${M}.enumeration.list`);
  await w.call(`${M}.enumeration.get`, args(`${M}.enumeration.get`, { enumeration_id }));
  const resource_id = await first(`${M}.resource.list`);
  await w.call(`${M}.resource.model.list`, args(`${M}.resource.model.list`, { resource_id }));
}
