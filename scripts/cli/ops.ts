/** `vcenter-sdk ops R [pattern]`: find the operations of a release by name, path or summary. */
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';
import { didYouMean, suggest } from '@vcenter-sdk/runtime/text';
import { checkRelease, generatedDir, out, parse, readOperations, table, toJson, UsageError, type Command } from './util.js';

/**
 * The one meaning of an `ops` pattern: `/regex/flags` is a regular expression (always
 * case-insensitive); anything else is a case-insensitive substring in which `*` stands for
 * any run of characters (`tagging*create`, `tagging.*create`: a tagging operation that creates).
 */
export function matcher(pattern: string | undefined): (text: string) => boolean {
  if (!pattern) return () => true;
  const re = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  if (re) {
    let rx: RegExp;
    try {
      rx = new RegExp(re[1]!, [...new Set(`${re[2]!.replace(/[gy]/g, '')}i`)].join(''));
    } catch (e) {
      throw new UsageError(`invalid regular expression ${pattern}: ${(e as Error).message}`);
    }
    return (t) => rx.test(t);
  }
  const glob = new RegExp(
    pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
    'i',
  );
  return (t) => glob.test(t);
}

export const ops: Command = {
  name: 'ops',
  summary: 'find operations of a release by name, path or summary',
  help: `Usage: vcenter-sdk ops R [pattern] [--json] [--dir DIR]

Lists the operations of release R whose name, path or summary contains the pattern,
case-insensitive; a * in the pattern stands for any characters ('tagging*create'), and a
pattern written /regex/ is a regular expression. Without a pattern, all of them.
NAME is what to pass to \`client.call(NAME, ...)\` or \`vcenter-sdk call R NAME\`; ASYNC
marks the vmw-task=true variants, which answer with a task id.

Options:
  --json        the matching operations as JSON (name, method, path, async, style, summary)
  --dir DIR     the folder of generated releases (default: generated/ of the repository)

Examples:
  vcenter-sdk ops 7.0.3 vcenter.vm.power
  vcenter-sdk ops 7.0.3 'tagging.*create'
  vcenter-sdk ops 7.0.3 '/^GET .*\\/api\\/vcenter\\/vm\\b/'
  vcenter-sdk ops 7.0.3 "powers on"`,
  async run(argv) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, dir: { type: 'string' } });
    if (positionals.length < 1 || positionals.length > 2)
      throw new UsageError(`expected a release and at most one pattern, got ${positionals.length} arguments`);
    const release = checkRelease(positionals[0]);
    const match = matcher(positionals[1]);
    const all = readOperations(generatedDir(values.dir), release);
    const found = all.filter(
      (o: OperationSpec) => match(o.name) || match(o.path) || match(`${o.method} ${o.path}`) || match(o.summary ?? ''),
    );
    if (values.json) {
      out(
        toJson(
          found.map((o) => ({ name: o.name, method: o.method, path: o.path, async: o.async, style: o.style, summary: o.summary ?? null })),
        ),
      );
      return 0;
    }
    if (!found.length) {
      const near =
        positionals[1] && !positionals[1].startsWith('/')
          ? suggest(
              positionals[1],
              all.map((o) => o.name),
            )
          : [];
      process.stderr.write(
        `no operation of ${release} matches ${JSON.stringify(positionals[1])} (${all.length} operations)${didYouMean(near)}\n`,
      );
      return 0;
    }
    out(
      table(
        ['NAME', 'METHOD', 'PATH', 'ASYNC'],
        found.map((o) => [o.name, o.method, o.path, o.async ? 'async' : 'sync']),
      ),
    );
    process.stderr.write(`${found.length} of ${all.length} operations\n`);
    return 0;
  },
};
