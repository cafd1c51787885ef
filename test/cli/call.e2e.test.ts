/**
 * `vcenter-sdk call` against @vcenter-sdk/mock (HTTPS, its self-signed certificate as the CA): credentials from
 * VCENTER_USER / VCENTER_PASSWORD, TLS by --ca or --thumbprint, --password refused, and a
 * failing call as one line without a stack. Needs the generated 7.0.3 package and a built
 * runtime (npm test runs `npm run generate`, which builds both).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockLogEntry, type MockVcenter } from '@vcenter-sdk/mock';
import { PASSWORD, USER } from '../support/settings.js';
import { removeDir, run, tempDir } from './helpers.js';

const R = '7.0.3';
const env = { VCENTER_USER: USER, VCENTER_PASSWORD: PASSWORD };

describe('vcenter-sdk call', () => {
  let fake: MockVcenter;
  const log: MockLogEntry[] = [];
  let dir: string;
  let caFile: string;

  beforeAll(async () => {
    fake = await startMock({ tls: true, releases: [R], users: { [USER]: PASSWORD }, onRequest: (e) => log.push(e) });
    dir = tempDir('call');
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, fake.cert!);
  }, 60_000);

  afterAll(async () => {
    await fake?.close();
    removeDir(dir);
  });

  it('lists VMs with credentials from the environment, trusting the CA file', async () => {
    const r = await run(['call', R, 'vcenter.vm.list', '--url', fake.url, '--ca', caFile], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const vms = JSON.parse(r.stdout) as { vm: string; name: string; power_state: string }[];
    const seeded = [...fake.inventory(R).vms.values()];
    expect(vms.map((v) => v.name).sort()).toEqual(seeded.map((v) => v.name).sort());
    expect(vms.find((v) => v.vm === seeded[0]!.id)).toMatchObject({ name: seeded[0]!.name, power_state: seeded[0]!.powerState });
    expect(r.stdout).not.toContain(PASSWORD);
  }, 60_000);

  it('pins the certificate with --thumbprint; --param goes to the query (repeated → list) or the path', async () => {
    const r = await run(
      [
        'call',
        R,
        'vcenter.vm.list',
        '--url',
        fake.url,
        '--thumbprint',
        fake.fingerprint256!,
        '--param',
        'power_states=POWERED_ON',
        '--param',
        'power_states=SUSPENDED',
      ],
      { env },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const seeded = [...fake.inventory(R).vms.values()];
    const wanted = seeded.filter((v) => v.powerState === 'POWERED_ON' || v.powerState === 'SUSPENDED').map((v) => v.name);
    expect(wanted.length).toBeLessThan(seeded.length);
    expect((JSON.parse(r.stdout) as { name: string }[]).map((v) => v.name).sort()).toEqual(wanted.sort());
    const listed = log.filter((q) => q.method === 'GET' && q.url.startsWith('/api/vcenter/vm?')).at(-1)!;
    expect(listed.url).toContain('power_states=POWERED_ON');
    expect(listed.url).toContain('power_states=SUSPENDED');
    const off = seeded.find((v) => v.powerState === 'POWERED_OFF')!;

    const one = await run(
      ['call', R, 'vcenter.vm.get', '--url', fake.url, '--thumbprint', fake.fingerprint256!, '--param', `vm=${off.id}`],
      {
        env,
      },
    );
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ name: off.name, power_state: 'POWERED_OFF' });
  }, 60_000);

  it('refuses --password and --user, without echoing the value', async () => {
    for (const args of [['--password', 'hunter2'], ['--password=hunter2'], ['--user', 'someone']]) {
      const r = await run(['call', R, 'vcenter.vm.list', '--url', fake.url, '--ca', caFile, ...args], { env });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--(password|user) is not accepted: credentials come from VCENTER_USER and VCENTER_PASSWORD/);
      expect(r.stderr).not.toContain('hunter2');
    }
  }, 60_000);

  it('needs the credentials in the environment (usage error)', async () => {
    const r = await run(['call', R, 'vcenter.vm.list', '--url', fake.url, '--ca', caFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set VCENTER_USER and VCENTER_PASSWORD in the environment');
  }, 60_000);

  it('prints a failing call as one line without a stack (wrong password, unknown VM, untrusted certificate)', async () => {
    const wrong = await run(['call', R, 'vcenter.vm.list', '--url', fake.url, '--ca', caFile], {
      env: { VCENTER_USER: USER, VCENTER_PASSWORD: 'wrong-password' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^vcenter-sdk call: .*unauthenticated/i);
    expect(wrong.stderr).not.toContain('wrong-password');

    const missing = await run(['call', R, 'vcenter.vm.get', '--url', fake.url, '--ca', caFile, '--param', 'vm=vm-9999'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/NOT_FOUND|not found|NotFound/i);
    expect(missing.stderr).not.toMatch(/\n\s+at /);

    const untrusted = await run(['call', R, 'vcenter.vm.list', '--url', fake.url], { env });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr.trim().split('\n')).toHaveLength(1);
    expect(untrusted.stderr).not.toContain(PASSWORD);

    const debug = await run(['call', R, 'vcenter.vm.get', '--url', fake.url, '--ca', caFile, '--param', 'vm=vm-9999', '--debug'], { env });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.stderr).not.toContain(PASSWORD);
  }, 60_000);

  it('reports usage mistakes with exit 2: unknown operation, missing path parameter, two TLS modes', async () => {
    const unknown = await run(['call', R, 'vcenter.vm.nope', '--url', fake.url, '--ca', caFile], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("release 7.0.3 has no operation 'vcenter.vm.nope'");
    const typo = await run(['call', R, 'vcenter.vm.lsit', '--url', fake.url, '--ca', caFile], { env });
    expect(typo.stderr).toContain('(did you mean vcenter.vm.list?)');
    // `7.0` is no release: the generated ones starting with it are offered, not a generate that would fail.
    const release = await run(['call', '7.0', 'vcenter.vm.list', '--url', fake.url, '--ca', caFile], { env });
    expect(release.code).toBe(1);
    expect(release.stderr).toContain('release 7.0 is not generated');
    expect(release.stderr).toContain('did you mean 7.0.0, 7.0.1 or 7.0.2?');
    expect(release.stderr).not.toContain('generate --release');
    const noPath = await run(['call', R, 'vcenter.vm.get', '--url', fake.url, '--ca', caFile], { env });
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toContain('--param vm=...');
    const both = await run(['call', R, 'vcenter.vm.list', '--url', fake.url, '--ca', caFile, '--insecure'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--ca and --insecure exclude each other');
  }, 60_000);

  it('has --help', async () => {
    const r = await run(['call', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('VCENTER_PASSWORD');
  });
});
