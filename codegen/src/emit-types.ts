/** TypeScript types of a release (openapi-typescript), from its client view. */
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPIDoc } from './merge.js';
import { BANNER } from './banner.js';

export async function emitTypes(clientDoc: OpenAPIDoc): Promise<string> {
  const ast = await openapiTS(clientDoc as any, { silent: true, alphabetize: false });
  return BANNER + astToString(ast);
}
