/**
 * A client over several releases: each operation is sent with, and decoded by, the newest
 * given release that has it and is not newer than the server. With `[v703, v802]` against
 * an 8.0.3 server, `vcenter.vm.list` (which 8.0.2's specs lack) goes through 7.0.3 and the
 * `esx` and `appliance` operations through 8.0.2.
 */
import type { OperationSpec } from './descriptor.js';
import type { UsageError } from './errors.js';
import type { CallContext } from './operation.js';
import { findOperation, operationByPath, operationIndex, unknownOperation } from './operation-index.js';
import { compareReleases, sortNewestFirst } from './release.js';
import type { AnyDescriptor } from './types.js';

export class ReleaseSet {
  /** The releases that may serve a call, newest first: the given ones not newer than the server. */
  readonly serving: readonly AnyDescriptor[];
  private readonly byName = new Map<string, AnyDescriptor | null>();

  constructor(releases: readonly AnyDescriptor[], server?: string) {
    const newestFirst = sortNewestFirst(releases);
    this.serving =
      server === undefined ? newestFirst : newestFirst.filter((r) => r.release === server || compareReleases(r.release, server) <= 0);
  }

  /** The release that serves operation `name`, or undefined when none of them has it. */
  forName(name: string): AnyDescriptor | undefined {
    let d = this.byName.get(name);
    if (d === undefined) {
      d = this.serving.find((r) => operationIndex(r).has(name)) ?? null;
      this.byName.set(name, d);
    }
    return d ?? undefined;
  }

  /** The release that serves `METHOD path-key` (the path API), or undefined. */
  forPath(method: string, pathKey: string): { descriptor: AnyDescriptor; op: OperationSpec } | undefined {
    for (const descriptor of this.serving) {
      const op = operationByPath(descriptor, method, pathKey);
      if (op) return { descriptor, op };
    }
    return undefined;
  }

  unknownOperation(name: string): UsageError {
    return unknownOperation(name, this.serving);
  }
}

const contexts = new WeakMap<CallContext, Map<AnyDescriptor, CallContext>>();

/** `ctx` speaking `descriptor` instead of its own release (one object per pair, made once). */
export function contextFor(ctx: CallContext, descriptor: AnyDescriptor): CallContext {
  if (descriptor === ctx.descriptor) return ctx;
  let m = contexts.get(ctx);
  if (!m) contexts.set(ctx, (m = new Map()));
  let c = m.get(descriptor);
  if (!c) m.set(descriptor, (c = { ...ctx, descriptor }));
  return c;
}

/** The context and operation a call by name goes through; a name no release has is a `UsageError` naming the releases searched. */
export function resolveOperation(ctx: CallContext, name: string): { ctx: CallContext; op: OperationSpec } {
  // The client's own release is the newest that serves; a context made for an older release
  // keeps its calls (a task's polls) in that release.
  if (!ctx.releases) return { ctx, op: findOperation(ctx.descriptor, name) };
  const own = operationIndex(ctx.descriptor).get(name);
  if (own) return { ctx, op: own };
  const serving = ctx.releases.forName(name);
  if (!serving) throw ctx.releases.unknownOperation(name);
  return { ctx: contextFor(ctx, serving), op: operationIndex(serving).get(name)! };
}
