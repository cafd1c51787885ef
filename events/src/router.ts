/**
 * Which handlers a delivery reaches. A key matches when it is the event id, its class or one
 * of the class's ancestors (`VmEvent` receives `VmPoweredOnEvent`; `EventEx` every EventEx),
 * or a `prefix*` pattern the id starts with (case-sensitive: vCenter spells both
 * `com.vmware.vc.HA.` and `com.vmware.vc.ha.`). Handlers run one after the other, in the order
 * they were registered.
 */
export type AnyHandler = (delivery: never) => unknown;

export class Routes {
  private readonly entries: { key: string | undefined; handler: AnyHandler }[] = [];

  add(key: string | undefined, handler: AnyHandler): () => void {
    if (
      key !== undefined &&
      (typeof key !== 'string' || !key || (key.includes('*') && !key.endsWith('*')) || key.indexOf('*') !== key.lastIndexOf('*'))
    ) {
      throw new TypeError(`on(${JSON.stringify(key)}): expected an event id, a class name or a 'prefix*' pattern`);
    }
    if (typeof handler !== 'function') throw new TypeError(`on(${JSON.stringify(key)}): the handler is not a function`);
    const entry = { key, handler };
    this.entries.push(entry);
    return () => {
      const i = this.entries.indexOf(entry);
      if (i >= 0) this.entries.splice(i, 1);
    };
  }

  /** The handlers for an event id of class `cls` with `ancestors`, in registration order. */
  match(id: string, cls: string, ancestors: readonly string[]): AnyHandler[] {
    return this.entries
      .filter(
        ({ key }) =>
          key === undefined ||
          key === id ||
          key === cls ||
          ancestors.includes(key) ||
          (key.endsWith('*') && id.startsWith(key.slice(0, -1))),
      )
      .map((e) => e.handler);
  }
}
