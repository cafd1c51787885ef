/**
 * The decode policy applied to one event's body: `report` passes each deviation from its
 * class on, `strict` returns the deviations that refuse it, `off` checks nothing.
 */
import { decode, DecodeError, type DecodeIssue, type DecodeMode, type LazySchema } from '@vcenter-sdk/runtime';
import type { EventModel } from '../model.js';

export interface CheckOptions {
  mode: DecodeMode;
  /** The event id, copied into each issue as its `operation`. */
  operation: string;
  release: string;
  onIssue: (issue: DecodeIssue) => void;
}

/** The deviations that refuse a body of class `cls` (`strict` only); `undefined` when it may be delivered. */
export function checkBody(model: EventModel, cls: string, data: unknown, o: CheckOptions): readonly DecodeIssue[] | undefined {
  if (o.mode === 'off') return undefined;
  // A body its check accepts has no deviation: the model's decoders are never made for it.
  if (model.checks?.[cls]?.(data) === true) return undefined;
  const schema: LazySchema<unknown> | undefined = model.schemas[cls];
  if (!schema) return undefined;
  try {
    decode(schema, data, { mode: o.mode, operation: o.operation, release: o.release, onIssue: o.onIssue });
    return undefined;
  } catch (e) {
    if (e instanceof DecodeError) return e.issues;
    // not a deviation of the body but a failure to check it: refused all the same, saying why
    return [{ operation: o.operation, release: o.release, path: '$', keys: [], code: 'invalid_value', message: (e as Error).message }];
  }
}
