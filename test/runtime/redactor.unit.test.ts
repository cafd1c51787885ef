/**
 * The redactor every client keeps: known secrets and secret headers masked, credentials kept
 * for the life of the client however many session ids come and go.
 */
import { describe, expect, it } from 'vitest';
import { Redactor, REDACTED } from '@vcenter-sdk/runtime/src/redact.js';

describe('the Redactor', () => {
  it('masks known secrets and secret headers', () => {
    const r = new Redactor();
    r.addBasic('user', 'hunter2-pass');
    r.add('session-abcdef');
    expect(r.string('pw=hunter2-pass sid=session-abcdef')).toBe(`pw=${REDACTED} sid=${REDACTED}`);
    expect(r.headers({ Authorization: 'Basic xyz', 'vmware-api-session-id': 'zzz', accept: 'a' })).toEqual({
      Authorization: REDACTED,
      'vmware-api-session-id': REDACTED,
      accept: 'a',
    });
    expect(r.value({ password: 'p', nested: { token: 't', ok: 'session-abcdef!' } })).toEqual({
      password: REDACTED,
      nested: { token: REDACTED, ok: `${REDACTED}!` },
    });
  });

  it('keeps credentials for life and the newest session ids, however many come and go', () => {
    const r = new Redactor();
    r.addBasic('user', 'the-password');
    r.add('the-session-id', { pin: true });
    for (let i = 0; i < 5000; i++) r.add(`session-${i}-xxxxxxxx`);
    expect(r.string('the-password the-session-id session-4999-xxxxxxxx')).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
    expect(r.string(Buffer.from('user:the-password').toString('base64'))).toBe(REDACTED);
  });
});
