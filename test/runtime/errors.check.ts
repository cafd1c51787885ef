/**
 * Type-level checks of the error tree: `kind` is a union the compiler enforces. Checked by
 * `npm test`'s tsc, never run (the behaviour is in errors-tree.unit.test.ts).
 */
import { expectTypeOf } from 'vitest';
import { InternalServerError, NotFound, UsageError, type ErrorKind, type UsageErrorKind } from '@vcenter-sdk/runtime';

export const known: ErrorKind = 'NOT_FOUND';
export const usage: UsageErrorKind = 'MISSING_BODY';
// @ts-expect-error: a kind the runtime does not produce
export const made: ErrorKind = 'MADE_UP_KIND';

export function kinds(): void {
  // @ts-expect-error: a UsageError cannot carry a server kind
  new UsageError('x', { kind: 'NOT_FOUND' });
  // @ts-expect-error: an InternalServerError takes only its own two kinds
  new InternalServerError('x', { kind: 'NOT_FOUND' });
  // A class with one kind fixes it: whatever is passed, its kind is that literal, and no other.
  expectTypeOf(new NotFound('x', { kind: 'TLS' }).kind).toEqualTypeOf<'NOT_FOUND'>();
  expectTypeOf(new InternalServerError('x').kind).toEqualTypeOf<'INTERNAL_SERVER_ERROR' | 'ERROR'>();
  // A server error class is a VsphereError whose every member a user reads is there.
  expectTypeOf(new NotFound('x').toJSON).toEqualTypeOf<() => Record<string, unknown>>();
  expectTypeOf<NotFound['status']>().toEqualTypeOf<number>();
}
