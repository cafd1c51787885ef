/**
 * The error tree: every exported error class is a `VsphereError`, classes with one kind fix it,
 * and `instanceof` follows the tree (that `kind` is a union the compiler enforces is checked by
 * errors.check.ts).
 */
import { describe, expect, it } from 'vitest';
import * as runtime from '@vcenter-sdk/runtime';
import { errorFromResponse } from '@vcenter-sdk/runtime/src/internal/response-error.js';
import {
  CertificateMismatch,
  ClientClosed,
  ConnectionError,
  DecodeError,
  InternalServerError,
  NotFound,
  ReleaseMismatch,
  RequestTimeout,
  ResponseTooLarge,
  TaskNotFound,
  TaskTimeout,
  TlsError,
  UnexpectedResponse,
  UsageError,
  VsphereError,
} from '@vcenter-sdk/runtime';

const errorClasses = (Object.entries(runtime) as Array<[string, unknown]>).filter(
  (e): e is [string, new (...a: never[]) => Error] =>
    typeof e[1] === 'function' && (e[1] as { prototype?: unknown }).prototype instanceof Error,
);

describe('the error tree', () => {
  it('every exported error class is a VsphereError', () => {
    expect(errorClasses.map(([n]) => n)).toEqual(
      expect.arrayContaining(['DecodeError', 'TaskNotFound', 'TaskTimeout', 'ClientClosed', 'UsageError', 'NotFound']),
    );
    for (const [name, Cls] of errorClasses) expect(Cls === VsphereError || Cls.prototype instanceof VsphereError, name).toBe(true);
  });

  it('classes with one kind fix it, whatever the caller passes', () => {
    const fixed: Array<[VsphereError, string]> = [
      [new NotFound('x'), 'NOT_FOUND'],
      [new RequestTimeout('x'), 'REQUEST_TIMEOUT'],
      [new ClientClosed('x'), 'CLIENT_CLOSED'],
      [new ResponseTooLarge('x', { limit: 1 }), 'RESPONSE_TOO_LARGE'],
      [new ReleaseMismatch('x', { clientReleases: [] }), 'RELEASE_MISMATCH'],
      [new CertificateMismatch('x', { expected: 'a', actual: 'b' }), 'CERTIFICATE_MISMATCH'],
      [new TaskNotFound('x', { taskId: 't' }), 'NOT_FOUND'],
      [new TaskTimeout('x', { taskId: 't', timeoutMs: 1, lastStatus: undefined }), 'TASK_TIMEOUT'],
      [new DecodeError([], 'op', '8.0.2'), 'DECODE'],
      // A fixed kind wins over one passed in.
      [new NotFound('x', { kind: 'TLS' }), 'NOT_FOUND'],
    ];
    for (const [err, kind] of fixed) expect(err.kind, err.name).toBe(kind);
  });

  it('classes with several kinds default to their general one and keep the one given', () => {
    expect(new UsageError('x').kind).toBe('USAGE');
    expect(new UsageError('x', { kind: 'MISSING_BODY' }).kind).toBe('MISSING_BODY');
    expect(new ConnectionError('x').kind).toBe('CONNECTION');
    expect(new ConnectionError('x', { kind: 'PROTOCOL_MISMATCH' }).kind).toBe('PROTOCOL_MISMATCH');
    expect(new TlsError('x').kind).toBe('TLS');
    expect(new UnexpectedResponse('x').kind).toBe('UNEXPECTED_RESPONSE');
    expect(new InternalServerError('x', { kind: 'ERROR' }).kind).toBe('ERROR');
  });

  it('the server error table builds the class of the kind; an unknown error type is kept as sent', () => {
    const nf = errorFromResponse({ status: 404, text: '{"error_type":"NOT_FOUND","messages":[]}', operation: 'op' });
    expect(nf).toBeInstanceOf(NotFound);
    expect(nf.kind).toBe('NOT_FOUND');
    const odd = errorFromResponse({ status: 400, text: '{"error_type":"SOMETHING_NEW","messages":[]}', operation: 'op' });
    expect(odd).toBeInstanceOf(UnexpectedResponse);
    expect(odd.kind).toBe('SOMETHING_NEW');
  });

  it('every vAPI error type a server names gets its own class, named as exported', () => {
    const kinds = ['NOT_FOUND', 'ALREADY_EXISTS', 'ALREADY_IN_DESIRED_STATE', 'UNAUTHENTICATED', 'UNAUTHORIZED', 'INVALID_ARGUMENT'];
    kinds.push('INVALID_REQUEST', 'INVALID_ELEMENT_TYPE', 'INVALID_ELEMENT_CONFIGURATION', 'SERVICE_UNAVAILABLE', 'RESOURCE_BUSY');
    kinds.push('RESOURCE_IN_USE', 'RESOURCE_INACCESSIBLE', 'CONCURRENT_CHANGE', 'TIMED_OUT', 'CANCELED', 'NOT_ALLOWED_IN_CURRENT_STATE');
    kinds.push(
      'UNSUPPORTED',
      'FEATURE_IN_USE',
      'OPERATION_NOT_FOUND',
      'UNABLE_TO_ALLOCATE_RESOURCE',
      'UNEXPECTED_INPUT',
      'UNVERIFIED_PEER',
    );
    kinds.push('INTERNAL_SERVER_ERROR', 'ERROR');
    const classOf = new Map<string, string>();
    for (const kind of kinds) {
      const err = errorFromResponse({ status: 400, text: JSON.stringify({ error_type: kind, messages: [] }), operation: 'op' });
      const [name, Cls] = errorClasses.find(([, C]) => err.constructor === C) ?? ['none'];
      expect(err.kind, kind).toBe(kind);
      expect(err.name, kind).toBe(name);
      expect(err, kind).toBeInstanceOf(Cls ?? Object);
      expect(err, kind).not.toBeInstanceOf(UnexpectedResponse);
      classOf.set(kind, name);
    }
    // One class per kind, but INTERNAL_SERVER_ERROR and the generic ERROR share one.
    expect(new Set(classOf.values()).size).toBe(kinds.length - 1);
    expect(classOf.get('ERROR')).toBe('InternalServerError');
    expect(classOf.get('NOT_FOUND')).toBe('NotFound');
  });

  it('instanceof follows the tree', () => {
    const mismatch = new CertificateMismatch('x', { expected: 'a', actual: 'b' });
    expect(mismatch).toBeInstanceOf(TlsError);
    expect(mismatch).toBeInstanceOf(ConnectionError);
    expect(mismatch).toBeInstanceOf(VsphereError);
    expect(mismatch).toBeInstanceOf(Error);
    const decode = new DecodeError([{ path: '$.a', message: 'bad' } as never], 'op', '8.0.2');
    expect(decode).toBeInstanceOf(VsphereError);
    expect(decode).toMatchObject({ name: 'DecodeError', operation: 'op', release: '8.0.2', status: 0 });
    expect(JSON.parse(JSON.stringify(decode))).toMatchObject({ name: 'DecodeError', kind: 'DECODE', issues: [{ path: '$.a' }] });
    expect(new TaskTimeout('x', { taskId: 't', timeoutMs: 1, lastStatus: undefined })).not.toBeInstanceOf(NotFound);
  });
});
