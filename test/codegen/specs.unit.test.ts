/**
 * The repository carries its own specs: specs/vsphere/<release>/ byte for byte as published
 * (specs/SHA256SUMS, as it came, and specs/releases.json agree with every file), read by default, with a
 * message that says where specs come from when a folder or release is missing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSpecsDir, repoRoot, runGenerate } from '../../codegen/src/cli.js';

const specs = join(repoRoot, 'specs', 'vsphere');
const sha256 = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const releases = readdirSync(specs, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('specs/vsphere', () => {
  it('holds every shipped release, 8.0.2 included (a pulled one besides them)', () => {
    expect(releases).toEqual(expect.arrayContaining(['6.7.0', '7.0.0', '7.0.1', '7.0.2', '7.0.3', '8.0.2']));
  });

  it('matches specs/SHA256SUMS (as it came, every input listed) and specs/releases.json, file by file, with nothing unlisted', () => {
    const root = join(repoRoot, 'specs');
    const sums = new Map(
      readFileSync(join(root, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/) as [string, string])
        .map(([digest, file]) => [file, digest]),
    );
    for (const [file, digest] of sums) expect(sha256(join(root, file)), file).toBe(digest);
    const recorded = JSON.parse(readFileSync(join(root, 'releases.json'), 'utf8')) as Record<string, { files: Record<string, string> }>;
    const onDisk = releases.flatMap((r) => readdirSync(join(specs, r)).map((n) => `${r}/${n}`)).sort();
    const listed = [...sums.keys()]
      .filter((f) => f.startsWith('vsphere/') && f.split('/').length === 3)
      .map((f) => f.slice('vsphere/'.length));
    expect(listed.sort()).toEqual(onDisk);
    for (const file of onDisk.filter((f) => !f.endsWith('/PROVENANCE.md'))) {
      const [release, name] = file.split('/') as [string, string];
      expect(recorded[release]?.files[name], `specs/releases.json ${file}`).toBe(sums.get(`vsphere/${file}`));
    }
    // A pulled release's PROVENANCE.md is listed in SHA256SUMS, not recorded: only spec files are inputs.
    const specFiles = (r: string) => readdirSync(join(specs, r)).filter((n) => /\.(json|ya?ml)$/i.test(n));
    for (const r of releases) expect(Object.keys(recorded[r]!.files).sort()).toEqual(specFiles(r).sort());
  });

  it('says where the files come from', () => {
    const readme = readFileSync(join(repoRoot, 'specs', 'README.md'), 'utf8');
    expect(readme).toContain('ansible-collections/vmware.vmware_rest');
    expect(readme).toContain('1d4f3c15e4b07b9c2253bf748fc42832ac01a4c4');
    expect(readme).toContain('3320b9292a2403b2296378362eab85964bfb0d1b');
    expect(readme).toMatch(/no `vcenter` service/);
  });
});

describe('the specs folder', () => {
  const saved = process.env.VCENTER_SPECS_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.VCENTER_SPECS_DIR;
    else process.env.VCENTER_SPECS_DIR = saved;
    vi.restoreAllMocks();
  });

  it('is specs/vsphere of the repository by default, VCENTER_SPECS_DIR otherwise', () => {
    delete process.env.VCENTER_SPECS_DIR;
    expect(defaultSpecsDir()).toBe(specs);
    process.env.VCENTER_SPECS_DIR = '/elsewhere/specs';
    expect(defaultSpecsDir()).toBe('/elsewhere/specs');
  });

  async function errorsOf(o: Parameters<typeof runGenerate>[0]): Promise<{ code: number; text: string }> {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await runGenerate(o);
    return { code, text: lines.join('\n') };
  }

  it('a missing release folder is an error that says where specs come from and how to add one', async () => {
    delete process.env.VCENTER_SPECS_DIR;
    const { code, text } = await errorsOf({ release: ['9.9.9'] });
    expect(code).toBe(1);
    expect(text).toContain('no release folder 9.9.9');
    expect(text).toContain('committed in specs/vsphere/');
    expect(text).toContain('specs/README.md');
    expect(text).toContain('Upgrading to a new vSphere release');
    expect(text).toContain('specs/vsphere/9.9.9/');
    expect(text).toContain('npm run generate -- --release 9.9.9 --record');
  });

  it('a missing specs folder names the option it came from and the committed one', async () => {
    const gone = join(mkdtempSync(join(tmpdir(), 'vcenter-nospecs-')), 'missing');
    try {
      process.env.VCENTER_SPECS_DIR = gone;
      const env = await errorsOf({});
      expect(env.code).toBe(1);
      expect(env.text).toContain('cannot read the specs folder');
      expect(env.text).toContain(`${gone} was given by VCENTER_SPECS_DIR`);
      expect(env.text).toContain('the committed specs/vsphere/ is read');
      delete process.env.VCENTER_SPECS_DIR;
      vi.restoreAllMocks();
      const flag = await errorsOf({ specs: gone });
      expect(flag.text).toContain(`${gone} was given by --specs`);
      expect(flag.text).toContain(`To add a release, put its spec files`);
    } finally {
      rmSync(join(gone, '..'), { recursive: true, force: true });
    }
  });
});

describe('8.0.2 ships', () => {
  it('its package README says that its vcenter service is missing (specs/notes/8.0.2.md); others carry no note', () => {
    const readme = readFileSync(join(repoRoot, 'generated/8.0.2/README.md'), 'utf8');
    expect(readme).toContain('## Note');
    expect(readme).toContain('This release has no `vcenter` service');
    expect(readFileSync(join(repoRoot, 'generated/7.0.3/README.md'), 'utf8')).not.toContain('## Note');
  });

  it('generated/CHANGES.md covers 7.0.3 → 8.0.2', () => {
    const changes = readFileSync(join(repoRoot, 'generated/CHANGES.md'), 'utf8');
    expect(changes).toContain('Releases: 6.7.0, 7.0.0, 7.0.1, 7.0.2, 7.0.3, 8.0.2.');
    const section = changes.slice(changes.indexOf('## 7.0.3 → 8.0.2'), changes.indexOf('## 7.0.2 → 7.0.3'));
    expect(section).toMatch(/^## 7\.0\.3 → 8\.0\.2\n\n\d+ operations added, \d+ removed/);
    expect(section).toContain('`hvc.links.delete_with_credentials`');
    expect(section).toContain('`vcenter.vm.list`');
  });
});
