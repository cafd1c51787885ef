/**
 * Careless callers get errors that say what to do. A missing or malformed option
 * (auth, release as a string, an unknown option) is a UsageError naming the option and the fix;
 * tls options with an http:// baseUrl are a UsageError; credentials over plain HTTP to a host
 * that is not loopback need an explicit opt-in; a call after close() is a ClientClosed.
 */
import { describe, expect, it } from 'vitest';
import { ClientClosed, connect, createClient, Unauthenticated, UsageError } from '@vcenter-sdk/runtime';
import { client as tasksClient, cloneBody, fake, r703 } from '../tasks/helpers.js';
import { client, hostile, PASSWORD, rejection, USER, v703 } from './helpers.js';

const auth = { username: USER, password: PASSWORD };
const base = { baseUrl: 'https://vc.example.com', release: v703, auth };

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('options', () => {
  it.each([
    ['auth missing', { ...base, auth: undefined }, /option 'auth' is required: pass auth: \{ username, password \}/],
    ['auth without credentials', { ...base, auth: {} }, /option 'auth' names no credentials/],
    ['auth.password not a string', { ...base, auth: { username: USER, password: 42 } }, /option 'auth' \.password must be a string/],
    ['auth.token not a function', { ...base, auth: { token: 'abc' } }, /\.token must be a function/],
    [
      'release as a string',
      { ...base, release: '7.0.3' },
      /option 'release' must be a release package's default export \(import v703 from '@vcenter-sdk\/vsphere-7\.0\.3'; release: v703\), not the string '7\.0\.3'/,
    ],
    ['release missing', { ...base, release: undefined }, /option 'release'/],
    ['an unknown option', { ...base, timeout: 5000 }, /unknown option 'timeout'; the options are baseUrl, auth, .*timeoutMs/],
    ['baseUrl not a URL', { ...base, baseUrl: 'vc.example.com' }, /option 'baseUrl' 'vc\.example\.com' is not a URL/],
    ['timeoutMs negative', { ...base, timeoutMs: -1 }, /option 'timeoutMs' must be a positive number of milliseconds/],
    ['maxConnections 0', { ...base, maxConnections: 0 }, /option 'maxConnections' must be a whole number >= 1/],
    ['decode misspelt', { ...base, decode: 'strikt' }, /option 'decode' must be one of 'report', 'strict', 'off'/],
    ['tls.thumbprint too short', { ...base, tls: { thumbprint: 'AB:CD' } }, /option 'tls' \.thumbprint must be a SHA-256/],
    ['no options at all', undefined, /createClient: expected an options object/],
  ])('createClient: %s is a UsageError naming the option and the fix', (_name, options, message) => {
    const err = usage(() => createClient(options as never));
    expect(err.message).toMatch(message);
  });

  it('several releases go in `releases`; `release` takes one, and an array there says where it goes', async () => {
    const several = createClient({ baseUrl: base.baseUrl, auth, releases: [v703] });
    await several.close();
    for (const release of [[v703], []]) {
      expect(usage(() => createClient({ ...base, release } as never)).message).toMatch(
        /option 'release' takes one release package \(release: v703\), not an array: for several, pass releases: \[v703, v802\]/,
      );
    }
  });

  it('connect validates the same way (releases required; serverRelease, an id, skips detection)', async () => {
    expect(await rejection(connect({ baseUrl: base.baseUrl, auth } as never))).toMatchObject({
      name: 'UsageError',
      message: expect.stringMatching(/option 'releases' must be a non-empty array/),
    });
    expect(await rejection(connect({ baseUrl: base.baseUrl, auth, releases: [v703], bogus: 1 } as never))).toMatchObject({
      message: expect.stringMatching(/unknown option 'bogus'/),
    });
    const c = await connect({ baseUrl: base.baseUrl, auth, releases: [v703], serverRelease: '7.0.3' });
    await c.close();
  });
});

describe('plain HTTP', () => {
  it('tls options with an http:// baseUrl are a UsageError', () => {
    const err = usage(() => createClient({ ...base, baseUrl: 'http://127.0.0.1:8080', tls: { ca: 'x' } }));
    expect(err.message).toMatch(/option 'tls' \(ca\) does nothing with the http:\/\/ baseUrl 'http:\/\/127\.0\.0\.1:8080': use https:\/\//);
    expect(() => createClient({ ...base, baseUrl: 'http://127.0.0.1:8080', tls: { thumbprint: undefined } }).close()).not.toThrow();
  });

  it('credentials over plain HTTP to a host that is not loopback need allowInsecureHttp: true', () => {
    for (const a of [auth, { sessionId: 'abcdef' }, { token: () => 'tok' }]) {
      const err = usage(() => createClient({ ...base, auth: a, baseUrl: 'http://vc.example.com' }));
      expect(err.message).toMatch(/plain http:\/\/ to vc\.example\.com.*use https:\/\/, or set allowInsecureHttp: true/);
    }
    expect(() => createClient({ ...base, baseUrl: 'http://vc.example.com', allowInsecureHttp: true }).close()).not.toThrow();
    for (const host of ['127.0.0.1:1', 'localhost:1', '[::1]:1', '127.1.2.3']) {
      expect(() => createClient({ ...base, baseUrl: `http://${host}` }).close(), host).not.toThrow();
    }
  });
});

describe('after close()', () => {
  it('a call is a ClientClosed (not an Unauthenticated that a re-login handler would act on), on both APIs, and nothing is sent', async () => {
    const s = await hostile();
    const c = client(s);
    await c.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } });
    await c.close();
    const sent = s.requests.length;
    const err = await rejection(c.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } }));
    expect(err).toBeInstanceOf(ClientClosed);
    expect(err).not.toBeInstanceOf(Unauthenticated);
    expect(err).toMatchObject({ kind: 'CLIENT_CLOSED', message: expect.stringMatching(/create a new client/) });
    expect(await rejection(c.GET('/api/vcenter/vm/{vm}/power', { params: { path: { vm: 'vm-1' } } }))).toBeInstanceOf(ClientClosed);
    expect(s.requests.length).toBe(sent);
  });

  it('a task wait in progress when the client closes ends with ClientClosed at its next poll', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'manual', script: [{ status: 'RUNNING' }] };
    const c = tasksClient(f, r703);
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    const waiting = rejection(task.wait());
    await expect.poll(() => f.tasks.polls(task.id)).toBeGreaterThanOrEqual(1);
    await c.close();
    expect(await waiting).toBeInstanceOf(ClientClosed);
  });

  it('a client closed before its first call: ClientClosed, no login', async () => {
    const s = await hostile();
    const c = client(s);
    await c.close();
    expect(await rejection(c.call('vcenter.vm.list'))).toBeInstanceOf(ClientClosed);
    expect(s.logins).toHaveLength(0);
  });
});
