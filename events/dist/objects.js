/**
 * The managed objects an event names, as the ids the REST operations take: `vm-42` for
 * `client.call('vcenter.vm.get', { path: { vm } })`, `host-10`, `domain-c8`, `datastore-11`...
 * (the vim25 managed object reference's `Value` is the REST API's identifier).
 */
/** Event field → [helper name, field of its managed object reference]. */
const ARGUMENTS = [
    ['Vm', 'vm', 'Vm'],
    ['Host', 'host', 'Host'],
    ['Datacenter', 'datacenter', 'Datacenter'],
    ['ComputeResource', 'computeResource', 'ComputeResource'],
    ['Ds', 'datastore', 'Datastore'],
    ['Net', 'network', 'Network'],
    ['Dvs', 'dvs', 'Dvs'],
];
function refOf(arg, field) {
    if (!arg || typeof arg !== 'object')
        return undefined;
    const a = arg;
    const mo = a[field];
    if (!mo || typeof mo.Value !== 'string' || !mo.Value)
        return undefined;
    return { id: mo.Value, type: typeof mo.Type === 'string' ? mo.Type : '', name: typeof a.Name === 'string' ? a.Name : '' };
}
/** The objects of a vCenter event body (any class): only those it names. */
export function objectsOf(data) {
    const out = {};
    if (!data || typeof data !== 'object')
        return out;
    const d = data;
    for (const [field, key, moField] of ARGUMENTS) {
        const ref = refOf(d[field], moField);
        if (ref)
            out[key] = ref;
    }
    if (out.computeResource?.type === 'ClusterComputeResource')
        out.cluster = out.computeResource;
    return out;
}
/** The task a `TaskEvent` (or any body with `Info.Task`) is about: `task-101`. */
export function taskIdOf(data) {
    const task = data?.Info?.Task;
    return task && typeof task.Value === 'string' && task.Value ? task.Value : undefined;
}
