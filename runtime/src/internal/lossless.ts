/// <reference types="node" />
// (the decode modules are type-checked by consumers' decoders without Node's types otherwise)
/**
 * lossless-json, loaded on first need: most processes never parse an int64 beyond 2^53 nor
 * send a bigint, and its module graph costs the import. Its CommonJS build keeps the calls
 * synchronous.
 */
import { createRequire } from 'node:module';

type LosslessJson = typeof import('lossless-json');

let lossless: LosslessJson | undefined;
export const losslessJson = (): LosslessJson => (lossless ??= createRequire(import.meta.url)('lossless-json') as LosslessJson);

/** Thrown out of the replacer: the value needs lossless-json. */
const NEEDS_LOSSLESS = Symbol('needs lossless-json');

/**
 * The JSON text of `value` as lossless-json's `stringify` writes it (a bigint, or a
 * LosslessNumber a caller built, as a plain JSON number): `JSON.stringify`, which writes
 * everything else the same, unless the value holds one of those.
 */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint' || (typeof v === 'object' && v !== null && (v as { isLosslessNumber?: unknown }).isLosslessNumber === true))
        throw NEEDS_LOSSLESS;
      return v;
    });
  } catch (e) {
    if (e !== NEEDS_LOSSLESS) throw e;
    return losslessJson().stringify(value);
  }
}

/** The same for data this runtime parsed (plain JSON values and bigints only): no replacer to run on every value. */
export function stringifyParsed(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof TypeError) || !/BigInt/i.test(e.message)) throw e;
    return losslessJson().stringify(value);
  }
}
