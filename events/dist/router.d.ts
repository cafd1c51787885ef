/**
 * Which handlers a delivery reaches. A key matches when it is the event id, its class or one
 * of the class's ancestors (`VmEvent` receives `VmPoweredOnEvent`; `EventEx` every EventEx),
 * or a `prefix*` pattern the id starts with (case-sensitive: vCenter spells both
 * `com.vmware.vc.HA.` and `com.vmware.vc.ha.`). Handlers run one after the other, in the order
 * they were registered.
 */
export type AnyHandler = (delivery: never) => unknown;
export declare class Routes {
    private readonly entries;
    add(key: string | undefined, handler: AnyHandler): () => void;
    /** The handlers for an event id of class `cls` with `ancestors`, in registration order. */
    match(id: string, cls: string, ancestors: readonly string[]): AnyHandler[];
}
