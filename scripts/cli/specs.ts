/**
 * `vcenter-sdk specs pull --url URL`: a release folder (`specs/vsphere/<release>/`) from a
 * running vCenter, for `generate` to build. Credentials come from the environment only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedReleases } from '../../codegen/src/generated-dir.js';
import { defaultSpecsDir } from '../../codegen/src/specs-dir.js';
import type { TlsOptions } from '@vcenter-sdk/runtime';
import { pullRelease } from './specs/pull.js';
import { releasesTable, withReleasesTable } from './specs/releases-table.js';
import type { ServerOptions } from './specs/server.js';
import { Failure, generatedDir, out, parse, repoRoot, UsageError, type Command } from './util.js';
import { envCredentials, serverUrl } from './server-flags.js';

const CREDENTIAL_FLAGS = /^(--?(password|passwd|pass|pw|user|username|login)|-p|-u)(=|$)/i;

const HELP = `Usage: vcenter-sdk specs pull --url URL [--from apiexplorer|metamodel] [--out DIR] [--force]
                              [--ca FILE | --thumbprint T | --insecure]
       vcenter-sdk specs table [--write]

Writes the spec files of the vCenter at URL into DIR/<release>/ (default specs/vsphere/),
the folder named after the server's release (8.0.3, 9.0.0...), with PROVENANCE.md (server,
build, date, component fingerprints). Then \`npm run generate -- --release <release>\` builds it.

It reads the API Explorer's files (/apiexplorer/json/api.json and each <service>.json), byte
for byte; where the server has none, or with --from metamodel, the vAPI metamodel
(vapi.metadata.metamodel.component list, get, fingerprint), converted to Swagger 2.0, one
file per service, /api and /rest operations, tasks included. When the fingerprints are those
of the last pull into the same folder it says "up to date" and writes nothing (--force writes).

\`specs table\` prints the README's Releases table of the generated releases (--write puts
it into README.md): a release committed and generated gets its row.

Credentials come from the environment, never from the command line:
  VCENTER_USER       user name (administrator@vsphere.local)
  VCENTER_PASSWORD   password

Options:
  --url URL          the vCenter, https://host[:port]
  --from SOURCE      apiexplorer or metamodel only (default: the API Explorer, else the metamodel)
  --out DIR          where release folders go (default specs/vsphere, or VCENTER_SPECS_DIR)
  --force            write even when nothing changed
  --ca FILE          trust the PEM CA certificate(s) in FILE
  --thumbprint T     accept the server's certificate by its SHA-256 (or SHA-1) fingerprint
  --insecure         accept any certificate (tests only)`;

function tlsOf(values: { ca?: string; thumbprint?: string; insecure?: boolean }): TlsOptions {
  const chosen = [values.ca && '--ca', values.thumbprint && '--thumbprint', values.insecure && '--insecure'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} exclude each other`);
  if (values.thumbprint) {
    const hex = values.thumbprint.replace(/[:\s-]/g, '');
    if (!/^[0-9a-fA-F]+$/.test(hex) || (hex.length !== 64 && hex.length !== 40))
      throw new UsageError('--thumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) fingerprint, colons optional');
    return { thumbprint: values.thumbprint };
  }
  if (values.ca) {
    try {
      return { ca: readFileSync(values.ca, 'utf8') };
    } catch (e) {
      throw new Failure(`cannot read the CA file ${values.ca}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return values.insecure ? { insecure: true } : {};
}

/** Every generated release package: the client picks the one that speaks with the server. */
async function descriptors(): Promise<ServerOptions['descriptors']> {
  const have = generatedReleases(generatedDir(undefined));
  if (have.length === 0) throw new Failure('no release is generated; run `npm run generate` first (the pull speaks through them)');
  return Promise.all(have.map(async (r) => (await import(`@vcenter-sdk/vsphere-${r}`)).default));
}

function table(write: boolean): number {
  const text = releasesTable(generatedDir(undefined));
  if (!write) {
    out(text);
    return 0;
  }
  const file = join(repoRoot, 'README.md');
  writeFileSync(file, withReleasesTable(readFileSync(file, 'utf8'), text));
  out(`README.md: Releases table written (${text.split('\n').length - 2} releases)`);
  return 0;
}

export const specs: Command = {
  name: 'specs',
  summary: "pull a release's spec files from a running vCenter (specs pull --url URL)",
  help: HELP,
  async run(argv) {
    const credential = argv.find((a) => CREDENTIAL_FLAGS.test(a));
    if (credential)
      throw new UsageError(
        `${credential.split('=')[0]} is not accepted: credentials come from VCENTER_USER and VCENTER_PASSWORD in the environment`,
      );
    const { values, positionals } = parse(argv, {
      write: { type: 'boolean' },
      url: { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      ca: { type: 'string' },
      thumbprint: { type: 'string' },
      insecure: { type: 'boolean' },
    });
    if (positionals[0] === 'table' && positionals.length === 1) return table(values.write === true);
    if (positionals[0] !== 'pull' || positionals.length !== 1)
      throw new UsageError(`expected \`specs pull\` or \`specs table\`, got \`specs ${positionals.join(' ')}\``);
    const url = serverUrl(values.url);
    if (values.from !== undefined && values.from !== 'apiexplorer' && values.from !== 'metamodel')
      throw new UsageError(`--from takes apiexplorer or metamodel, got '${values.from}'`);
    const { username, password } = envCredentials();
    const started = Date.now();
    const result = await pullRelease({
      url: url.origin,
      username,
      password,
      tls: tlsOf(values),
      descriptors: await descriptors(),
      out: resolve(values.out ?? defaultSpecsDir()),
      ...(values.from ? { from: values.from as 'apiexplorer' | 'metamodel' } : {}),
      ...(values.force ? { force: true } : {}),
      log: out,
    });
    if (!result.upToDate)
      out(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; build it with \`npm run generate -- --release ${result.release}\``);
    return 0;
  },
};
