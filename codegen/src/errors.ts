/** A generation failure that names where it happened: the input file and a JSON pointer in it. */
export class SpecError extends Error {
  override name = 'SpecError';
  constructor(
    message: string,
    readonly file: string,
    readonly pointer = '',
  ) {
    super(`${file}${pointer ? ` at ${pointer}` : ''}: ${message}`);
  }
}

/** JSON pointer escaping (RFC 6901). */
export const pointerOf = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
