/**
 * A throw-away Verdaccio (tools/verdaccio, `npm run setup:verdaccio`) on a loopback port, with
 * its storage, config and users in a temporary folder, and no uplink: whatever an install
 * needs must have been published into it. Its log goes to a file, shown when it fails to start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

const BIN = join(REPO_ROOT, 'tools/verdaccio/node_modules/verdaccio/bin/verdaccio');

export interface Registry {
  url: string;
  /** A user config with the registry and a publish token for it: NPM_CONFIG_USERCONFIG. */
  npmrc: string;
  token: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const config = (dir: string) => `storage: ${join(dir, 'storage')}
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: 10
uplinks: {}
packages:
  '@*/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
max_body_size: 200mb
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;

export async function startRegistry(dir: string): Promise<Registry> {
  if (!existsSync(BIN)) throw new Error(`Verdaccio is not installed in tools/verdaccio: run npm run setup:verdaccio`);
  mkdirSync(join(dir, 'storage'), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), config(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(dir, 'verdaccio.log');
  const log = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [BIN, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Verdaccio exited (${child.exitCode})`);
      const ok = await fetch(`${url}/-/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error('Verdaccio did not answer /-/ping within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    // A user of its own (htpasswd adds one on first login), for a token npm publish can use.
    const res = await fetch(`${url}/-/user/org.couchdb.user:release`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'release', password: 'release-suite-only' }),
    });
    const { token } = (await res.json()) as { token?: string };
    if (!res.ok || !token) throw new Error(`Verdaccio did not add a user: ${res.status}`);
    const npmrc = join(dir, 'npmrc');
    writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, token, close };
  } catch (e) {
    await close();
    throw new Error(`${(e as Error).message}\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
}

/**
 * Publishes a tarball of a third-party package (a dependency of ours, packed from the
 * repository's node_modules) the way npm's publish does, over HTTP: never with `npm publish`,
 * whose `publishConfig` of that package could name another registry.
 */
export async function putTarball(r: Registry, manifest: Record<string, any>, tarball: string): Promise<void> {
  const bytes = readFileSync(tarball);
  const { name, version } = manifest as { name: string; version: string };
  const file = `${name}-${version}.tgz`;
  const dist = {
    shasum: createHash('sha1').update(bytes).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    tarball: `${r.url}/${name}/-/${file}`,
  };
  const res = await fetch(`${r.url}/${name.replace('/', '%2f')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
    body: JSON.stringify({
      _id: name,
      name,
      'dist-tags': { latest: version },
      versions: { [version]: { ...manifest, _id: `${name}@${version}`, dist } },
      _attachments: { [file]: { content_type: 'application/octet-stream', data: bytes.toString('base64'), length: bytes.length } },
    }),
  });
  if (!res.ok) throw new Error(`publishing ${name}@${version} to ${r.url}: ${res.status} ${await res.text()}`);
}
