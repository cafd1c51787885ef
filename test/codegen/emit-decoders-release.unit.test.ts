/**
 * The emitted decoders of a real release (the generated 7.0.3 package, as `npm run generate`
 * writes it): making them builds nothing, every one of its schemas builds, and a VM list as
 * servers send it decodes with the deviations reported. (That the emitted source and its
 * declarations type-check is checked by `npm test`'s tsc run and test/typecheck.)
 */
import { describe, expect, it } from 'vitest';
import { checkKit, decode, schemaKit } from '@vcenter-sdk/runtime';
import { releaseChecksOf, releaseSchemasOf } from '../support/release-factories.js';

describe('the decoders of 7.0.3', () => {
  it('build nothing when made, then every schema on demand, once', () => {
    const kit = schemaKit();
    const schemas = releaseSchemasOf('7.0.3', kit, releaseChecksOf('7.0.3', checkKit));
    expect(kit.built).toBe(0);
    const names = Object.keys(schemas);
    expect(names.length).toBeGreaterThan(3000);
    for (const name of names) {
      const schema = schemas[name]!();
      expect(schema, name).toBe(schemas[name]!()); // memoized
      schema.safeParse({}); // resolves its direct references
    }
    expect(kit.built).toBe(names.length);
  }, 120_000);

  it('decode a VM list as servers send it', async () => {
    const { default: release } = await import('@vcenter-sdk/vsphere-7.0.3');
    const list = release.schemas['vcenter.vm.list$result']!;
    const ok = decode(list, [{ vm: 'vm-1', name: 'a', power_state: 'POWERED_ON', cpu_count: 2, memory_size_MiB: 4096 }], {
      operation: 'vcenter.vm.list',
      release: '7.0.3',
      mode: 'strict',
    });
    expect(ok.issues).toEqual([]);
    const odd = decode(list, [{ vm: 'vm-2', name: 'b', power_state: 'HIBERNATING', surprise: true }], {
      operation: 'vcenter.vm.list',
      release: '7.0.3',
    });
    expect(odd.issues.map((i) => [i.path, i.code])).toEqual([['$[0].power_state', 'unknown_enum']]);
    expect(odd.data).toEqual([{ vm: 'vm-2', name: 'b', power_state: 'HIBERNATING', surprise: true }]);
  });
});
