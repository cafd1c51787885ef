/** Decoding of response bodies: the schema kit generated decoders use, `decode`, `parseJson`. */
export type { z } from 'zod';
export { checkKit, type Check } from './checks.js';
export { schemaKit, INT64_CHECK, type Schema, type SchemaKit } from './kit.js';
export {
  decode,
  DecodeError,
  jsonPath,
  HOT_AFTER,
  type DecodeIssue,
  type DecodeIssueCode,
  type DecodeMode,
  type DecodeOptions,
  type DecodeResult,
  type PathKey,
} from './decode.js';
export { parseJson, type ParseJsonOptions } from './json.js';
