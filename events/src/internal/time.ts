/**
 * A CloudEvent's `time` as its sender wrote it. The `cloudevents` SDK fills a missing time
 * with the receiver's clock and rounds the sender's to milliseconds; VEBA sends Go's RFC 3339
 * with nanoseconds, and its test scripts send none. So the attribute is read from the message
 * itself (the `ce-time` header, or the structured envelope's `time`) and kept as the string,
 * with a `Date` beside it when it is an RFC 3339 timestamp.
 */

import type { CloudEventAttributes } from '../veba.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The time attribute of a message: `raw` is the header's or the envelope's value, anything or nothing. */
export function sentTime(raw: unknown): Pick<CloudEventAttributes, 'time' | 'parsedTime'> {
  if (typeof raw !== 'string' || raw === '') return {};
  const ms = RFC3339.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(ms) ? { time: raw } : { time: raw, parsedTime: new Date(ms) };
}
