/**
 * The runtime's messages in the command line's terms: an error or warning of the client that
 * names one of its options (`allowInsecureHttp: true`, `tls.thumbprint`, `timeoutMs`...) is
 * shown naming the flag of `vcenter-sdk call` that sets it. One table: a client option the CLI
 * exposes gets its flag here, and test/cli/flags.e2e.test.ts checks that every flag an error
 * names is one `call --help` lists.
 */
const WORDING: ReadonlyArray<readonly [RegExp, string]> = [
  // The runtime's own pointer to the CLI, once the message names the flag anyway.
  [/ \(the CLI's --thumbprint[^)]*\)/g, ''],
  [/tls: \{ thumbprint: '([^']*)' \}/g, '--thumbprint $1'],
  [/\btls\.insecure: true\b/g, '--insecure'],
  [/\btls\.insecure\b/g, '--insecure'],
  [/\btls\.thumbprint\b/g, '--thumbprint'],
  [/\btls\.ca\b/g, '--ca FILE'],
  [/\bset allowInsecureHttp: true\b/g, 'pass --allow-insecure-http'],
  [/\ballowInsecureHttp(: true)?/g, '--allow-insecure-http'],
  [/\b(?:createClient|connect): option 'baseUrl' /g, '--url '],
  [/\buse baseUrl: '([^']*)'/g, 'use --url $1'],
  [/ as baseUrl\b/g, ' as --url'],
  [/\(timeoutMs\)/g, '(--timeout-ms)'],
  [/the client's maxResponseBytes \((\d+)\)/g, '--max-response-bytes ($1)'],
  [/raise maxResponseBytes in the client options/g, 'raise --max-response-bytes'],
];

/** `text` with the client's option names replaced by the flags that set them. */
export function inFlagTerms(text: string): string {
  let out = text;
  for (const [pattern, flag] of WORDING) out = out.replace(pattern, flag);
  return out;
}

/** The client options, as the runtime's messages spell them: none may reach the command line untranslated. */
export const OPTION_SPELLINGS = /\b(baseUrl|allowInsecureHttp|timeoutMs|maxResponseBytes|maxConnections|keepAliveMs)\b|\btls[.:]/;
