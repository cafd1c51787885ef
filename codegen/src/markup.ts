/**
 * vAPI documentation markup as readable text: `{@term operation}` → operation,
 * `{@link VM.Info}` → VM.Info, `{@code x}` → `x`, `{@param.name vm}` → vm, and the
 * handful of HTML tags the specs use.
 */
/**
 * `{@tag body}`, also as the specs sometimes misspell it: `{@term error)`, `{@link>x}`,
 * `{@term.unset}`, `{@link #datastore)`, or an unclosed `{@term field`.
 */
const INLINE_TAG = /\{@([A-Za-z][\w.]*)[\s>]*([^{}()]*?)\s*(?:[})]|(?=\s|$))/g;

function renderTag(tag: string, body: string): string {
  // `{@term.unset}` and `{@param.spec.instance.policy}`: the text is in the tag itself.
  const text = (body || tag.split('.').slice(1).join('.')).replace(/^#/, '').trim();
  return tag === 'code' || tag === 'literal' ? `\`${text}\`` : text;
}

export function renderMarkup(text: string): string {
  return text
    .replace(INLINE_TAG, (_m, tag: string, body: string) => renderTag(tag, body))
    .replace(/<\/?(p|br)\s*\/?>/gi, '\n')
    .replace(/<li>/gi, '\n- ')
    .replace(/<\/?(ul|ol|li|b|i|em|strong|code|tt)>/gi, '')
    .replace(/\*\//g, '*\u2215') // never close a JSDoc comment early
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Renders every `description` and `summary` string of a document in place. */
export function renderDocs(node: unknown): void {
  if (Array.isArray(node)) node.forEach(renderDocs);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if ((k === 'description' || k === 'summary') && typeof v === 'string') o[k] = renderMarkup(v);
      else if (v && typeof v === 'object' && k !== 'enum' && k !== 'example') renderDocs(v);
    }
  }
}
