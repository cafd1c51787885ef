/** Did-you-mean (runtime/src/internal/suggest.ts) and the runtime's unknown-operation error that uses it. */
import { createClient } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from '@vcenter-sdk/runtime/src/internal/suggest.js';

describe('suggest', () => {
  it('measures edits, transpositions included', () => {
    expect(editDistance('vcenter.vm.lsit', 'vcenter.vm.list')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('offers the nearest names, only plausible ones, best first', () => {
    const names = ['vcenter.vm.list', 'vcenter.vm.get', 'vcenter.host.list', 'cis.tagging.tag.list'];
    expect(suggest('vcenter.vm.lst', names)).toEqual(['vcenter.vm.list', 'vcenter.vm.get']);
    expect(suggest('vcenter.hots.list', names)).toEqual(['vcenter.host.list']);
    expect(suggest('vcenter.vm.gte', names)[0]).toBe('vcenter.vm.get');
    expect(suggest('appliance.networking.get', names)).toEqual([]);
    expect(suggest('7.0', ['6.7.0', '7.0.0', '7.0.3', '8.0.2'])).toEqual(['7.0.0', '7.0.3']);
  });

  it('words it', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['a'])).toBe(' (did you mean a?)');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' (did you mean a, b or c?)');
  });

  it("is in the runtime's error for an unknown operation, for call and start alike", async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', release: v703, auth: { sessionId: 'x' } });
    const loose = client as unknown as { call(n: string): Promise<unknown>; start(n: string): Promise<unknown> };
    await expect(loose.call('vcenter.vm.lst')).rejects.toThrow(
      "unknown operation 'vcenter.vm.lst' in release 7.0.3 (did you mean vcenter.vm.list or vcenter.vm.get?)",
    );
    await expect(loose.start('vcenter.vm.clone$tsak')).rejects.toThrow('did you mean vcenter.vm.clone$task');
    await client.close();
  });
});
