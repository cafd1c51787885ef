/** `vcenter-sdk mock [R] [--port P]`: the mock vCenter of scripts/mock.ts, until Ctrl-C. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkRelease, Failure, parse, repoRoot, UsageError, type Command } from './util.js';

export const mock: Command = {
  name: 'mock',
  summary: 'run the mock vCenter (all generated releases, or release R)',
  help: `Usage: vcenter-sdk mock [R] [--port P]

Starts the mock vCenter of this repository on 127.0.0.1 and serves until interrupted
(Ctrl-C). Without R it serves every generated release; with R only that one.

Options:
  --port P      the port to listen on (0: any free port, printed on start)
  --verbose     print one line per request`,
  async run(argv) {
    const { values, positionals } = parse(argv, { port: { type: 'string' }, verbose: { type: 'boolean' } });
    if (positionals.length > 1) throw new UsageError(`expected at most one release, got ${positionals.length}`);
    const release = positionals[0] === undefined ? undefined : checkRelease(positionals[0]);
    if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError(`--port must be a number, got '${values.port}'`);
    if (values.port !== undefined && Number(values.port) > 65535) throw new UsageError(`--port must be at most 65535, got ${values.port}`);
    const file = join(repoRoot, 'scripts', 'mock.ts');
    if (!existsSync(file)) throw new Failure('the mock vCenter (scripts/mock.ts) is not in this checkout');
    const mod = (await import(pathToFileURL(file).href)) as { runMock?: (argv: string[]) => Promise<unknown> };
    if (typeof mod.runMock !== 'function') throw new Failure('scripts/mock.ts does not export runMock(argv)');
    // runMock takes the arguments of `npm run mock`: [release ...] [--port P] [--verbose]. It resolves once the
    // mock listens, prints its URL, and stops the process itself on SIGINT / SIGTERM; the open server keeps
    // the process alive until then.
    const args = [...(release ? [release] : []), ...(values.port !== undefined ? ['--port', values.port] : []), ...(values.verbose ? ['--verbose'] : [])];
    await mod.runMock(args);
    return 0;
  },
};
