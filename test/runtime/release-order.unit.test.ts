/**
 * Release order has one definition, the runtime's `compareReleases`; codegen sorts spec
 * folders with it and test/fake-vcenter uses it. @vcenter-sdk/mock keeps its own copy on
 * purpose (a published server must not lean on the client's logic): this test keeps it honest.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listReleases } from '../../codegen/src/load.js';
import { compareReleases as mockCompare } from '@vcenter-sdk/mock/src/releases.js';
import { compareReleases } from '@vcenter-sdk/runtime';

/** [a, b, sign of compareReleases(a, b)] */
const CASES: [string, string, -1 | 0 | 1][] = [
  ['7.0', '7.0.0', 0],
  ['8.0.2-foo', '8.0.2', -1],
  ['7.0.10', '7.0.9', 1],
  ['6.7.0', '7.0.0', -1],
  ['8.0.2', '8.0.10', -1],
  ['10.0', '9.9.9', 1],
  ['7.0.3', '7.0.3.01400', -1],
  ['8.0.2-foo', '8.0.1', 1],
  ['9.1.0-alpha', '9.1.0-beta', -1],
  ['8.0.2', '8.0.2', 0],
];

describe('compareReleases (runtime): the one release order', () => {
  it.each(CASES)('%s against %s is %i, and the reverse is its opposite', (a, b, sign) => {
    expect(Math.sign(compareReleases(a, b))).toBe(sign);
    expect(Math.sign(compareReleases(b, a))).toBe(-sign || 0);
  });

  it('codegen lists spec folders in that order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'release-order-'));
    try {
      for (const r of ['8.0.2', '7.0.10', '8.0.2-foo', '6.7.0', '7.0.9']) mkdirSync(join(dir, r));
      expect(listReleases(dir)).toEqual(['6.7.0', '7.0.9', '7.0.10', '8.0.2-foo', '8.0.2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The mock serves numeric release ids only (its folders match /^\d+(\.\d+)*$/, and a vCenter
// reports dotted numbers), so its copy is compared with the runtime on those cases.
describe('the copy in @vcenter-sdk/mock agrees with the runtime on numeric release ids', () => {
  it.each(CASES.filter(([a, b]) => !/[^\d.]/.test(a + b)))('%s against %s', (a, b, sign) => {
    expect(Math.sign(mockCompare(a, b))).toBe(sign);
    expect(Math.sign(mockCompare(a, b))).toBe(Math.sign(compareReleases(a, b)));
  });
});
