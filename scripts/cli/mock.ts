/** `vcenter-sdk mock [R...]`: the mock vCenter of @vcenter-sdk/mock (mock/), until Ctrl-C; `--list` says what it models. */
import { catalog } from '@vcenter-sdk/mock/catalog';
import { startMock, type StartMockOptions } from '@vcenter-sdk/mock';
import { checkRelease, Failure, generatedDir, out, parse, requireGenerated, table, UsageError, type Command } from './util.js';

export const mock: Command = {
  name: 'mock',
  summary: 'run the mock vCenter (all generated releases, or those named)',
  help: `Usage: vcenter-sdk mock [R ...] [--port P] [--tls] [--seed N] [--verbose]
       vcenter-sdk mock [R ...] --list

Starts a stateful mock vCenter on 127.0.0.1 and serves until interrupted (Ctrl-C). Without
R it serves every generated release; a request picks one with the X-API-Version header
(default: the newest). Log in as administrator@vsphere.local / mock-password.

It models the inventory (datacenters, clusters, hosts, datastores, networks, folders,
resource pools, VMs, their power and hardware), tagging, content libraries (with uploads
and OVF capture and deployment), sessions and tasks; other operations answer with an
example built from the release's spec (response header x-mock-source: example). What a
release's spec lacks (8.0.2's vcenter service) is answered with the newest older release
served (response header x-mock-release-answered).

Options:
  --port P      the port to listen on (default 0: any free port, printed on start)
  --tls         HTTPS with a new self-signed certificate; its SHA-256 fingerprint is printed
  --seed N      the seed of the inventory's guest OS, CPU, memory and power states (default 1)
  --list        list, per release, the operations answered with examples (counted per
                service, each with the release whose spec answers it), and exit
  --verbose     print one line per request`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      port: { type: 'string' },
      tls: { type: 'boolean' },
      seed: { type: 'string' },
      list: { type: 'boolean' },
      verbose: { type: 'boolean' },
    });
    const dir = generatedDir(undefined);
    const releases = positionals.map((r) => checkRelease(r));
    for (const r of releases) requireGenerated(dir, r);
    if (values.list) return list(dir, releases);
    const options: StartMockOptions = { generatedDir: dir, ...(releases.length ? { releases } : {}) };
    if (values.port !== undefined) {
      if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
        throw new UsageError(`--port must be a number from 0 to 65535, got '${values.port}'`);
      options.port = Number(values.port);
    }
    if (values.seed !== undefined) {
      if (!/^\d+$/.test(values.seed)) throw new UsageError(`--seed must be a whole number, got '${values.seed}'`);
      options.seed = Number(values.seed);
    }
    if (values.tls) options.tls = true;
    if (values.verbose)
      options.onRequest = (e) =>
        out(`${e.status} ${e.release ?? '-'} ${e.method} ${e.url}${e.operation ? ` → ${e.operation}` : ''} (${e.source})`);

    const t0 = performance.now();
    let server: Awaited<ReturnType<typeof startMock>>;
    try {
      server = await startMock(options);
    } catch (e) {
      throw new Failure((e as Error).message);
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    const fallbacks = server.releases.map((r) => `${server.fallbacks(r).length} on ${r}`).join(', ');
    out(`vcenter-sdk mock: listening on ${server.url} (ready in ${secs} s)`);
    out(`  releases ${server.releases.join(', ')}; pick one with the header X-API-Version (default ${server.defaultRelease})`);
    out('  log in as administrator@vsphere.local / mock-password');
    if (server.fingerprint256) out(`  TLS: self-signed certificate, SHA-256 fingerprint ${server.fingerprint256} (VCENTER_THUMBPRINT)`);
    out(`  operations answered with the spec's examples: ${fallbacks} (see vcenter-sdk mock --list)`);
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals): void => {
        out(`mock: ${signal}, stopping`);
        void server.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

/** Per release, what it serves (its own operations and older releases' it falls back to) answered with examples. */
function list(dir: string, asked: string[]): number {
  for (const { release, served: total, examples } of catalog(dir, asked)) {
    const perService = new Map<string, number>();
    for (const { op } of examples) {
      const service = op.name.replace(/^rest\./, '').split('.')[0]!;
      perService.set(service, (perService.get(service) ?? 0) + 1);
    }
    const counts = [...perService].map(([s, n]) => `${s} ${n}`).join(', ');
    out(
      `${release}: ${total - examples.length} of ${total} operations modelled; ${examples.length} answered with the spec's examples (${counts}):`,
    );
    out(
      table(
        ['NAME', 'METHOD', 'PATH', 'SPEC'],
        examples.map(({ op, answeredBy }) => [op.name, op.method, op.path, answeredBy]),
      ),
    );
    out('');
  }
  return 0;
}
