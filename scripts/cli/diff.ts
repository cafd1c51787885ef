/** `vcenter-sdk diff A B`: what changed from release A to release B, as Markdown or JSON. */
import { readSnapshot, renderDiffMarkdown } from '../../codegen/src/changes.js';
import { diffReleases } from '../../codegen/src/diff.js';
import { checkRelease, generatedDir, out, parse, requireGenerated, toJson, UsageError, type Command } from './util.js';

export const diff: Command = {
  name: 'diff',
  summary: 'what changed from release A to release B',
  help: `Usage: vcenter-sdk diff A B [--json] [--dir DIR]

Compares two generated releases: operations added and removed (by name), operations whose
request (body schema, parameters) or result changed, schemas added and removed, and schemas
whose own fields changed (added, removed, made required or optional, retyped) or whose enum
values were added or removed. A schema counts as changed only when its own fields changed,
not when a schema it refers to did.

Options:
  --json        the diff as JSON instead of Markdown
  --dir DIR     the folder of generated releases (default: generated/ of the repository)

Example: vcenter-sdk diff 7.0.2 7.0.3 > changes.md`,
  async run(argv) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, dir: { type: 'string' } });
    if (positionals.length !== 2) throw new UsageError(`expected two releases (A B), got ${positionals.length}`);
    const [a, b] = positionals.map((r) => checkRelease(r)) as [string, string];
    const dir = generatedDir(values.dir);
    requireGenerated(dir, a);
    requireGenerated(dir, b);
    const d = diffReleases(readSnapshot(dir, a), readSnapshot(dir, b));
    out(values.json ? toJson(d) : renderDiffMarkdown(d));
    return 0;
  },
};
