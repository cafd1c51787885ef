/**
 * `specs pull` against the mock, for every shipped release and both sources: an API Explorer
 * pull writes the committed files byte for byte; a metamodel pull, once through the generator,
 * gives the committed operation table and request and result types, every difference listed
 * with its cause (.cache/specs-roundtrip.md). A second pull with unchanged fingerprints writes nothing.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { scratchDirs } from '../support/scratch.js';
import { REPO_ROOT } from '../support/paths.js';
import { pull, SHIPPED, SPECS, specFilesOf } from './helpers.js';
import { roundTrip, type RoundTrip } from './roundtrip.js';

const tempDir = scratchDirs();
const reports: RoundTrip[] = [];

afterAll(() => {
  const lines = ['# Metamodel round trip, per release', ''];
  for (const r of reports) {
    lines.push(`## ${r.release}: ${r.equal} of ${r.operations} operations equal`, '');
    for (const d of r.differences) lines.push(`- \`${d.operation}\` (${d.aspect}): ${d.reason ?? 'UNEXPLAINED'}`);
    lines.push('');
  }
  mkdirSync(join(REPO_ROOT, '.cache'), { recursive: true });
  writeFileSync(join(REPO_ROOT, '.cache', 'specs-roundtrip.md'), lines.join('\n'));
});

describe.each(SHIPPED)('release %s from the mock', (release) => {
  let mock: MockVcenter;
  beforeAll(async () => {
    mock = await startMock({ releases: [release] });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('an API Explorer pull writes the committed files byte for byte, with the provenance; the next pull is up to date', async () => {
    const out = tempDir('pull-');
    const first = await pull(mock.url, out);
    expect(first).toMatchObject({ release, source: 'apiexplorer', upToDate: false });
    const folder = join(out, release);
    expect(specFilesOf(folder)).toEqual(specFilesOf(join(SPECS, release)));
    for (const name of specFilesOf(folder))
      expect(readFileSync(join(folder, name)).equals(readFileSync(join(SPECS, release, name))), name).toBe(true);
    const provenance = readFileSync(join(folder, 'PROVENANCE.md'), 'utf8');
    expect(provenance).toContain(`| server | ${mock.url} |`);
    expect(provenance).toContain(`| version | ${release} |`);
    for (const name of specFilesOf(folder))
      expect(provenance).toMatch(new RegExp(`\\| com\\.vmware\\.${name.slice(0, -5)} \\| \`[0-9a-f]{32}\` \\|`));

    const before = statSync(join(folder, 'PROVENANCE.md')).mtimeMs;
    const again = await pull(mock.url, out);
    expect(again.upToDate).toBe(true);
    expect(again.log.at(-1)).toMatch(/up to date/);
    expect(statSync(join(folder, 'PROVENANCE.md')).mtimeMs).toBe(before);
  }, 60_000);

  it('a metamodel pull gives the same operation table and request and result types; every difference has its cause', async () => {
    const out = tempDir('meta-');
    const pulled = await pull(mock.url, out, { from: 'metamodel' });
    expect(pulled).toMatchObject({ release, source: 'metamodel', upToDate: false });
    expect(pulled.files).toEqual(specFilesOf(join(SPECS, release)));
    expect(pulled.log.filter((l) => /^ {2}com\.vmware\.\S+: read$/.test(l))).toHaveLength(pulled.files.length);
    expect(pulled.log.filter((l) => l.includes('no REST mapping'))).toEqual([]);
    const report = await roundTrip(release, out);
    reports.push(report);
    expect(report.differences.filter((d) => !d.reason)).toEqual([]);
    const explained = new Set(report.differences.map((d) => d.operation)).size;
    expect(report.equal + explained).toBe(report.operations);
    expect(report.equal).toBeGreaterThan(report.operations * 0.95);
  }, 120_000);
});
