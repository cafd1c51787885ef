/**
 * A release made by `specs pull` is first-class: the pulled 8.0.2 of a mock whose 8.0.2 takes
 * its vcenter service from 7.0.3 generates with no code change, gets its row in the README's
 * Releases table, its section in CHANGES.md against 7.0.3, and the mock serves it (VMs listed
 * through its own package). The README's table is the one the generated releases give.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@vcenter-sdk/runtime';
import { startMock } from '@vcenter-sdk/mock';
import { describe, expect, it, vi } from 'vitest';
import { runGenerate } from '../../codegen/src/cli.js';
import { releasesTable, shownReleasesTable } from '../../scripts/cli/specs/releases-table.js';
import { GENERATED_DIR, REPO_ROOT } from '../support/paths.js';
import { scratchDirs } from '../support/scratch.js';
import { pull, SPECS, USER } from './helpers.js';

const tempDir = scratchDirs();

describe('a pulled release', () => {
  it("8.0.2 with 7.0.3's vcenter service: generated, in the Releases table and CHANGES.md, served by the mock", async () => {
    const specs = tempDir('specs-');
    const source = await startMock({ releases: ['8.0.2', '7.0.3'] });
    try {
      const pulled = await pull(source.url, specs);
      expect(pulled).toMatchObject({ release: '8.0.2', source: 'apiexplorer' });
      expect(pulled.files).toContain('vcenter.json');
      expect(readFileSync(join(specs, '8.0.2', 'vcenter.json')).equals(readFileSync(join(SPECS, '7.0.3', 'vcenter.json')))).toBe(true);
      expect(readFileSync(join(specs, '8.0.2', 'esx.json')).equals(readFileSync(join(SPECS, '8.0.2', 'esx.json')))).toBe(true);
    } finally {
      await source.close();
    }

    // Its predecessor as generated, for CHANGES.md: what the diff reads of it.
    const out = tempDir('gen-');
    mkdirSync(join(out, '7.0.3'));
    for (const f of ['operations.json', 'openapi.json', 'report.json'])
      copyFileSync(join(GENERATED_DIR, '7.0.3', f), join(out, '7.0.3', f));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await runGenerate({ specs, release: ['8.0.2'], out });
    vi.restoreAllMocks();
    expect(code).toBe(0);

    const row = releasesTable(out)
      .split('\n')
      .find((l) => l.startsWith('| 8.0.2 |'));
    expect(row).toMatch(
      /^\| 8\.0\.2 \| `@vcenter-sdk\/vsphere-8\.0\.2` \| appliance, cis, content, contentinternal, esx, hvc, session, stats, vapi, vcenter \| \d+ \(\d+ \+ \d+\) \|$/,
    );
    const changes = readFileSync(join(out, 'CHANGES.md'), 'utf8');
    expect(changes).toContain('Releases: 7.0.3, 8.0.2.');
    expect(changes).toMatch(/^## 7\.0\.3 → 8\.0\.2$/m);

    const mock = await startMock({ generatedDir: out, releases: ['8.0.2'] });
    const release = (await import(pathToFileURL(join(out, '8.0.2', 'dist', 'index.js')).href)).default;
    const client = createClient({ baseUrl: mock.url, release, auth: USER });
    try {
      const vms = (await client.call('vcenter.vm.list' as never)) as unknown as { name: string }[];
      expect(vms.map((v) => v.name)).toContain('DC0_H0_VM0');
    } finally {
      await client.close();
      await mock.close();
    }
  }, 240_000);
});

describe("the README's Releases table", () => {
  it('is the table of the generated releases (`vcenter-sdk specs table --write` writes it)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(shownReleasesTable(readme)).toBe(releasesTable(GENERATED_DIR));
  });
});
