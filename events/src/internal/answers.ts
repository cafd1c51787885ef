/**
 * The HTTP answers the receiver gives, one builder per outcome (the table in README.md's
 * "Answers"), and the guard every hook runs under: a hook that throws never changes an answer.
 */
import type { DecodeIssue } from '@vcenter-sdk/runtime';
import type { Delivery, EventIssue, HttpAnswer, ReceiverHooks } from '../receiver.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export const answer = (status: number, body: object): HttpAnswer => ({ status, headers: JSON_TYPE, body: JSON.stringify(body) });

/** Runs a hook; a hook that throws never breaks a delivery or an answer. */
export function safely(fn: (() => void) | undefined): void {
  try {
    fn?.();
  } catch {
    // a hook that throws never breaks a delivery
  }
}

/** How many deviations a strict refusal lists (`issues` still counts them all). */
const LISTED_DEVIATIONS = 20;

/** 400: not a CloudEvent VEBA sends (`text` says why). */
export function rejected(hooks: ReceiverHooks, text: string): HttpAnswer {
  safely(() => hooks.onRejected?.({ status: 400, message: text }));
  return answer(400, { error: text });
}

/** What a refused event names: its ids, its class, everything reported about it, and the deviations that refused it. */
export interface Refusal {
  eventId: string;
  cloudEventId: string;
  cls: string;
  reported: readonly EventIssue[];
  deviations: readonly DecodeIssue[];
}

const shown = (issues: readonly DecodeIssue[]) =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');

/** 400 under `decode: 'strict'`: the event does not match its class; no handler ran. */
export function refused(hooks: ReceiverHooks, r: Refusal): HttpAnswer {
  const text =
    `the event ${r.eventId} (CloudEvent ${r.cloudEventId}) does not match its class ${r.cls}: ${shown(r.deviations)}. ` +
    `No handler ran (decode: 'strict'; 'report' delivers it and passes each deviation to hooks.onDecodeIssue)`;
  safely(() => hooks.onRejected?.({ status: 400, message: text }));
  const all = [...r.reported, ...r.deviations];
  return answer(400, {
    error: text,
    id: r.cloudEventId,
    event: r.eventId,
    class: r.cls,
    issues: all.length,
    deviations: all.slice(0, LISTED_DEVIATIONS).map(({ path, code, message, expected, received }) => ({
      path,
      code,
      message,
      ...(expected === undefined ? {} : { expected }),
      ...(received === undefined ? {} : { received }),
    })),
  });
}

/** 500: a handler threw; the error goes to `hooks.onError`, never into the answer. */
export function failed(hooks: ReceiverHooks, error: unknown, delivery: Delivery): HttpAnswer {
  safely(() => hooks.onError?.(error, delivery));
  return answer(500, { error: `a handler of ${delivery.eventId} failed (the error went to hooks.onError)`, id: delivery.cloudEvent.id });
}

/** 200: delivered (whether or not a handler matched). */
export function delivered(delivery: Delivery, handlers: number): HttpAnswer {
  return answer(200, {
    id: delivery.cloudEvent.id,
    event: delivery.eventId,
    class: delivery.eventClass,
    handlers,
    issues: delivery.issues.length,
  });
}
