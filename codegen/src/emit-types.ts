/**
 * TypeScript types of a release (openapi-typescript), from its client view.
 *
 * `openapiTS()` lints and bundles its input with Redocly before it transforms it. Our input is a
 * document this pipeline built in memory, with internal `$ref`s only, so there is nothing to
 * bundle, and that walk over every node twice was a quarter of a cold generate's CPU. So the
 * transform is called alone (`transformSchema`, exported by openapi-typescript), with the context
 * `openapiTS()` builds for the options below. test/codegen/emit-types.unit.test.ts holds the text
 * equal to `openapiTS()`'s and lints a release's document with Redocly's rules, as it did.
 */
import { createRequire } from 'node:module';
import type * as OpenApiTS from 'openapi-typescript';
import type { GlobalContext, OpenAPI3 } from 'openapi-typescript';
import { BANNER } from './banner.js';
import type { OpenAPIDoc } from './merge.js';

// Required, not imported: its CommonJS build loads TypeScript with require, which costs a
// generate worker 0.9 s less CPU than ESM's import of the 9 MB CommonJS compiler (Node scans
// a CommonJS module's whole text for its export names when ESM imports it). The same code.
const { astToString, resolveRef, scanDiscriminators, transformSchema } = createRequire(import.meta.url)(
  'openapi-typescript',
) as typeof OpenApiTS;

/** The options we give openapi-typescript; every other one keeps its default. */
export const TYPES_OPTIONS = { silent: true, alphabetize: false } as const;

export function emitTypes(clientDoc: OpenAPIDoc): string {
  const schema = clientDoc as unknown as OpenAPI3;
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: TYPES_OPTIONS.alphabetize,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, TYPES_OPTIONS),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // The Redocly configuration of the lint and bundle steps, which this path does not run; no transform reads it.
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: TYPES_OPTIONS.silent,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(schema, $ref, { silent: TYPES_OPTIONS.silent }),
  };
  return BANNER + astToString(transformSchema(schema, ctx));
}
