/**
 * Library upload sessions end to end, as `govc library.import` drives them over `/rest` with
 * no version header, and as the SDK does over `/api`: the upload address is on the mock
 * itself, the bytes PUT there become the item's file with their size and SHA-1.
 */
import { createHash } from 'node:crypto';
import { NotFound } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { clientOf, PASSWORD, USER } from './helpers.js';

let mock: MockVcenter;
let session: string;
beforeAll(async () => {
  mock = await startMock();
  const res = await fetch(`${mock.url}/rest/com/vmware/cis/session`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` },
  });
  session = ((await res.json()) as { value: string }).value;
});
afterAll(async () => {
  await mock?.close();
});

/** A `/rest` call the way govmomi makes it: no X-API-Version, the session in its header, `{value}` unwrapped. */
async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; value: any }> {
  const res = await fetch(`${mock.url}/rest${path}`, {
    method,
    headers: { 'vmware-api-session-id': session, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as { value?: unknown }) : undefined;
  return { status: res.status, value: res.ok ? parsed?.value : parsed };
}

const firstItem = (release: string) => [...mock.inventory(release).libraryItems.values()][0]!;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('an upload over /rest, as govmomi does it (default release 8.0.2)', () => {
  it('create, add a PUSH file, PUT the bytes to the address on the mock, complete: the item lists the file with size and checksum', async () => {
    const item = firstItem('8.0.2');
    const created = await rest('POST', '/com/vmware/content/library/item/update-session', { create_spec: { library_item_id: item.id } });
    expect(created.status).toBe(200);
    const id = created.value as string;
    expect(id).not.toBe('example');
    const base = `/com/vmware/content/library/item/updatesession/file/id:${id}`;
    const added = await rest('POST', `${base}?~action=add`, { file_spec: { name: 'readme.txt', source_type: 'PUSH' } });
    expect(added.value).toMatchObject({ name: 'readme.txt', status: 'WAITING_FOR_TRANSFER', bytes_transferred: 0 });
    const uri = added.value.upload_endpoint.uri as string;
    expect(uri.startsWith(`${mock.url}/`)).toBe(true);

    const early = await rest('POST', `/com/vmware/content/library/item/update-session/id:${id}?~action=complete`);
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.value)).toContain('readme.txt not uploaded');

    const content = 'hello from the upload test\n';
    expect((await fetch(uri, { method: 'PUT', body: content })).status).toBe(200);
    const file = await rest('POST', `${base}?~action=get`, { file_name: 'readme.txt' });
    expect(file.value).toMatchObject({ status: 'READY', size: content.length, bytes_transferred: content.length });

    expect((await rest('POST', `/com/vmware/content/library/item/update-session/id:${id}?~action=complete`)).status).toBe(200);
    expect((await rest('GET', `/com/vmware/content/library/item/update-session/id:${id}`)).value).toMatchObject({ state: 'DONE' });

    const files = await rest('GET', `/com/vmware/content/library/item/file?library_item_id=${item.id}`);
    expect(files.value).toContainEqual({
      name: 'readme.txt',
      size: content.length,
      cached: true,
      version: expect.any(String),
      checksum_info: { algorithm: 'SHA1', checksum: sha1(content) },
    });
    const one = await rest('POST', `/com/vmware/content/library/item/file/id:${item.id}?~action=get`, { name: 'readme.txt' });
    expect(one.value.checksum_info.checksum).toBe(sha1(content));
  });

  it('an unknown session is 404, on get, on adding a file and on the upload address', async () => {
    expect((await rest('GET', '/com/vmware/content/library/item/update-session/id:nope')).status).toBe(404);
    const add = await rest('POST', '/com/vmware/content/library/item/updatesession/file/id:nope?~action=add', {
      file_spec: { name: 'x', source_type: 'PUSH' },
    });
    expect(add.status).toBe(404);
    expect(add.value).toMatchObject({ type: 'com.vmware.vapi.std.errors.not_found' });
    expect((await fetch(`${mock.url}/mock-upload/8.0.2/nope/x`, { method: 'PUT', body: 'x' })).status).toBe(404);
  });
});

describe('an upload over /api with the SDK (7.0.3)', () => {
  it('the completed item holds the file; a cancelled session takes no more files; an unknown session is NotFound', async () => {
    const c = clientOf(mock, v703);
    try {
      const item = firstItem('7.0.3');
      const before = await c.call('content.library.item.get', { path: { library_item_id: item.id } });
      expect(before.size).toBe(2 * 1024 ** 3);
      const id = await c.call('content.library.item.update_session.create', { body: { library_item_id: item.id } });
      const path = { update_session_id: id };
      const added = await c.call('content.library.item.update_session.file.add', {
        path,
        body: { name: 'disk.vmdk', source_type: 'PUSH' },
      });
      const bytes = Buffer.alloc(3000, 7);
      expect((await fetch(added.upload_endpoint.uri, { method: 'PUT', body: bytes })).status).toBe(200);
      await c.call('content.library.item.update_session.complete', { path });
      const file = await c.call('content.library.item.file.get', { path: { library_item_id: item.id }, query: { name: 'disk.vmdk' } });
      expect(file).toMatchObject({
        name: 'disk.vmdk',
        size: 3000,
        checksum_info: { checksum: createHash('sha1').update(bytes).digest('hex') },
      });
      // The seeded item's own files (2 GiB together) and the new one.
      const got = await c.call('content.library.item.get', { path: { library_item_id: item.id } });
      expect(got.size).toBe(2 * 1024 ** 3 + 3000);

      const other = await c.call('content.library.item.update_session.create', { body: { library_item_id: item.id } });
      await c.call('content.library.item.update_session.cancel', { path: { update_session_id: other } });
      await expect(
        c.call('content.library.item.update_session.file.add', {
          path: { update_session_id: other },
          body: { name: 'late.txt', source_type: 'PUSH' },
        }),
      ).rejects.toMatchObject({ kind: 'NOT_ALLOWED_IN_CURRENT_STATE' });
      const missing = await c
        .call('content.library.item.update_session.get', { path: { update_session_id: 'nope' } })
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFound);
    } finally {
      await c.close();
    }
  });
});
