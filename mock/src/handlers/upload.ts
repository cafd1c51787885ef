/**
 * Content library update sessions, as `govc library.import` drives them: create a session on
 * an item, add a PUSH file (its upload endpoint is an address on the mock itself), PUT the
 * bytes there, complete; the item then holds the file with its size and SHA-1. Also the
 * item's file list and get.
 */
import { createHash } from 'node:crypto';
import { invalidArgument, MockFault, notFound } from '../errors.js';
import type { Inventory, LibraryItem, SessionFile, UpdateSession } from '../inventory/model.js';
import type { Reply } from '../reply.js';
import { find, requireString, type HandlerContext, type HandlerTable } from './context.js';

/** Where the mock takes uploaded bytes: `/mock-upload/<release>/<session>/<file>`, a PUT without the API session, as vCenter's own endpoint. */
export const UPLOAD_PREFIX = '/mock-upload/';

const SESSION_TTL_MS = 5 * 60_000;

/** An id in the path, or (the `/rest` lists) in the query. */
const idOf = (ctx: HandlerContext, name: string): string =>
  ctx.op.parameters.some((p) => p.in === 'path' && p.name === name) ? ctx.param(name) : (ctx.query(name)?.[0] ?? '');

const sessionOf = (ctx: HandlerContext): UpdateSession =>
  find(ctx.inventory.updateSessions, 'Update session', idOf(ctx, 'update_session_id'));
const itemOf = (ctx: HandlerContext, id: string): LibraryItem => find(ctx.inventory.libraryItems, 'Library item', id);

function active(s: UpdateSession): UpdateSession {
  if (s.state !== 'ACTIVE')
    throw new MockFault(
      'NOT_ALLOWED_IN_CURRENT_STATE',
      'com.vmware.vdcs.cls-main.session_not_active',
      `Update session ${s.id} is ${s.state}, not ACTIVE`,
      [s.id],
    );
  return s;
}

function sessionModel(s: UpdateSession) {
  return {
    id: s.id,
    library_item_id: s.libraryItem,
    library_item_content_version: s.contentVersion,
    client_progress: s.clientProgress,
    state: s.state,
    expiration_time: s.expires,
    ...(s.errorMessage
      ? { error_message: { id: 'com.vmware.vdcs.cls-main.client_error', default_message: s.errorMessage, args: [] } }
      : {}),
  };
}

function fileModel(f: SessionFile) {
  return {
    name: f.name,
    source_type: f.sourceType,
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.sha1 ? { checksum_info: { algorithm: 'SHA1', checksum: f.sha1 } } : {}),
    ...(f.uploadUri ? { upload_endpoint: { uri: f.uploadUri } } : {}),
    ...(f.sourceUri ? { source_endpoint: { uri: f.sourceUri } } : {}),
    bytes_transferred: f.bytesTransferred,
    status: f.status,
  };
}

function fileOf(s: UpdateSession, name: string): SessionFile {
  const f = s.files.get(name);
  if (!f) throw notFound(`File in update session ${s.id}:`, name);
  return f;
}

/** The file name of a request: a path parameter on `/api`, a body field on `/rest`. */
const fileName = (ctx: HandlerContext): string =>
  ctx.op.parameters.some((p) => p.name === 'file_name' && p.in === 'path')
    ? ctx.param('file_name')
    : requireString(ctx.body(), 'file_name');

const end = (state: UpdateSession['state']) => (ctx: HandlerContext) => {
  const s = active(sessionOf(ctx));
  s.state = state;
  if (state === 'ERROR') s.errorMessage = String(ctx.body().client_error_message ?? 'failed by the client');
};

function complete(ctx: HandlerContext): void {
  const s = active(sessionOf(ctx));
  const waiting = [...s.files.values()].filter((f) => f.status !== 'READY').map((f) => f.name);
  if (waiting.length)
    throw new MockFault(
      'NOT_ALLOWED_IN_CURRENT_STATE',
      'com.vmware.vdcs.cls-main.files_not_uploaded',
      `Update session ${s.id} cannot complete: ${waiting.join(', ')} not uploaded`,
      waiting,
    );
  const item = itemOf(ctx, s.libraryItem);
  const version = String(Number(item.version) + 1);
  for (const f of s.files.values()) {
    item.files = item.files.filter((old) => old.name !== f.name);
    item.files.push({ name: f.name, size: f.size ?? 0, sha1: f.sha1 ?? '', version });
  }
  item.size = item.files.reduce((n, f) => n + f.size, 0);
  item.version = version;
  s.state = 'DONE';
}

function addFile(ctx: HandlerContext) {
  const s = active(sessionOf(ctx));
  const spec = ctx.body('file_spec');
  const name = requireString(spec, 'name');
  const sourceType = requireString(spec, 'source_type');
  if (sourceType !== 'PUSH' && sourceType !== 'PULL')
    throw invalidArgument(`source_type ${sourceType}: the mock takes PUSH (upload to it) or PULL files`, 'source_type');
  const file: SessionFile = { name, sourceType, status: 'WAITING_FOR_TRANSFER', bytesTransferred: 0 };
  if (sourceType === 'PUSH') {
    file.uploadUri = `${ctx.origin}${UPLOAD_PREFIX}${encodeURIComponent(ctx.release)}/${s.id}/${encodeURIComponent(name)}`;
  } else {
    // A PULL source is taken as fetched at once: the mock reaches no other server.
    const source = (spec.source_endpoint ?? {}) as { uri?: unknown };
    if (typeof source.uri !== 'string') throw invalidArgument('a PULL file needs source_endpoint.uri', 'source_endpoint');
    const size = typeof spec.size === 'number' ? spec.size : 0;
    Object.assign(file, { sourceUri: source.uri, status: 'READY', size, bytesTransferred: size, sha1: sha1(Buffer.from(source.uri)) });
  }
  s.files.set(name, file);
  return { value: fileModel(file) };
}

const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/** `PUT /mock-upload/<release>/<session>/<file>`: the bytes of a PUSH file. */
export function uploadReply(inventoryOf: (release: string) => Inventory | undefined, pathname: string, raw: Buffer | undefined): Reply {
  const [release, id, name] = pathname
    .slice(UPLOAD_PREFIX.length)
    .split('/')
    .map((p) => decodeURIComponent(p));
  const s = release && id ? inventoryOf(release)?.updateSessions.get(id) : undefined;
  const f = s && name ? s.files.get(name) : undefined;
  if (!s || !f || f.sourceType !== 'PUSH') return { status: 404, body: { error: `no upload is waiting at ${pathname}` } };
  if (s.state !== 'ACTIVE') return { status: 409, body: { error: `update session ${s.id} is ${s.state}` } };
  const bytes = raw ?? Buffer.alloc(0);
  Object.assign(f, { status: 'READY', size: bytes.length, bytesTransferred: bytes.length, sha1: sha1(bytes) });
  return { status: 200 };
}

/** Files not uploaded yet are invalid; the mock knows no file an item type requires, so none is missing. */
function validate(ctx: HandlerContext) {
  const s = active(sessionOf(ctx));
  const invalid_files = [...s.files.values()]
    .filter((f) => f.status !== 'READY')
    .map((f) => ({
      name: f.name,
      error_message: { id: 'com.vmware.vdcs.cls-main.file_not_uploaded', default_message: `${f.name} is not uploaded`, args: [f.name] },
    }));
  return { value: { has_errors: invalid_files.length > 0, missing_files: [], invalid_files } };
}

const FILE_HANDLERS = {
  add: addFile,
  validate,
  get: (ctx: HandlerContext) => ({ value: fileModel(fileOf(sessionOf(ctx), fileName(ctx))) }),
  list: (ctx: HandlerContext) => ({ value: [...sessionOf(ctx).files.values()].map(fileModel) }),
  remove: (ctx: HandlerContext) => {
    const s = active(sessionOf(ctx));
    s.files.delete(fileOf(s, fileName(ctx)).name);
  },
};

export const uploadHandlers: HandlerTable = {
  'content.library.item.update_session.create': (ctx) => {
    const spec = ctx.body('create_spec');
    const item = itemOf(ctx, requireString(spec, 'library_item_id'));
    const id = ctx.random.uuid();
    ctx.inventory.updateSessions.set(id, {
      id,
      libraryItem: item.id,
      contentVersion: item.version,
      state: 'ACTIVE',
      clientProgress: 0,
      expires: new Date(ctx.now().getTime() + SESSION_TTL_MS).toISOString(),
      files: new Map(),
    });
    return { value: id };
  },
  'content.library.item.update_session.get': (ctx) => ({ value: sessionModel(sessionOf(ctx)) }),
  'content.library.item.update_session.list': (ctx) => ({ value: [...ctx.inventory.updateSessions.keys()] }),
  'content.library.item.update_session.delete': (ctx) => {
    ctx.inventory.updateSessions.delete(sessionOf(ctx).id);
  },
  'content.library.item.update_session.keep_alive': (ctx) => {
    const s = active(sessionOf(ctx));
    const progress = ctx.body().client_progress;
    if (typeof progress === 'number') s.clientProgress = progress;
    s.expires = new Date(ctx.now().getTime() + SESSION_TTL_MS).toISOString();
  },
  'content.library.item.update_session.complete': complete,
  'content.library.item.update_session.cancel': end('CANCELED'),
  'content.library.item.update_session.fail': end('ERROR'),
  // `/api` spells the file service `update_session.file`, `/rest` `updatesession.file`.
  ...Object.fromEntries(
    Object.entries(FILE_HANDLERS).flatMap(([op, h]) => [
      [`content.library.item.update_session.file.${op}`, h],
      [`content.library.item.updatesession.file.${op}`, h],
    ]),
  ),

  'content.library.item.file.list': (ctx) => {
    return { value: itemOf(ctx, idOf(ctx, 'library_item_id')).files.map(itemFileModel) };
  },
  'content.library.item.file.get': (ctx) => {
    const item = itemOf(ctx, ctx.param('library_item_id'));
    const name = ctx.query('name')?.[0] ?? requireString(ctx.style === 'rest' ? ctx.body() : {}, 'name');
    const f = item.files.find((x) => x.name === name);
    if (!f) throw notFound(`File of library item ${item.id}:`, name);
    return { value: itemFileModel(f) };
  },
};

const itemFileModel = (f: LibraryItem['files'][number]) => ({
  name: f.name,
  size: f.size,
  cached: true,
  version: f.version,
  checksum_info: { algorithm: 'SHA1', checksum: f.sha1 },
});
