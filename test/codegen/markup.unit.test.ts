/** vAPI markup in spec descriptions becomes readable text in the generated JSDoc and summaries. */
import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../codegen/src/markup.js';

describe('renderMarkup', () => {
  it.each([
    ['This {@term operation} returns {@link VM.Info}.', 'This operation returns VM.Info.'],
    ['use {@code foo} for {@param.name vm}', 'use `foo` for vm'],
    ['<p>first</p><ul><li>one</li></ul>', 'first\n\n- one'],
    // as the specs misspell it
    ['the {@term error) if', 'the error if'],
    ['a {@term field without end', 'a field without end'],
    ['{@term.unset} means', 'unset means'],
    ['see {@link #datastore) now', 'see datastore now'],
    ['{@link>hotAddIncrementSize}', 'hotAddIncrementSize'],
    ['{@enum.values Device.Type}', 'Device.Type'],
    ['{@literal https://example.com/x}', '`https://example.com/x`'],
    ['ends a comment */ early', 'ends a comment *\u2215 early'],
  ])('%j → %j', (input, output) => {
    expect(renderMarkup(input)).toBe(output);
  });
});
