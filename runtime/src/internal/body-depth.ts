/** Why: an error keeps the body it came with, and a body too deep to log or stringify must not be kept whole. */
/** Deeper than this, a body is not kept as parsed JSON (it could not be logged or stringified safely). */
const MAX_BODY_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max` (iterative: it never overflows the stack). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

/** An error's body, safe to keep, log and `JSON.stringify`: too deep a structure becomes a note. */
export function boundedBody(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  return deeperThan(body, MAX_BODY_DEPTH) ? `[body nested deeper than ${MAX_BODY_DEPTH} levels: not kept]` : body;
}
