/** Which operations of a release the mock models; the others fall back to the spec's examples (fallback.ts). */
import { HANDLERS } from './handlers/index.js';
import { modelName, type OperationSpec } from './routes.js';

/** Answered before routing (release detection, sessions): modelled on every release that has them. */
const SYSTEM = new Set([
  'vcenter.system.hello',
  'appliance.system.version.get',
  'session.create',
  'session.delete',
  'session.get',
  'cis.session.create',
  'cis.session.delete',
  'cis.session.get',
]);

export function isModelled(op: Pick<OperationSpec, 'name'>): boolean {
  const name = modelName(op.name);
  return name in HANDLERS || SYSTEM.has(name);
}
