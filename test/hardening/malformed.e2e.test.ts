/**
 * Every malformed answer is typed, on call() and on the path API: truncated or invalid
 * JSON, HTML, an empty body where a result is declared (a decode issue; DecodeError when
 * strict), nesting too deep to parse or decode (no RangeError escapes), numbers like 1e400.
 * Every error is safe to JSON.stringify and to log.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError, UnexpectedResponse, VsphereError, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import type { Fault } from '../support/hostile.js';
import { client, hostile, rejection } from './helpers.js';

const power = { path: { vm: 'vm-1' } };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

const notJson: Array<[string, Fault]> = [
  ['truncated JSON', { text: '{"state": "POWERED_' }],
  ['invalid JSON', { text: '{state: POWERED_ON}' }],
  ['HTML', { text: '<html><body><h1>502 Bad Gateway</h1></body></html>' }],
];
const tooDeep: Array<[string, Fault]> = [
  ['100,000-deep arrays', { text: deep(100_000) }],
  ['100,000-deep objects', { text: deepObject(100_000) }],
];
const garbage = [...notJson, ...tooDeep];

describe('malformed success bodies', () => {
  it.each(notJson)('%s: call() rejects with UnexpectedResponse', async (_name, fault) => {
    const s = await hostile();
    s.next('/power', fault);
    const c = client(s);
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toBeInstanceOf(UnexpectedResponse);
    expect(err).toMatchObject({ kind: 'UNEXPECTED_RESPONSE', status: 200, operation: 'vcenter.vm.power.get' });
    expect(() => JSON.stringify(err)).not.toThrow();
    expect(JSON.stringify(err).length).toBeLessThan(10_000);
  });

  it.each(tooDeep)(
    '%s: call() never lets a RangeError escape: a decode issue (report), DecodeError (strict), UnexpectedResponse (int64 bigint parsing)',
    async (_name, fault) => {
      const s = await hostile();
      s.otherwise = () => fault;
      const issues: DecodeIssueInfo[] = [];
      const report = client(s, { hooks: { onDecodeIssue: (i) => issues.push(i) } });
      await report.call('vcenter.vm.power.get', power);
      expect(issues.length).toBeGreaterThanOrEqual(1);
      expect(issues[0]).toMatchObject({ operation: 'vcenter.vm.power.get' });
      expect(await rejection(client(s, { decode: 'strict' }).call('vcenter.vm.power.get', power))).toBeInstanceOf(DecodeError);
      // The lossless parser (int64: 'bigint', a long number in the text) recurses: its overflow is typed too.
      const bigint = {
        text: (fault as { text: string }).text.replace('1', '12345678901234567890').replace('[]', '[12345678901234567890]'),
      };
      s.otherwise = () => bigint;
      const err = await rejection(client(s, { int64: 'bigint' }).call('vcenter.vm.power.get', power));
      expect(err).toBeInstanceOf(UnexpectedResponse);
      expect((err as Error).message).toMatch(/nested too deeply/);
    },
  );

  it.each(garbage)('%s: the path API rejects with UnexpectedResponse (never a SyntaxError or RangeError)', async (_name, fault) => {
    const s = await hostile();
    s.next('/power', fault);
    const c = client(s);
    const err = await rejection(c.GET('/api/vcenter/vm/{vm}/power', { params: { path: { vm: 'vm-1' } } }));
    expect(err).toBeInstanceOf(UnexpectedResponse);
    expect(() => JSON.stringify(err)).not.toThrow();
  });

  it("the path API with parseAs: 'text' still hands over a body that is not JSON, as it is", async () => {
    const s = await hostile();
    s.next('/power', { text: '<html>not json</html>' });
    const c = client(s);
    const { data } = await c.GET('/api/vcenter/vm/{vm}/power', { params: { path: { vm: 'vm-1' } }, parseAs: 'text' });
    expect(data).toBe('<html>not json</html>');
  });

  it('an empty body where a result is declared: a decode issue (report), DecodeError (strict), on both APIs', async () => {
    const s = await hostile();
    s.otherwise = () => ({ text: '' });
    const issues: DecodeIssueInfo[] = [];
    const report = client(s, { hooks: { onDecodeIssue: (i) => issues.push(i) } });
    await expect(report.call('vcenter.vm.power.get', power)).resolves.toBeUndefined();
    await report.GET('/api/vcenter/vm/{vm}/power', { params: { path: { vm: 'vm-1' } } });
    expect(issues).toHaveLength(2);
    expect(issues[0], JSON.stringify(issues[0])).toMatchObject({ operation: 'vcenter.vm.power.get', issue: { path: '$' } });

    const strict = client(s, { decode: 'strict' });
    expect(await rejection(strict.call('vcenter.vm.power.get', power))).toBeInstanceOf(DecodeError);
    expect(await rejection(strict.GET('/api/vcenter/vm/{vm}/power', { params: { path: { vm: 'vm-1' } } }))).toBeInstanceOf(DecodeError);
  });

  it('a number like 1e400 (Infinity once parsed) is a decode issue, DecodeError when strict, on both APIs', async () => {
    const s = await hostile();
    s.otherwise = () => ({ text: '[{"vm":"vm-1","name":"a","power_state":"POWERED_ON","memory_size_MiB":1e400}]' });
    const issues: DecodeIssueInfo[] = [];
    const report = client(s, { hooks: { onDecodeIssue: (i) => issues.push(i) } });
    await report.call('vcenter.vm.list');
    await report.GET('/api/vcenter/vm');
    expect(issues.map((i) => (i.issue as { path: string }).path)).toEqual(['$[0].memory_size_MiB', '$[0].memory_size_MiB']);
    const strict = client(s, { decode: 'strict' });
    expect(await rejection(strict.call('vcenter.vm.list'))).toBeInstanceOf(DecodeError);
    expect(await rejection(strict.GET('/api/vcenter/vm'))).toBeInstanceOf(DecodeError);
  });
});

describe('malformed error bodies', () => {
  it('a deep error body is typed, and the error is safe to stringify and log', async () => {
    const s = await hostile();
    s.next('/power', { status: 400, text: `{"error_type":"INVALID_ARGUMENT","messages":[],"data":${deepObject(5000)}}` });
    const c = client(s);
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toBeInstanceOf(VsphereError);
    expect(err).toMatchObject({ kind: 'INVALID_ARGUMENT', status: 400 });
    expect(() => JSON.stringify(err)).not.toThrow();
    expect(() => String(err) + (err as Error).stack).not.toThrow();
  });

  it('an HTML error page is typed by its status, its text kept short', async () => {
    const s = await hostile();
    s.next(
      '/power',
      { status: 502, text: `<html>${'x'.repeat(100_000)}</html>` },
      { status: 502, text: '<html/>' },
      { status: 502, text: '<html/>' },
      { status: 502, text: '<html/>' },
    );
    const c = client(s);
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toMatchObject({ status: 502, kind: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(err).length).toBeLessThan(10_000);
  });
});
