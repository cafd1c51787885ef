/**
 * `@vcenter-sdk/runtime/text`: the runtime's wording for tools built on it (the repository's
 * command line), so that they suggest and redact as the client's own errors do: did-you-mean
 * suggestions and the redaction of secrets. A subpath, not the index: the client's public
 * surface stays what users call and catch.
 */
export { didYouMean, suggest } from './internal/suggest.js';
export { REDACTED, Redactor } from './redact.js';
