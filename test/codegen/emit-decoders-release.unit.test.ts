/**
 * The emitted decoders of a real release (the generated 7.0.3 package, as `npm run generate`
 * writes it): making them builds nothing, every one of its schemas builds, and a VM list as
 * servers send it decodes with the deviations reported. (That the emitted source and its
 * declarations type-check is checked by `npm test`'s tsc run and test/typecheck.)
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKit, decode, schemaKit, type Check, type LazySchema, type SchemaKit } from '@vcenter-sdk/runtime';
import { GENERATED_DIR } from '../support/paths.js';

/** One of the package's CommonJS factories (`dist/checks.cjs`, `dist/decoders.cjs`), as its index loads them. */
const factory = <A extends unknown[], T>(file: string) =>
  (createRequire(import.meta.url)(join(GENERATED_DIR, '7.0.3/dist', file)) as { default: (...args: A) => T }).default;

describe('the decoders of 7.0.3', () => {
  it('build nothing when made, then every schema on demand, once', () => {
    const checks = factory<[typeof checkKit], Record<string, Check>>('checks.cjs')(checkKit);
    const kit = schemaKit();
    const schemas = factory<[SchemaKit, Record<string, Check>], Record<string, LazySchema>>('decoders.cjs')(kit, checks);
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
