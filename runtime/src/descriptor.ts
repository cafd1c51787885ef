/**
 * The contract between a generated release package and the runtime.
 *
 * A generated package (`@vcenter-sdk/vsphere-<release>`) default-exports a
 * `ReleaseDescriptor`. The runtime learns everything about a release from it and
 * from nothing else: it never names a release, a path or a schema of its own.
 */
import type { z } from 'zod';
import type { Check } from './decode/checks.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** `api`: `/api/...`, bodies as they are. `rest`: legacy `/rest/...`, bodies wrapped in `{"value": ...}`. */
export type ApiStyle = 'api' | 'rest';

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'formData';
  required: boolean;
  /** Schema name in `schemas` when the parameter is structured; absent for plain scalars. */
  schema?: string;
}

/** One row of `operations.json`: everything the runtime needs to call one operation. */
export interface OperationSpec {
  /** Unique in the release, stable across releases for the same method + path: `vcenter.vm.power.start`. */
  name: string;
  method: HttpMethod;
  /** The path the server expects, `/rest` or `/api` prefix and fixed query included. */
  path: string;
  /** `path` without its fixed query: `/api/vcenter/vm/{vm}/power`. */
  pathname: string;
  /** The fixed query of the path key: `{ action: 'start' }`, `{ 'vmw-task': 'true' }`. */
  query: Record<string, string>;
  style: ApiStyle;
  /** True for the `vmw-task=true` variant, which answers with a task id. */
  async: boolean;
  /** For an async operation: the name of its synchronous twin (same operation without `vmw-task=true`), when the release has it. */
  syncTwin?: string;
  /** Safe to replay: GET, HEAD, PUT, DELETE, and read-only POST actions (`~action=find`, `?action=list`...). */
  idempotent: boolean;
  parameters: ParameterSpec[];
  /** Request body schema name, if the operation takes a body. For `rest` operations this is the wire body. */
  body?: string;
  bodyRequired?: boolean;
  /** Set when the body is not JSON: `application/x-www-form-urlencoded` (the OAuth token endpoint). */
  bodyMediaType?: string;
  /** Result schema name, already unwrapped from `{"value": ...}` for `rest` operations. Absent when there is no result. */
  result?: string;
  /** Success statuses the spec declares. */
  success: number[];
  /** HTTP status → error schema name. */
  errors: Record<string, string>;
  /** The operation's summary, vAPI markup rendered as text. */
  summary?: string;
  /** Service the operation belongs to (file it came from): `vcenter`, `cis`, `appliance`... */
  service: string;
}

/** A schema built on first use; the same instance is returned on every later call. */
export type LazySchema<T = unknown> = () => z.ZodType<T>;

export interface ReleaseDescriptor<Ops = Record<string, unknown>, Paths = Record<string, unknown>, Release extends string = string> {
  /**
   * The release id, the name of its spec folder: `7.0.3`. Generated packages should pass the
   * literal as the third type argument so that a `connect` result narrows on `client.release`.
   */
  readonly release: Release;
  readonly operations: readonly OperationSpec[];
  /** Decoders by schema name; each one is built lazily, when first called. */
  readonly schemas: Readonly<Record<string, LazySchema>>;
  /**
   * The ahead-of-time check of the schema `schema` that operation `operation` answers with: true
   * exactly when the schema accepts the value. A client runs it first and reads `schemas` only
   * for data it rejects, so a release can load its checks in parts and make its schemas on
   * demand. Optional: `schemas` carry their checks too.
   */
  readonly resultCheck?: (operation: string, schema: string) => Check | undefined;
  /** Phantom: the typed operation map (`name` → params, body, result). Never present at run time. */
  readonly __ops?: Ops;
  /** Phantom: the openapi-typescript `paths` map (client view), typing the path API (`client.GET('/api/...')`). Never present at run time. */
  readonly __paths?: Paths;
}
