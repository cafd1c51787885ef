/**
 * The types step calls openapi-typescript's transform without `openapiTS()`'s Redocly lint and
 * bundle (codegen/src/emit-types.ts). For every generated release, from its client view (rebuilt
 * from openapi.json and operations.json): the text is the one `openapiTS()` writes, and
 * `openapiTS()` itself, which lints with Redocly's minimal rules and fails on an error, accepts it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { BANNER } from '../../codegen/src/banner.js';
import { emitTypes, TYPES_OPTIONS } from '../../codegen/src/emit-types.js';
import { GENERATED_DIR, generatedReleases } from '../../codegen/src/generated-dir.js';
import { clientView } from '../../codegen/src/views.js';

const read = (release: string, file: string) => JSON.parse(readFileSync(join(GENERATED_DIR, release, file), 'utf8'));

describe('types without the lint-and-bundle walk', () => {
  it.each(generatedReleases())('%s: the same text as openapiTS(), and openapiTS() accepts the document', async (release) => {
    const client = () => clientView(read(release, 'openapi.json'), read(release, 'operations.json'));
    const ours = emitTypes(client());
    const theirs = BANNER + astToString(await openapiTS(client() as never, TYPES_OPTIONS));
    expect(ours.length).toBeGreaterThan(10_000);
    expect(ours === theirs).toBe(true);
    // What generate wrote is this text: the comparison is about the output users get.
    expect(readFileSync(join(GENERATED_DIR, release, 'src/types.ts'), 'utf8') === ours).toBe(true);
  });

  it('the lint above can fail: openapiTS() rejects a client view with a duplicate operationId', async () => {
    const doc = read('6.7.0', 'openapi.json');
    const client = clientView(doc, read('6.7.0', 'operations.json'));
    const first = Object.values(client.paths as Record<string, Record<string, { operationId?: string }>>)[0]!;
    const [method] = Object.keys(first);
    const second = Object.values(client.paths as Record<string, Record<string, { operationId?: string }>>)[1]!;
    second[Object.keys(second)[0]!]!.operationId = first[method!]!.operationId;
    await expect(openapiTS(client as never, TYPES_OPTIONS)).rejects.toThrow(/operationId/);
  });
});
