/**
 * Type-level plumbing of a client over several releases: release ids compared as dotted
 * versions, and the merged descriptor whose operations (and paths) are each typed by the
 * newest release that has them, as release-set.ts serves them at run time.
 */
import type { ReleaseDescriptor } from './descriptor.js';
import type { AnyDescriptor, OpsOf, PathsOf } from './types.js';

type Parts<S extends string> = S extends `${infer H}.${infer T}` ? [H, ...Parts<T>] : [S];
type Chars<S extends string> = S extends `${infer C}${infer R}` ? [C, ...Chars<R>] : [];
type Digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** Whether digit A comes after digit B: whichever of them the walk up from 0 meets first is the smaller. */
type DigitGt<A extends string, B extends string, D extends string[] = Digits> = D extends [infer H, ...infer R extends string[]]
  ? H extends A
    ? false
    : H extends B
      ? true
      : DigitGt<A, B, R>
  : false;
type LongerThan<X extends unknown[], Y extends unknown[]> = X extends [unknown, ...infer XR]
  ? Y extends [unknown, ...infer YR]
    ? LongerThan<XR, YR>
    : true
  : false;
type LexGt<A extends string, B extends string> = A extends `${infer a}${infer ar}`
  ? B extends `${infer b}${infer br}`
    ? a extends b
      ? LexGt<ar, br>
      : DigitGt<a, b>
    : true
  : false;
type NumGt<A extends string, B extends string> = Chars<A>['length'] extends Chars<B>['length']
  ? LexGt<A, B>
  : LongerThan<Chars<A>, Chars<B>>;
type PartsGt<A extends string[], B extends string[]> = A extends [infer a extends string, ...infer ar extends string[]]
  ? B extends [infer b extends string, ...infer br extends string[]]
    ? a extends b
      ? PartsGt<ar, br>
      : NumGt<a, b>
    : a extends '0'
      ? PartsGt<ar, []>
      : true
  : false;
type Version<S extends string> = S extends `${infer V}-${string}` ? V : S;

/** Whether release id A is newer than B (`'8.0.2'` vs `'7.0.3'`); false when either is not a literal. */
export type ReleaseNewer<A extends string, B extends string> = string extends A
  ? false
  : string extends B
    ? false
    : PartsGt<Parts<Version<A>>, Parts<Version<B>>>;

/** The members of a union of descriptors that no other member is newer than. */
type Newest<U extends AnyDescriptor, All extends AnyDescriptor = U> = U extends unknown
  ? true extends (All extends unknown ? ReleaseNewer<All['release'], U['release']> : never)
    ? never
    : U
  : never;
type IsUnion<U, All = U> = U extends unknown ? ([All] extends [U] ? false : true) : never;

/** The releases of U not newer than release R. */
export type NotNewerThan<U extends AnyDescriptor, R extends string> = U extends unknown
  ? ReleaseNewer<U['release'], R> extends true
    ? never
    : U
  : never;

/**
 * The operation maps (or the path maps) of U as one, newest first: the newest release's own map,
 * then what the older ones add beside it (`Omit` of the names it has). Folded release by release,
 * so that tsc compares releases once per release, not once per name: a map with a conditional
 * per name made every path API call over several releases resolve the newest of them 2,000 times.
 */
type Fold<U extends AnyDescriptor, Of extends 'ops' | 'paths', N extends AnyDescriptor = Newest<U>> = [U] extends [never]
  ? // biome-ignore lint/complexity/noBannedTypes: the empty map, intersected with the newer ones.
    {}
  : MapOf<N, Of> & Omit<Fold<Exclude<U, N>, Of>, keyof MapOf<N, Of>>;
type MapOf<D, Of extends 'ops' | 'paths'> = Of extends 'ops' ? OpsOf<D> : PathsOf<D>;

/**
 * Several descriptors as one: every operation of any of them, typed by the newest that has it.
 * One descriptor is itself.
 */
export type MergedDescriptor<U extends AnyDescriptor> =
  true extends IsUnion<U> ? ReleaseDescriptor<Fold<U, 'ops'>, Fold<U, 'paths'>, Newest<U>['release']> : U;
