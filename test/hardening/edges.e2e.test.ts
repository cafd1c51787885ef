/**
 * Checked at the edges, before anything is sent: `release` with `releases` (a type error and a
 * UsageError), a `baseUrl` with a path (the UsageError names the origin to use; `/api` and
 * `/rest` at its end are the classic), `serverRelease` (connect without detection) and an
 * unknown query parameter on a call that went around the types (a cast), which the server would
 * have ignored, answering as if unfiltered. The type probes are checked by `npm run typecheck`.
 */
import { describe, expect, it } from 'vitest';
import v802 from '@vcenter-sdk/vsphere-8.0.2';
import { connect, createClient, ReleaseMismatch, UsageError } from '@vcenter-sdk/runtime';
import { client, hostile, PASSWORD, rejection, USER, v703 } from './helpers.js';

const auth = { username: USER, password: PASSWORD };
const baseUrl = 'https://vc.example.com';

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('expected a UsageError');
}

/** A call the types would refuse, as plain JavaScript or a cast makes it. */
type Untyped = (name: string, init?: { query?: Record<string, unknown>; path?: Record<string, unknown> }) => Promise<unknown>;

describe('release and releases together', () => {
  it('createClient: a type error and a UsageError', () => {
    const probe = () =>
      // @ts-expect-error one release or several, not both
      createClient({ baseUrl, auth, release: v703, releases: [v703, v802] });
    expect(usage(probe).message).toBe(
      "createClient: option 'release' cannot be given with releases: give release (one) or releases (several), not both",
    );
  });

  it('connect: a type error and a UsageError pointing at serverRelease', async () => {
    // @ts-expect-error connect takes releases; serverRelease skips detection
    const err = await rejection(connect({ baseUrl, auth, releases: [v703], release: '8.0.2' }));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(
      /connect: option 'release' cannot be given with releases: .*give the server's release id as serverRelease/,
    );
  });
});

describe('serverRelease: connect without detection', () => {
  it('picks what detection would pick (the newest given release not newer than the server) and sends nothing', async () => {
    const s = await hostile();
    const c = await connect({ baseUrl: s.url, auth, releases: [v703, v802], serverRelease: '8.0.1' });
    expect(c.release).toBe('7.0.3');
    expect(s.requests).toHaveLength(0);
    expect(s.logins).toHaveLength(0);
    await c.close();
  });

  it('a release older than every given one is a ReleaseMismatch that says the server was not asked', async () => {
    const err = await rejection(connect({ baseUrl, auth, releases: [v703], serverRelease: '6.7.0' }));
    expect(err).toBeInstanceOf(ReleaseMismatch);
    expect((err as Error).message).toContain(
      'server release 6.7.0, client releases 7.0.3 (as given by serverRelease; the server was not asked)',
    );
  });

  it('is not a createClient option, and must look like a release id', async () => {
    expect(usage(() => createClient({ baseUrl, auth, release: v703, serverRelease: '7.0.3' } as never)).message).toMatch(
      /option 'serverRelease' is connect's/,
    );
    expect(await rejection(connect({ baseUrl, auth, releases: [v703], serverRelease: 'latest' }))).toMatchObject({
      message: expect.stringMatching(/option 'serverRelease' must be the server's release id/),
    });
  });
});

describe('baseUrl', () => {
  it.each([
    [
      'https://vc.example.com/api',
      /ends with \/api, which every operation's path already starts with: use baseUrl: 'https:\/\/vc\.example\.com'/,
    ],
    ['https://vc.example.com/rest/', /ends with \/rest, .*use baseUrl: 'https:\/\/vc\.example\.com'/],
    ['https://vc.example.com:8443/API', /ends with \/API, .*use baseUrl: 'https:\/\/vc\.example\.com:8443'/],
    [
      'https://vc.example.com/ui/vcenter',
      /has a path \(\/ui\/vcenter\): baseUrl is the server's origin, use baseUrl: 'https:\/\/vc\.example\.com'/,
    ],
    ['https://vc.example.com/?x=1', /has a path \(\?x=1\)/],
  ])('%s is a UsageError naming the URL to use', (url, message) => {
    const err = usage(() => createClient({ baseUrl: url, auth, release: v703 }));
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^createClient: option 'baseUrl' /);
  });

  it('the origin, with or without a trailing slash, is fine', async () => {
    for (const url of [baseUrl, `${baseUrl}/`, 'https://vc.example.com:8443//']) {
      await createClient({ baseUrl: url, auth, release: v703 }).close();
    }
  });
});

describe('an unknown query parameter (through a cast)', () => {
  it('is a UsageError naming the operation and the nearest parameter, and nothing is sent', async () => {
    const s = await hostile();
    const c = client(s);
    const call = c.call as unknown as Untyped;
    const err = await rejection(call('vcenter.vm.list', { query: { nmes: ['DC0_H0_VM0'] } }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ kind: 'UNKNOWN_PARAMETER', operation: 'vcenter.vm.list' });
    expect((err as Error).message).toMatch(
      /^vcenter\.vm\.list: unknown query parameter 'nmes' \(did you mean names or vms\?\); its query parameters are vms, names, /,
    );
    // A /rest filter, nested or dotted, is checked once flattened.
    expect(
      ((await rejection(call('rest.vcenter.vm.list', { query: { filter: { power_state: ['POWERED_ON'] } } }))) as Error).message,
    ).toMatch(/unknown query parameter 'filter\.power_state' \(did you mean filter\.power_states\?\)/);
    expect(((await rejection(call('vcenter.vm.power.get', { path: { vm: 'vm-1' }, query: { force: true } }))) as Error).message).toMatch(
      /vcenter\.vm\.power\.get: unknown query parameter 'force'; it takes no query parameters/,
    );
    expect(s.requests).toHaveLength(0);
    expect(s.logins).toHaveLength(0);
  });

  it('known ones, flat, dotted or nested, are sent', async () => {
    const s = await hostile();
    s.otherwise = () => ({ status: 200, json: [] });
    const c = client(s);
    const call = c.call as unknown as Untyped;
    await call('vcenter.vm.list', { query: { names: ['a', 'b'], power_states: 'POWERED_ON' } });
    await call('rest.vcenter.vm.list', { query: { filter: { names: ['a'] }, 'filter.hosts': 'host-1' } });
    expect(s.requests.map((r) => r.url)).toEqual([
      '/api/vcenter/vm?names=a&names=b&power_states=POWERED_ON',
      '/rest/vcenter/vm?filter.names=a&filter.hosts=host-1',
    ]);
  });
});
