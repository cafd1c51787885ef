/**
 * The managed objects an event names, as the ids the REST operations take: `vm-42` for
 * `client.call('vcenter.vm.get', { path: { vm } })`, `host-10`, `domain-c8`, `datastore-11`...
 * (the vim25 managed object reference's `Value` is the REST API's identifier).
 */
export interface ObjectRef {
    /** The id the REST API takes: `vm-42`. */
    id: string;
    /** The vim25 type: `VirtualMachine`, `HostSystem`, `ClusterComputeResource`... */
    type: string;
    /** The object's name when the event was created. */
    name: string;
}
export interface EventObjects {
    vm?: ObjectRef;
    host?: ObjectRef;
    datacenter?: ObjectRef;
    /** The cluster or standalone compute resource of the event. */
    computeResource?: ObjectRef;
    /** The same as `computeResource` when it is a cluster (`domain-c8`). */
    cluster?: ObjectRef;
    datastore?: ObjectRef;
    network?: ObjectRef;
    dvs?: ObjectRef;
}
/** The objects of a vCenter event body (any class): only those it names. */
export declare function objectsOf(data: unknown): EventObjects;
/** The task a `TaskEvent` (or any body with `Info.Task`) is about: `task-101`. */
export declare function taskIdOf(data: unknown): string | undefined;
