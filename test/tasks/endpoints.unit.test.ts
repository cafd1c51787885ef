/** Where a release's task service is: found in its operation table (/api, /rest, or none). */
import { describe, expect, it } from 'vitest';
import r670 from '@vcenter-sdk/vsphere-6.7.0';
import r700 from '@vcenter-sdk/vsphere-7.0.0';
import r701 from '@vcenter-sdk/vsphere-7.0.1';
import r703 from '@vcenter-sdk/vsphere-7.0.3';
import { findTaskEndpoints } from '@vcenter-sdk/runtime/src/tasks/endpoints.js';

describe('task endpoints from the operation table', () => {
  it('picks /api on 7.0.3, /rest on 7.0.0 and 7.0.1, none on 6.7.0', () => {
    const e703 = findTaskEndpoints(r703)!;
    expect([e703.get.path, e703.cancel?.path, e703.list?.path]).toEqual([
      '/api/cis/tasks/{task}',
      '/api/cis/tasks/{task}?action=cancel',
      '/rest/cis/tasks',
    ]);
    for (const d of [r700, r701]) {
      const e = findTaskEndpoints(d)!;
      expect(e.get.path).toBe('/rest/cis/tasks/{task}');
      expect(e.cancel?.pathname).toBe('/rest/cis/tasks/{task}');
      expect({ ...e.cancel!.query, ...e.cancelQuery }).toEqual({ action: 'cancel' });
      expect(e.list?.path).toBe('/rest/cis/tasks');
    }
    expect(findTaskEndpoints(r670)).toBeUndefined();
  });
});
