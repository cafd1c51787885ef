/**
 * The second half of the conformance walk (scenario.ts is the first): resource pools, VM
 * sub-resources, OVF capture, batch tagging, library find and update sessions, in each style
 * a release has, with calls that must fail, so that their answers get validated too.
 */
import type { AnyDescriptor } from '@vcenter-sdk/runtime';
import { expect } from 'vitest';
import type { LooseClient } from './helpers.js';

type Init = { path?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };

export interface Walk {
  style: 'api' | 'rest';
  has(base: string): boolean;
  call(base: string, init?: Init): Promise<any>;
  fails(kind: string, base: string, init?: Init): Promise<void>;
  /** `v` on `/api`, `{ [key]: v }` on `/rest`. */
  wrap(key: string, v: unknown): unknown;
  /** A list filter's query name: `names` on `/api`, `filter.names` on `/rest`. */
  filter(k: string): string;
  /** Whether the operation takes a body (6.7.0's `/rest` repeats path ids in one). */
  takesBody(base: string): boolean;
}

export function walks(c: LooseClient, d: AnyDescriptor): Walk[] {
  const names = new Set(d.operations.map((o) => o.name));
  const withBody = new Set(d.operations.filter((o) => o.body !== undefined).map((o) => o.name));
  return (['api', 'rest'] as const)
    .filter((style) => [...names].some((name) => (style === 'rest') === name.startsWith('rest.')))
    .map((style) => {
      const n = (base: string): string => (style === 'api' ? base : `rest.${base}`);
      const has = (base: string): boolean => names.has(n(base));
      return {
        style,
        has,
        call: async (base, init) => (has(base) ? c.call(n(base), init) : undefined),
        fails: async (kind, base, init) => {
          if (!has(base)) return;
          await expect(c.call(n(base), init), `${n(base)} should fail with ${kind}`).rejects.toMatchObject({ kind });
        },
        wrap: (key, v) => (style === 'api' ? v : { [key]: v }),
        filter: (k) => (style === 'api' ? k : `filter.${k}`),
        takesBody: (base) => withBody.has(n(base)),
      };
    });
}

export async function runModelScenario(c: LooseClient, d: AnyDescriptor): Promise<void> {
  for (const w of walks(c, d)) {
    await uploads(w);
  }
}

/** An update session on the first library item: add two files, upload one, remove the other, complete; then end three more sessions. */
async function uploads(w: Walk): Promise<void> {
  const { call, fails, wrap, has } = w;
  if (!has('content.library.item.update_session.create')) return;
  const rest = w.style === 'rest';
  const [library] = (await call('content.library.list')) ?? [];
  if (!library) return;
  const [item] = await call('content.library.item.list', { query: { library_id: library } });
  const create = () => call('content.library.item.update_session.create', { body: wrap('create_spec', { library_item_id: item }) });
  const file = (op: string) => (rest ? `content.library.item.updatesession.file.${op}` : `content.library.item.update_session.file.${op}`);
  const session = await create();
  const path = { update_session_id: session };
  // 6.7.0's /rest bodies repeat the session id.
  const ends = (op: string, body: Record<string, unknown> = {}) =>
    w.takesBody(`content.library.item.update_session.${op}`) ? { body: rest ? { ...path, ...body } : body } : {};
  await call('content.library.item.update_session.list');
  await call('content.library.item.update_session.get', { path });
  await fails('NOT_FOUND', 'content.library.item.update_session.get', { path: { update_session_id: 'no-such-session' } });
  const added = await call(file('add'), {
    path,
    body: rest
      ? { ...path, file_spec: { name: `notes-${w.style}.txt`, source_type: 'PUSH' } }
      : { name: `notes-${w.style}.txt`, source_type: 'PUSH' },
  });
  await call(file('add'), {
    path,
    body: rest ? { ...path, file_spec: { name: 'dropped.txt', source_type: 'PUSH' } } : { name: 'dropped.txt', source_type: 'PUSH' },
  });
  const put = await fetch(added.upload_endpoint.uri, { method: 'PUT', body: `uploaded over ${w.style}` });
  expect(put.status).toBe(200);
  await call(file('list'), rest ? { query: { update_session_id: session } } : { path });
  await call(file('get'), rest ? { path, body: { ...path, file_name: added.name } } : { path: { ...path, file_name: added.name } });
  await call(
    file('remove'),
    rest ? { path, body: { ...path, file_name: 'dropped.txt' } } : { path: { ...path, file_name: 'dropped.txt' } },
  );
  await call('content.library.item.update_session.keep_alive', { path, ...ends('keep_alive', { client_progress: 50 }) });
  await call('content.library.item.update_session.complete', { path, ...ends('complete') });
  await fails('NOT_ALLOWED_IN_CURRENT_STATE', 'content.library.item.update_session.complete', { path, ...ends('complete') });
  await call('content.library.item.file.list', rest ? { query: { library_item_id: item } } : { path: { library_item_id: item } });
  await call(
    'content.library.item.file.get',
    rest
      ? { path: { library_item_id: item }, body: { name: added.name } }
      : { path: { library_item_id: item }, query: { name: added.name } },
  );
  for (const [op, body] of [
    ['cancel', {}],
    ['fail', { client_error_message: 'disk full' }],
  ] as const) {
    const other = await create();
    const at = { update_session_id: other };
    const b = w.takesBody(`content.library.item.update_session.${op}`) ? { body: rest ? { ...at, ...body } : body } : {};
    await call(`content.library.item.update_session.${op}`, { path: at, ...b });
    await call('content.library.item.update_session.get', { path: { update_session_id: other } });
  }
  await call('content.library.item.update_session.delete', { path });
}
