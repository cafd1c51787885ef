/**
 * Credentials are never evicted from redaction for the life of the client; every
 * session id in use is redacted; the login exchange's own hook payloads are redacted. 1,000
 * re-logins (password and token auth) against a server that echoes every secret back in its
 * error messages: no secret in any error, hook payload, span or warning.
 */
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hooks } from '@vcenter-sdk/runtime';
import { client, hostile, PASSWORD, USER } from './helpers.js';

/** What a user reads where a secret was. */
const REDACTED = '[REDACTED]';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});

function recorder(): { hooks: Hooks; payloads: unknown[] } {
  const payloads: unknown[] = [];
  const rec = (hook: string) => (p: unknown) => payloads.push({ hook, ...(p as object) });
  const names = ['onRequest', 'onResponse', 'onRetry', 'onError', 'onDecodeIssue', 'onWarning'] as const;
  return { payloads, hooks: Object.fromEntries(names.map((n) => [n, rec(n)])) as Hooks };
}

/** Everything an error exposes: message, stack, JSON, its causes. */
function dump(x: unknown): string {
  let out = `${String(x)}\n${(x as Error)?.stack ?? ''}\n${JSON.stringify(x)}`;
  for (let c = (x as Error)?.cause, i = 0; c && i < 5; c = (c as Error).cause, i++) out += `\n${String(c)}\n${(c as Error).stack ?? ''}`;
  return out;
}

const RELOGINS = 1000;

describe.each(['password', 'token'] as const)('1,000 re-logins with %s auth', (mode) => {
  it('no secret in any error, hook payload, span or warning', async () => {
    const s = await hostile();
    const tokens: string[] = [];
    // Every error echoes the session id, the password and the login's credential header.
    s.otherwise = (req) =>
      req.path.endsWith('/power')
        ? { json: { state: 'POWERED_ON' } }
        : {
            status: 400,
            json: {
              error_type: 'INVALID_ARGUMENT',
              messages: [
                {
                  id: 'x',
                  default_message: `bad ${String(req.headers['vmware-api-session-id'])} ${PASSWORD} ${s.loginAuth.at(-1)} ${tokens.at(-1)}`,
                  args: [],
                },
              ],
            },
          };
    const { hooks, payloads } = recorder();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name} ${w.message}`);
    process.on('warning', onWarning);
    const auth =
      mode === 'password'
        ? { username: USER, password: PASSWORD }
        : {
            token: () => {
              const token = `tok-${tokens.length}-${Math.random().toString(36).slice(2)}`;
              tokens.push(token);
              return token;
            },
          };
    const c = client(s, { auth, hooks, tracing: true });
    exporter.reset();
    const errors: unknown[] = [];
    try {
      for (let i = 0; i < RELOGINS; i++) {
        s.expireSessions(); // the next call meets a 401 and logs in again
        await c.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } });
        if (i % 50 === 0 || i === RELOGINS - 1) {
          errors.push(await c.call('vcenter.vm.list').catch((e: unknown) => e));
          const { error } = await c.GET('/api/vcenter/vm');
          errors.push(Object.assign(new Error('path API error'), { body: error }));
        }
      }
    } finally {
      process.off('warning', onWarning);
    }
    expect(s.logins.length).toBeGreaterThanOrEqual(RELOGINS);
    const secrets = [
      ...s.logins,
      ...tokens,
      ...(mode === 'password' ? [PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64')] : []),
    ];
    const spans = exporter
      .getFinishedSpans()
      .map((sp) => JSON.stringify({ name: sp.name, attributes: sp.attributes, events: sp.events, status: sp.status }));
    expect(spans.length).toBeGreaterThan(RELOGINS);
    const texts = [
      ...errors.map(dump),
      JSON.stringify(payloads, (_k, v: unknown) => (v instanceof Error ? dump(v) : v)),
      ...spans,
      ...warnings,
    ];
    expect(errors.length).toBeGreaterThan(20);
    expect(String(errors.at(-2))).toContain(REDACTED);
    const all = texts.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `a secret leaked: ${secret.slice(0, 6)}…`).toBe(false);
  }, 120_000);
});
