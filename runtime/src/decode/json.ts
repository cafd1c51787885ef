/**
 * `parseJson`: `JSON.parse`, except that integers beyond 2^53 can be kept exact.
 *
 * - `int64: 'number'` (default): plain `JSON.parse`; an integer beyond 2^53 becomes a
 *   rounded number, which an int64 schema then reports (`int64_precision`).
 * - `int64: 'bigint'`: when (and only when) the text holds a digit run long enough to
 *   exceed 2^53, the text is parsed losslessly (lossless-json) and every integer beyond
 *   2^53 becomes a `bigint`. Other numbers (safe integers, non-integers) are plain numbers.
 */
import { losslessJson } from '../internal/lossless.js';

export interface ParseJsonOptions {
  int64?: 'number' | 'bigint';
}

/** 2^53 has 16 digits: a shorter run of digits cannot exceed it. */
const LONG_DIGITS = /\d{16}/;

function parseNumber(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) || !losslessJson().isInteger(text) ? n : BigInt(text);
}

export function parseJson(text: string, options: ParseJsonOptions = {}): unknown {
  if (options.int64 !== 'bigint' || !LONG_DIGITS.test(text)) return JSON.parse(text);
  return losslessJson().parse(text, null, parseNumber);
}
