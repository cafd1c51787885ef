/**
 * Redaction of whole values: a password that is a word of prose (`wrong`, `a`, `password`) is
 * redacted where it stands as a value (a header value, a URL's query, path or userinfo, a JSON
 * string), and the server's own words are left alone: "Authentication failed: wrong user name
 * or password" reaches the caller as the server wrote it. A secret that is not a word (a
 * session id, a token, a password with digits or punctuation) is redacted wherever it occurs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, Unauthenticated } from '@vcenter-sdk/runtime';
import { REDACTED, Redactor } from '@vcenter-sdk/runtime/text';
import { rejection, USER, v703 } from './helpers.js';

const FAILED = 'Authentication failed: wrong user name or password';
const PASSWORDS = ['wrong', 'a', 'password'];

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A vCenter that refuses every login the way vCenter words it, echoing the password back in values. */
async function refusing(password: string): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(401, { 'content-type': 'application/json', 'x-echo': password });
    res.end(
      JSON.stringify({
        error_type: 'UNAUTHENTICATED',
        messages: [
          { id: 'vapi.security.authentication.invalid', default_message: FAILED, args: [] },
          {
            id: 'echo',
            default_message: `retry at https://vc.example.com/api/session?password=${password}&user=${USER}`,
            args: [password],
          },
        ],
        attempted: { user: USER, password_given: password },
      }),
    );
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each(PASSWORDS)('the password %j', (password) => {
  const redactor = () => {
    const r = new Redactor();
    r.addBasic(USER, password);
    return r;
  };

  it("leaves the server's words alone", () => {
    expect(redactor().string(FAILED)).toBe(FAILED);
    expect(redactor().value({ messages: [FAILED, `a ${password} in a sentence`] })).toEqual({
      messages: [FAILED, `a ${password} in a sentence`],
    });
  });

  it('is redacted as a value: header, URL query, path and userinfo, JSON string (escaped too), whole string', () => {
    const r = redactor();
    expect(r.headers({ 'x-echo': password, accept: 'application/json' })).toEqual({ 'x-echo': REDACTED, accept: 'application/json' });
    expect(r.string(`https://vc.example.com/api/session?password=${password}&user=x`)).toBe(
      `https://vc.example.com/api/session?password=${REDACTED}&user=x`,
    );
    expect(r.string(`https://${USER}:${password}@vc.example.com/`)).toBe(`https://${USER}:${REDACTED}@vc.example.com/`);
    expect(r.string(`GET /api/vcenter/vm/${password}/power`)).toBe(`GET /api/vcenter/vm/${REDACTED}/power`);
    expect(r.string(`{"user":"x","password":"${password}"}`)).toBe(`{"user":"x","password":"${REDACTED}"}`);
    expect(r.string(JSON.stringify(JSON.stringify({ pw: password })))).toBe(JSON.stringify(JSON.stringify({ pw: REDACTED })));
    expect(r.string(`pw='${password}'`)).toBe(`pw='${REDACTED}'`);
    expect(r.value({ args: [password], nested: { note: password } })).toEqual({ args: [REDACTED], nested: { note: REDACTED } });
    // Its Basic form is not a word: redacted wherever it occurs.
    const basic = Buffer.from(`${USER}:${password}`).toString('base64');
    expect(r.string(`sent Basic ${basic}.`)).toBe(`sent Basic ${REDACTED}.`);
  });

  it('a refused login: the message as the server wrote it, the echoed password redacted in the body, the headers and the URL', async () => {
    const baseUrl = await refusing(password);
    const seen: unknown[] = [];
    const c = createClient({
      baseUrl,
      release: v703,
      auth: { username: USER, password },
      retry: false,
      tracing: false,
      hooks: { onResponse: (p) => seen.push(p) },
    });
    const err = (await rejection(c.call('vcenter.vm.list'))) as Unauthenticated;
    await c.close();
    expect(err).toBeInstanceOf(Unauthenticated);
    expect(err.message).toContain(`${FAILED}; retry at https://vc.example.com/api/session?password=${REDACTED}&user=${USER}`);
    expect(err.messages[0]).toBe(FAILED);
    expect(err.body).toMatchObject({
      messages: [{ default_message: FAILED }, { args: [REDACTED] }],
      attempted: { user: USER, password_given: REDACTED },
    });
    expect(seen).toEqual([expect.objectContaining({ status: 401, responseHeaders: expect.objectContaining({ 'x-echo': REDACTED }) })]);
  });
});

describe('a secret that is not a word', () => {
  it('is redacted wherever it occurs, inside other text too', () => {
    const r = new Redactor();
    r.addBasic(USER, 'Hunter2-pass');
    r.add('hostile-session-1-abc');
    r.add('0f3c9a8b7e6d5c4b3a2910ffeeddccbb');
    expect(r.string('bad Hunter2-pass; session hostile-session-1-abc expired (0f3c9a8b7e6d5c4b3a2910ffeeddccbbX)')).toBe(
      `bad ${REDACTED}; session ${REDACTED} expired (${REDACTED}X)`,
    );
  });
});
