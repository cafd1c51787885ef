/** Release ids compared as versions, and the release a client picks for a server's version. */
import { describe, expect, it } from 'vitest';
import { compareReleases } from '@vcenter-sdk/runtime';
import { pickRelease } from '@vcenter-sdk/runtime/src/release.js';
import { r670, r802, r803 } from './fixtures.js';

describe('release comparison', () => {
  it('compares dotted numeric versions, ignoring suffixes', () => {
    expect(compareReleases('8.0.3', '8.0.2')).toBe(1);
    expect(compareReleases('8.0.2', '8.0.2.0')).toBe(0);
    expect(compareReleases('9.1.0-foo', '9.1.0')).toBe(-1); // a suffix is a pre-release (docs/ARCHITECTURE.md, "Release order")
    expect(compareReleases('7.0.3', '7.0.3.01400')).toBe(-1);
    expect(compareReleases('10.0', '9.9.9')).toBe(1);
  });
  it('picks the newest release not newer than the server', () => {
    expect(pickRelease('8.0.2.00300', [r670, r802, r803])?.release).toBe('8.0.2');
    expect(pickRelease('9.0.0.0', [r670, r802, r803])?.release).toBe('8.0.3');
    expect(pickRelease('7.0.3.01400', [r670, r802, r803])?.release).toBe('6.7.0');
    expect(pickRelease('6.5.0', [r670, r802, r803])).toBeUndefined();
  });
});
