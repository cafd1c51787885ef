/**
 * What real servers send that the spec does not say, through the real 7.0.3 release, by both
 * APIs: omitted fields, `null` for lists, fields and enum values newer than the spec, int64
 * beyond 2^53, `/rest` wrapping; and a form-encoded body where the spec wants one. The
 * answers are raw bytes the mock's model would never write, so the server is the hostile one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, DecodeError, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { OK, startHostileServer, type Fault, type HostileServer } from '../support/hostile.js';
import { NEWER_VM_LIST, NULL_LIST, NULL_REST_LIST } from '../support/server-bodies.js';
import { PASSWORD, USER } from '../support/settings.js';

let fake: HostileServer;
/** The raw JSON each `METHOD /path` answers with; set per test. */
const answers = new Map<string, string>();
beforeAll(async () => {
  fake = await startHostileServer();
  fake.otherwise = (req): Fault => {
    const text = answers.get(`${req.method} ${req.path}`);
    return text === undefined ? OK : { text, headers: { 'content-type': 'application/json' } };
  };
});
afterAll(() => fake.close());

function client(options: { decode?: 'strict' | 'report'; int64?: 'number' | 'bigint' } = {}) {
  const issues: DecodeIssueInfo[] = [];
  const c = createClient({
    baseUrl: fake.url,
    release: v703,
    auth: { username: USER, password: PASSWORD },
    hooks: { onDecodeIssue: (i) => issues.push(i) },
    ...options,
  });
  return { c, issues };
}
const codes = (issues: DecodeIssueInfo[]) =>
  issues.map((i) => `${(i.issue as { code: string }).code} ${(i.issue as { path: string }).path}`).sort();

describe('a server newer than the spec', () => {
  it('is returned as received, with each deviation reported (call)', async () => {
    answers.set('GET /api/vcenter/vm', NEWER_VM_LIST);
    const { c, issues } = client();
    await using _ = c;
    const vms = await c.call('vcenter.vm.list');
    expect(vms.map((v) => [v.vm, v.power_state, v.cpu_count])).toEqual([
      ['vm-1', 'POWERED_ON', 2],
      ['vm-2', 'HIBERNATED', undefined],
    ]);
    expect((vms[0] as Record<string, unknown>).tpm).toBe(true);
    expect(codes(issues)).toEqual(['int64_precision $[0].memory_size_MiB', 'unknown_enum $[1].power_state']);
  });

  it('keeps int64 beyond 2^53 exact as bigint when asked', async () => {
    answers.set('GET /api/vcenter/vm', NEWER_VM_LIST);
    const { c, issues } = client({ int64: 'bigint' });
    await using _ = c;
    const vms = await c.call('vcenter.vm.list');
    expect(vms[0]!.memory_size_MiB as unknown).toBe(9007199254740993n);
    expect(codes(issues)).toEqual(['unknown_enum $[1].power_state']);
  });

  it('throws DecodeError in strict mode, naming the operation and the JSON path', async () => {
    answers.set('GET /api/vcenter/vm', NEWER_VM_LIST);
    const { c } = client({ decode: 'strict' });
    await using _ = c;
    const err = await c.call('vcenter.vm.list').catch((e) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect(err.operation).toBe('vcenter.vm.list');
    expect(err.issues.map((i: { path: string }) => i.path)).toContain('$[1].power_state');
  });

  it('decodes the typed path API the same way', async () => {
    answers.set('GET /api/vcenter/vm', NEWER_VM_LIST);
    const { c, issues } = client();
    await using _ = c;
    const { data } = await c.GET('/api/vcenter/vm');
    expect(data?.map((v) => v.power_state)).toEqual(['POWERED_ON', 'HIBERNATED']);
    expect(codes(issues)).toEqual(['int64_precision $[0].memory_size_MiB', 'unknown_enum $[1].power_state']);
  });
});

describe('null for an empty list', () => {
  it('becomes [] in both APIs, /rest unwrapped, and is reported', async () => {
    answers.set('GET /rest/vcenter/vm', NULL_REST_LIST);
    answers.set('GET /api/cis/tagging/category', NULL_LIST);
    const { c, issues } = client();
    await using _ = c;
    expect(await c.call('rest.vcenter.vm.list')).toEqual([]);
    expect((await c.GET('/rest/vcenter/vm')).data).toEqual([]);
    expect((await c.GET('/api/cis/tagging/category')).data).toEqual([]);
    expect(codes(issues)).toEqual(['null_array $', 'null_array $.value', 'null_array $.value']);
  });
});

describe('a form-encoded request body', () => {
  it('is sent as application/x-www-form-urlencoded (the OAuth token endpoint)', async () => {
    answers.set('POST /api/vcenter/authentication/token', '{"access_token":"t","token_type":"Bearer"}');
    const { c } = client();
    await using _ = c;
    const token = await c.call('vcenter.authentication.token.issue', {
      body: {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 's',
        subject_token_type: 'urn:ietf:params:oauth:token-type:saml2',
      },
    });
    expect(token.access_token).toBe('t');
    const sent = fake.requests.findLast((r) => r.path === '/api/vcenter/authentication/token')!;
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(sent.body).get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:token-exchange');
  });
});
