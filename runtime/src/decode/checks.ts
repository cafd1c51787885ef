/**
 * The helpers of the checks codegen emits beside each Zod schema (`decoders.ts`): plain
 * functions that answer what the schema's `safeParse(...).success` answers, with zod's own
 * rules (its `isObject`, `isPlainObject`, record keys, finite numbers), so `decode` can skip
 * building and running the Zod schema whenever the data is valid.
 */

/** A check: true exactly when the Zod schema it stands beside accepts `value`. */
export type Check = (value: unknown) => boolean;

/** Where a lazy schema carries its check. Registered, so that two copies of the runtime agree. */
export const CHECK = Symbol.for('vcenter-sdk:check');

/** The check a lazy schema (a kit entry) carries, if any. */
export function checkOf(schema: unknown): Check | undefined {
  return typeof schema === 'function' ? (schema as unknown as Record<symbol, Check | undefined>)[CHECK] : undefined;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** zod's `isPlainObject`, as records test it. */
function isPlainObject(o: unknown): o is Record<string, unknown> {
  if (!isObject(o)) return false;
  const ctor = o.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prot: unknown = ctor.prototype;
  return isObject(prot) && Object.hasOwn(prot, 'isPrototypeOf');
}

/** A record's keys must be strings: an enumerable symbol key fails it. */
function stringKeysOnly(o: object): boolean {
  const symbols = Object.getOwnPropertySymbols(o);
  for (const s of symbols) if (Object.prototype.propertyIsEnumerable.call(o, s)) return false;
  return true;
}

export const checkKit = {
  str: (x: unknown): boolean => typeof x === 'string',
  bool: (x: unknown): boolean => typeof x === 'boolean',
  num: (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x),
  int: (x: unknown): boolean => Number.isSafeInteger(x),
  i64: (x: unknown): boolean => (typeof x === 'number' ? Number.isSafeInteger(x) : typeof x === 'bigint'),
  any: (_x: unknown): boolean => true,
  obj: isObject,
  /** `z.record(z.string(), z.unknown())`. */
  plain: (x: unknown): boolean => isPlainObject(x) && stringKeysOnly(x),
  arr(x: unknown, item: Check): boolean {
    if (!Array.isArray(x)) return false;
    for (let i = 0; i < x.length; i++) if (!item(x[i])) return false;
    return true;
  },
  /** `z.record(z.string(), value)`: enumerable own keys, `__proto__` skipped. */
  rec(x: unknown, value: Check): boolean {
    if (!isPlainObject(x) || !stringKeysOnly(x)) return false;
    for (const key of Object.keys(x)) if (key !== '__proto__' && !value(x[key])) return false;
    return true;
  },
  /** `.catchall(value)`: every key `for...in` yields that the shape does not declare. */
  extra(x: Record<string, unknown>, declared: ReadonlySet<string>, value: Check): boolean {
    for (const key in x) if (!declared.has(key) && key !== '__proto__' && !value(x[key])) return false;
    return true;
  },
};
