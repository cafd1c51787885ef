/**
 * Tiny release folders written by tests: the same shapes as VMware's files (cross-file
 * refs, a dangling ref, query-string path keys, vmw-task variants, /rest wrapping, repeated
 * operationIds), small enough to read at a glance.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const err = (t: string) => ({ type: 'object', properties: { type: { type: 'string' }, value: { $ref: `#/definitions/${t}` } } });

/** Two Swagger 2.0 files: `lab.json` (/api and /rest) refers to `Shared` defined in `common.json`. */
export function swaggerRelease(): Record<string, object> {
  const common = {
    swagger: '2.0',
    info: { title: 'common', version: '1' },
    basePath: '',
    paths: {},
    definitions: {
      Shared: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      'vapi.std.errors.not_found': { type: 'object', properties: { messages: { type: 'array', items: { type: 'string' } } } },
    },
  };
  const lab = {
    swagger: '2.0',
    info: { title: 'lab', version: '1' },
    basePath: '',
    securityDefinitions: { session_id: { type: 'apiKey', in: 'header', name: 'vmware-api-session-id' } },
    paths: {
      '/api/lab/widget': {
        get: {
          operationId: 'list',
          responses: { 200: { description: 'ok', schema: { type: 'array', items: { $ref: '#/definitions/LabWidgetSummary' } } } },
        },
        post: {
          operationId: 'create',
          parameters: [{ in: 'body', name: 'body', schema: { $ref: '#/definitions/LabWidgetSpec' } }],
          responses: { 201: { description: 'id', schema: { type: 'string' } } },
        },
      },
      '/api/lab/widget/{widget}': {
        get: {
          operationId: 'get',
          parameters: [{ in: 'path', name: 'widget', type: 'string', required: true }],
          responses: {
            200: { description: 'ok', schema: { $ref: '#/definitions/LabWidgetSummary' } },
            404: { description: 'nf', schema: { $ref: '#/definitions/vapi.std.errors.not_found' } },
          },
        },
      },
      '/api/lab/widget?action=clone': {
        post: {
          operationId: 'clone',
          parameters: [{ in: 'body', name: 'body', schema: { $ref: '#/definitions/LabWidgetSpec' } }],
          responses: { 200: { description: 'id', schema: { type: 'string' } } },
        },
      },
      '/api/lab/widget?action=clone&vmw-task=true': {
        post: {
          operationId: 'clone$task',
          parameters: [{ in: 'body', name: 'body', schema: { $ref: '#/definitions/LabWidgetSpec' } }],
          responses: { 202: { description: 'task', schema: { type: 'string' } } },
        },
      },
      '/rest/lab/widget/id:{widget}': {
        get: {
          operationId: 'get',
          parameters: [{ in: 'path', name: 'widget', type: 'string', required: true }],
          responses: {
            200: { description: 'ok', schema: { $ref: '#/definitions/lab.widget_resp' } },
            404: { description: 'nf', schema: err('vapi.std.errors.not_found') },
          },
        },
      },
      '/rest/lab/widget?~action=find': {
        post: {
          operationId: 'find',
          responses: {
            200: {
              description: 'ok',
              schema: { type: 'object', properties: { value: { type: 'array', items: { $ref: '#/definitions/Missing.Thing' } } } },
            },
          },
        },
      },
    },
    definitions: {
      LabWidgetSummary: {
        type: 'object',
        properties: { widget: { type: 'string' }, size: { type: 'integer', format: 'int64' }, shared: { $ref: '#/definitions/Shared' } },
        required: ['widget'],
      },
      LabWidgetSpec: { type: 'object', properties: { name: { type: 'string' } } },
      'lab.widget_resp': { type: 'object', properties: { value: { $ref: '#/definitions/LabWidgetSummary' } }, required: ['value'] },
    },
  };
  return { 'common.json': common, 'lab.json': lab };
}

/** One OpenAPI 3.0 YAML file, as future releases are published (`servers: https://{host}/api`). */
export function openapiRelease(): Record<string, string> {
  const doc = {
    openapi: '3.0.3',
    info: { title: 'future', version: '9.9.0' },
    servers: [{ url: 'https://{host}/api', variables: { host: { default: 'vcenter' } } }],
    paths: {
      '/vcenter/gadget': {
        get: {
          operationId: 'list',
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Gadget' } } } },
            },
          },
        },
      },
      '/vcenter/gadget/{gadget}?action=reset': {
        post: {
          operationId: 'reset',
          parameters: [{ in: 'path', name: 'gadget', required: true, schema: { type: 'string' } }],
          responses: { 204: { description: 'done' } },
        },
      },
    },
    components: {
      schemas: {
        Gadget: {
          type: 'object',
          properties: { gadget: { type: 'string' }, state: { type: 'string', enum: ['ON', 'OFF'] } },
          required: ['gadget'],
        },
      },
    },
  };
  return { 'future.yaml': stringify(doc) };
}

/** A specs folder holding the given releases; returns its path. */
export function specsFolder(releases: Record<string, Record<string, object | string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vcenter-specs-'));
  for (const [release, files] of Object.entries(releases)) {
    mkdirSync(join(dir, release));
    for (const [name, doc] of Object.entries(files))
      writeFileSync(join(dir, release, name), typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  }
  return dir;
}
