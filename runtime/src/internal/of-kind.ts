/**
 * The kind an error class was looked up by (in the errors module's table), as that class's
 * constructor takes it. Each class types `kind` as its own kinds; the table pairs every kind
 * with its class, which the compiler cannot see through a lookup by a runtime string.
 */
export const ofKind = (kind: string): never => kind as never;
