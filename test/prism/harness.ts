/**
 * Shared pieces of the contract suites: load a release (descriptor + wire document), make
 * arguments for an operation from the document, call it through the SDK client and
 * capture what came back on the wire (status, Prism's `sl-violations`, the operation the
 * mock routed to).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type OperationSpec, type ReleaseDescriptor } from '@vcenter-sdk/runtime';
import { REPO_ROOT } from './front/prism.js';
import { bodySchemaOf, paramValue, parametersOf, synth, type Doc } from './synth.js';

export const RELEASES = ['6.7.0', '7.0.0', '7.0.1', '7.0.2', '7.0.3'] as const;

export interface LoadedRelease {
  descriptor: ReleaseDescriptor;
  doc: Doc;
}

export async function loadRelease(release: string): Promise<LoadedRelease> {
  const mod = (await import(`@vcenter-sdk/vsphere-${release}`)) as { default: ReleaseDescriptor };
  const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'generated', release, 'openapi.json'), 'utf8')) as Doc;
  return { descriptor: mod.default, doc };
}

export interface CallArgs {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
}

export const USER = 'contract@vsphere.local';
export const PASSWORD = 'contract';
export const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

/** Login operations: called by name they need the Basic credentials (the client sends them only when it logs in itself). */
const LOGIN = new Set(['session.create', 'rest.cis.session.create']);

/**
 * Arguments for an operation: every path param; every required query param and the first
 * optional one (so optional query params are exercised too); a minimal valid body when the
 * operation takes one.
 */
export function argsFor(doc: Doc, op: OperationSpec): CallArgs {
  const params = parametersOf(doc, op.path, op.method);
  const find = (name: string, where: string): any =>
    params.find((p) => p.name === name && p.in === where) ?? { name, in: where, schema: { type: 'string' } };
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  let optionalTaken = false;
  for (const p of op.parameters) {
    if (p.in === 'path') path[p.name] = paramValue(doc, find(p.name, 'path'));
    else if (p.in === 'query' && !(p.name in op.query)) {
      if (p.required || !optionalTaken) {
        const v = paramValue(doc, find(p.name, 'query'));
        // An empty array would put nothing on the wire; send one element so the param is exercised.
        query[p.name] = Array.isArray(v) && v.length === 0 ? [synth(doc, find(p.name, 'query').schema?.items ?? { type: 'string' })] : v;
        if (!p.required) optionalTaken = true;
      }
    }
  }
  const args: CallArgs = { path, query };
  if (LOGIN.has(op.name)) args.headers = { authorization: BASIC };
  if (op.body !== undefined) {
    const schema = bodySchemaOf(doc, op.path, op.method) ?? { $ref: `#/components/schemas/${op.body}` };
    args.body = synth(doc, schema);
  }
  return args;
}

export interface Exchange {
  status: number;
  headers: Record<string, string>;
}

export interface ContractClient {
  call(op: OperationSpec, args: CallArgs): Promise<{ data: unknown; exchange: Exchange | undefined; error?: unknown }>;
  close(): Promise<void>;
}

/** An SDK client (decode off: the test decodes itself) that records the last response's status and headers. */
export function contractClient(baseUrl: string, descriptor: ReleaseDescriptor): ContractClient {
  let last: Exchange | undefined;
  const client = createClient({
    baseUrl,
    release: descriptor,
    auth: { username: USER, password: PASSWORD },
    decode: 'off',
    retry: false,
    hooks: {
      onResponse(info) {
        last = { status: info.status, headers: info.responseHeaders };
      },
    },
  });
  return {
    async call(op, args) {
      last = undefined;
      const init: Record<string, unknown> = { path: args.path, query: args.query };
      if ('body' in args) init.body = args.body;
      if (args.headers) init.headers = args.headers;
      try {
        const data = await (client.call as (n: string, i: unknown) => Promise<unknown>)(op.name, init);
        return { data, exchange: last };
      } catch (error) {
        return { data: undefined, exchange: last, error };
      }
    },
    close: () => client.close(),
  };
}

/** Zod issues of a decoded result, as short strings (empty when it decodes cleanly). */
export function decodeIssues(descriptor: ReleaseDescriptor, op: OperationSpec, data: unknown): string[] {
  if (!op.result || data === undefined) return [];
  const lazy = descriptor.schemas[op.result];
  if (!lazy) return [`no decoder for result schema '${op.result}' in the package`];
  const r = lazy().safeParse(data);
  if (r.success) return [];
  return r.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}
