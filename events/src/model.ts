/**
 * What the receiver needs of an event model (`@vcenter-sdk/events-data` default-exports one),
 * and the types it derives from it. Structural, so this package never imports generated code.
 */
import type { Check, LazySchema } from '@vcenter-sdk/runtime';

export interface CatalogEntryLike {
  id: string;
  kind: 'Standard' | 'EventEx' | 'ExtendedEvent';
  class: string;
  description: string;
}

export interface CatalogLike {
  name: string;
  version: string;
  entries: readonly CatalogEntryLike[];
}

export interface EventModel {
  readonly model: string;
  /** Event class → its ancestors, nearest first. */
  readonly ancestors: Readonly<Record<string, readonly string[]>>;
  readonly schemas: Readonly<Record<string, LazySchema<unknown>>>;
  /** The ahead-of-time check of each struct, by name: read before `schemas`, which valid bodies never need. */
  readonly checks?: Readonly<Record<string, Check>>;
  /** Dotted id → the classes the catalogs give it. */
  readonly dotted: Readonly<Record<string, readonly string[]>>;
  readonly releases: readonly { name: string; version: string }[];
  catalog(release: string): Promise<CatalogLike | undefined>;
  readonly __types?: { classes: object; dotted: object };
}

/** The model's event classes: `{ VmPoweredOnEvent: VmPoweredOnEvent, ... }`. */
export type ClassesOf<M> = M extends { readonly __types?: { classes: infer C } } ? C : Record<string, BaseEventShape>;
/** The model's dotted ids: `{ 'com.vmware.vc.ha.VmRestartedByHAEvent': ExtendedEventOf<...>, ... }`. */
export type DottedOf<M> = M extends { readonly __types?: { dotted: infer D } } ? D : Record<string, BaseEventShape>;

/** The fields every event has (the vim25 `Event` class), for models without types. */
export interface BaseEventShape {
  Key: number;
  ChainId: number;
  CreatedTime: string;
  UserName: string;
  FullFormattedMessage: string;
}

export type KnownId<M> = (keyof ClassesOf<M> | keyof DottedOf<M>) & string;
/** The base class: what an event not in the catalog is typed as. */
export type BaseOf<M> = ClassesOf<M> extends { Event: infer E } ? E : BaseEventShape;

/**
 * The body type a handler registered under an id or class name receives (subclasses of a class
 * arrive too, and are one). A dotted id's body is the generic class its catalog names, or the
 * other one: vCenter sends some ids as the other (HA and appliance events listed as
 * `ExtendedEvent` arrive as `EventEx`), and the receiver delivers what arrives. Narrow with
 * `'ManagedObject' in e.data` or `e.eventClass`.
 */
export type DataOf<M, K extends string> = K extends keyof ClassesOf<M>
  ? ClassesOf<M>[K]
  : K extends keyof DottedOf<M>
    ? DottedOf<M>[K] | (OtherGenericOf<M, DottedOf<M>[K]> & { EventTypeId: K })
    : BaseOf<M>;

/** `EventEx` for a body typed `ExtendedEvent`, and the reverse. */
type OtherGenericOf<M, D> = ClassesOf<M> extends { EventEx: infer A; ExtendedEvent: infer B } ? (D extends B ? A : B) : never;

type DottedBaseOf<M> = ClassesOf<M> extends { EventEx: infer A; ExtendedEvent: infer B } ? A | B : BaseEventShape & { EventTypeId: string };

/**
 * The body type of a `prefix*` handler: for a dotted prefix, an `EventEx` or `ExtendedEvent`
 * whose `EventTypeId` starts with it; else the base class. (Not the union of the matching
 * ids: over two thousand ids, that costs tsc minutes.)
 */
export type PrefixDataOf<M, P extends string> = P extends `${string}.${string}`
  ? DottedBaseOf<M> & { EventTypeId: `${P}${string}` }
  : BaseOf<M>;
