/**
 * Drift: fields the server sent that the release's spec does not declare (7.0.1 and 7.0.2
 * servers send `nvme_adapters` on a VM, which their specs lack). Unknown fields never fail a
 * decode; on request (`reportUndeclared`) each one is reported, with its JSON path, so a server
 * running ahead of the SDK shows. Walks the release's Zod schema alongside the data.
 */
import type { z } from 'zod';
import { isDeclaredShape } from './kit.js';

export type Keys = (string | number)[];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const JITLESS = Object.freeze({ jitless: true });

/** Follows lazies, optionals and nullables to the schema that says what `data` is. */
function resolve(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 64; i++) {
    const d = defOf(s);
    if (d.type === 'lazy' && d.getter) s = d.getter();
    else if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'readonly') && d.innerType)
      s = d.innerType;
    else return s;
  }
  return s;
}

/** The object schemas `s` stands for (an intersection stands for both of its sides). */
function objectParts(s: z.ZodType): z.ZodType[] {
  const r = resolve(s);
  const d = defOf(r);
  if (d.type === 'object') return [r];
  if (d.type === 'intersection' && d.left && d.right) return [...objectParts(d.left), ...objectParts(d.right)];
  return [];
}

/** The paths (as keys) of every field in `data` that `schema` does not declare. */
export function undeclaredFields(schema: z.ZodType, data: unknown, at: Keys = [], out: Keys[] = []): Keys[] {
  const s = resolve(schema);
  const d = defOf(s);
  switch (d.type) {
    case 'array':
      if (Array.isArray(data) && d.element) for (const [i, v] of data.entries()) undeclaredFields(d.element!, v, [...at, i], out);
      break;
    case 'record':
      if (isRecord(data) && d.valueType) for (const [k, v] of Object.entries(data)) undeclaredFields(d.valueType, v, [...at, k], out);
      break;
    case 'union': {
      // The member that accepts the value says which fields are declared.
      const member = d.options?.find((o) => o.safeParse(data, JITLESS).success);
      if (member) undeclaredFields(member, data, at, out);
      break;
    }
    case 'object':
    case 'intersection': {
      if (!isRecord(data)) break;
      const parts = objectParts(s);
      for (const [k, v] of Object.entries(data)) {
        const declaring = parts.find((p) => defOf(p).shape?.[k] !== undefined);
        if (declaring) undeclaredFields(defOf(declaring).shape![k]!, v, [...at, k], out);
        else if (parts.every((p) => isDeclaredShape(p))) out.push([...at, k]);
        else {
          // `additionalProperties`: the extra values have a schema of their own.
          const extra = parts.find((p) => !isDeclaredShape(p) && defOf(p).catchall);
          if (extra) undeclaredFields(defOf(extra).catchall!, v, [...at, k], out);
        }
      }
      break;
    }
  }
  return out;
}
