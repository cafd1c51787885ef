/**
 * The groups a release's result checks ship in: an operation's group is the first two segments
 * of its name, `rest.` aside (`vcenter.vm.get`, `rest.vcenter.vm.power.start` → `vcenter.vm`).
 * A client's first answer then loads the checks of one resource, not the release's whole set.
 * The pattern is emitted into the release's index, which applies it at run time.
 */
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';

export const RESULT_GROUP = '^(?:rest\\.)?([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)?)';
const pattern = new RegExp(RESULT_GROUP);

/** Group → the result schemas of its operations, groups in code-unit order. */
export function resultGroups(operations: readonly OperationSpec[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const op of operations) {
    const group = pattern.exec(op.name)?.[1];
    if (!op.result || group === undefined) continue;
    let members = groups.get(group);
    if (!members) groups.set(group, (members = []));
    members.push(op.result);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
