/**
 * The mock reads a request's pathname and query off the request target by hand when
 * `new URL` would give them back unchanged: for every kind of target (plain, encoded, dot
 * segments, `//`, backslashes, fragments, non-ASCII, `+` and `%` in the query) it reads what
 * `new URL` reads, so the route and the query values a handler sees are the same.
 */
import { describe, expect, it } from 'vitest';
import { splitTarget } from '@vcenter-sdk/mock/src/http.js';

const TARGETS = [
  '/',
  '/api/vcenter/vm',
  '/api/vcenter/vm/',
  '/api/vcenter/vm/vm-42',
  '/api/vcenter/vm?names=a&names=b,c&power_states=POWERED_ON',
  '/api/vcenter/vm?filter.names[]=x&spec.names%5B%5D=y',
  '/rest/com/vmware/cis/tagging/category',
  '/rest/com/vmware/cis/tagging/category/id:urn:vmomi:InventoryServiceCategory:9586b902:GLOBAL',
  '/rest/com/vmware/cis/tagging/category/id:urn%3Avmomi%3AInventoryServiceCategory%3A1%3AGLOBAL?~action=add-to-used-by',
  '/rest/vcenter/vm/vm-1/power/start?vmw-task=true',
  '/api/content/library/item/lib-1/file?file_name',
  '/api/vcenter/vm?names=a+b&names=%2B&names=%zz&names=%E2%82%AC',
  '/api/vcenter/vm?names=it\'s&names=a"b&names=<x>&names=`',
  '/api/vcenter/vm?',
  '/api/vcenter/vm??x=1',
  '/api/vcenter/vm#fragment',
  '/api/vcenter/vm?names=a#fragment',
  '/api/./vcenter/vm',
  '/api/vcenter/../vcenter/vm',
  '/api/vcenter/vm/..',
  '/api/vcenter/vm/.',
  '/api/%2e%2E/vcenter/vm',
  '/api/.%2e/vcenter',
  '/api/vcenter/vm/a.b..c',
  '/api/vcenter/vm?x=/../y',
  '//evil.example/api/vcenter/vm',
  '/api\\vcenter\\vm',
  '/api/vcenter/vm name',
  '/api/vcenter/vm/é',
  '/api/vcenter/vm/{vm}',
  '/api/vcenter/vm|x',
  'http://127.0.0.1:8443/api/vcenter/vm?names=a',
  '*',
];

describe('request targets', () => {
  it.each(TARGETS)('%s: the pathname and query new URL reads', (target) => {
    const u = new URL(target, 'http://mock.invalid');
    const { pathname, search } = splitTarget(target);
    expect(pathname).toBe(u.pathname);
    expect([...search]).toEqual([...u.searchParams]);
  });
});
