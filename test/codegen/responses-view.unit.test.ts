/**
 * `responses.json`, the part of a release's document its package ships for the mock's example
 * answers: the JSON response schemas and the component schemas they reach, prose left out.
 */
import { describe, expect, it } from 'vitest';
import type { OpenAPIDoc } from '../../codegen/src/merge.js';
import { responsesView } from '../../codegen/src/views.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const doc: OpenAPIDoc = {
  openapi: '3.0.3',
  info: { title: 'vSphere', version: '7.0.3' },
  paths: {
    '/api/vcenter/vm': {
      get: {
        summary: 'List VMs',
        parameters: [{ name: 'names', in: 'query', schema: ref('Names') }],
        requestBody: { content: { 'application/json': { schema: ref('Body') } } },
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: ref('Summary') } } } },
          '204': { description: 'nothing' },
        },
      },
    },
  },
  components: {
    schemas: {
      Summary: {
        type: 'object',
        description: 'A VM.',
        required: ['vm', 'description'],
        properties: { vm: { type: 'string', title: 'Id' }, description: { type: 'string' }, power: ref('Power~1State') },
      },
      'Power/State': { type: 'string', enum: ['POWERED_ON', 'POWERED_OFF'] },
      Names: { type: 'array', items: { type: 'string' } },
      Body: { type: 'object' },
    },
  },
};

describe('responsesView', () => {
  const view = responsesView(doc);

  it('keeps the JSON response schemas, nothing of the request', () => {
    const get = view.paths['/api/vcenter/vm']!.get;
    expect(get).toEqual({
      responses: { '200': { content: { 'application/json': { schema: { type: 'array', items: ref('Summary') } } } } },
    });
  });

  it('keeps the components the responses reach, through escaped references, and only those', () => {
    expect(Object.keys(view.components.schemas)).toEqual(['Power/State', 'Summary']);
  });

  it('drops description and title prose, not a property named description', () => {
    expect(view.components.schemas.Summary).toEqual({
      type: 'object',
      required: ['vm', 'description'],
      properties: { vm: { type: 'string' }, description: { type: 'string' }, power: ref('Power~1State') },
    });
  });
});
