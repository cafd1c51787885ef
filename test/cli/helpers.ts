/**
 * For the `vcenter-sdk` command tests: run the real bin (`node bin/vcenter-sdk.mjs ...`) and
 * write tiny release folders (Swagger 2.0 JSON, OpenAPI 3.0 YAML).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { REPO_ROOT as repoRoot } from '../support/paths.js';

export { repoRoot };

export const BIN = join(repoRoot, 'bin', 'vcenter-sdk.mjs');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/vcenter-sdk.mjs ...args`; resolves with the exit code and the output (never rejects on exit code). */
export function run(args: string[], o: { env?: Record<string, string | undefined>; timeout?: number } = {}): Promise<RunResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...o.env })) if (v !== undefined) env[k] = v;
  // Never inherit credentials from the developer's shell: each test sets what it needs.
  if (!o.env || !('VCENTER_USER' in o.env)) delete env.VCENTER_USER;
  if (!o.env || !('VCENTER_PASSWORD' in o.env)) delete env.VCENTER_PASSWORD;
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: repoRoot, env, timeout: o.timeout ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolvePromise({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Starts the bin as a long-running process (for `mock`). */
export function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vcenter-sdk-cli-${prefix}-`));
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/**
 * generate links `node_modules/@vcenter-sdk/vsphere-<release>` to what it generated, wherever
 * `--out` put it; tests that generate throwaway releases remove those links afterwards.
 */
export function unlinkReleasePackages(releases: string[]): void {
  for (const r of releases) {
    try {
      unlinkSync(join(repoRoot, 'node_modules', '@vcenter-sdk', `vsphere-${r}`));
    } catch {
      // not linked
    }
  }
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

export function writeYaml(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toYaml(value));
}

const errors = {
  '401': { description: 'not authenticated', schema: { $ref: '#/definitions/VapiStdErrorsUnauthenticated' } },
};

/**
 * A tiny `vcenter.json` (Swagger 2.0) in the shape of VMware's /api specs. `variant` 'b' is the
 * next release: `thing.delete` removed, `thing.power.start` added, `Thing.notes` field added,
 * PowerState gains `SUSPENDED`.
 */
export function tinySwagger(variant: 'a' | 'b'): Record<string, unknown> {
  const b = variant === 'b';
  const paths: Record<string, unknown> = {
    '/api/test/thing': {
      get: {
        tags: ['Thing'],
        summary: 'Returns the things that match the filter.',
        operationId: 'list',
        parameters: [
          {
            in: 'query',
            name: 'names',
            type: 'array',
            collectionFormat: 'multi',
            items: { type: 'string' },
            description: 'Names to match.',
          },
        ],
        responses: {
          '200': { description: 'The things.', schema: { type: 'array', items: { $ref: '#/definitions/TestThingSummary' } } },
          ...errors,
        },
      },
      post: {
        tags: ['Thing'],
        summary: 'Creates a thing.',
        operationId: 'create',
        parameters: [{ in: 'body', name: 'request_body', required: true, schema: { $ref: '#/definitions/TestThingCreateSpec' } }],
        responses: { '201': { description: 'Its id.', schema: { type: 'string' } }, ...errors },
      },
    },
    '/api/test/thing/{thing}': {
      get: {
        tags: ['Thing'],
        summary: 'Returns one thing.',
        operationId: 'get',
        parameters: [{ in: 'path', name: 'thing', required: true, type: 'string', description: 'Thing id.' }],
        responses: { '200': { description: 'The thing.', schema: { $ref: '#/definitions/TestThingSummary' } }, ...errors },
      },
      ...(b
        ? {}
        : {
            delete: {
              tags: ['Thing'],
              summary: 'Deletes one thing.',
              operationId: 'delete',
              parameters: [{ in: 'path', name: 'thing', required: true, type: 'string', description: 'Thing id.' }],
              responses: { '204': { description: 'Deleted.' }, ...errors },
            },
          }),
    },
    ...(b
      ? {
          '/api/test/thing/{thing}/power?action=start': {
            post: {
              tags: ['Thing'],
              summary: 'Powers on a powered-off thing.',
              operationId: 'start',
              parameters: [{ in: 'path', name: 'thing', required: true, type: 'string', description: 'Thing id.' }],
              responses: { '204': { description: 'Started.' }, ...errors },
            },
          },
        }
      : {}),
  };
  return {
    swagger: '2.0',
    info: { title: 'test', version: '2.0.0', description: 'A tiny test API' },
    host: '<vcenter>',
    basePath: '',
    produces: ['application/json'],
    consumes: ['application/json'],
    schemes: ['https'],
    paths,
    definitions: {
      TestThingSummary: {
        type: 'object',
        properties: {
          thing: { type: 'string', description: 'Thing id.' },
          name: { type: 'string', description: 'Name.' },
          power_state: { $ref: '#/definitions/TestThingPowerState', description: 'Power.' },
          ...(b ? { notes: { type: 'string', description: 'Free text.' } } : {}),
        },
        required: ['thing', 'name', 'power_state'],
      },
      TestThingCreateSpec: { type: 'object', properties: { name: { type: 'string', description: 'Name.' } }, required: ['name'] },
      TestThingPowerState: {
        type: 'string',
        enum: b ? ['POWERED_OFF', 'POWERED_ON', 'SUSPENDED'] : ['POWERED_OFF', 'POWERED_ON'],
        description: 'Power state.',
      },
      VapiStdErrorsUnauthenticated: { type: 'object', properties: { messages: { type: 'array', items: { type: 'string' } } } },
    },
  };
}

/** A tiny OpenAPI 3.0 document (written as YAML): one service with a GET and a POST action. */
export function tinyOpenapi3(): Record<string, unknown> {
  return {
    openapi: '3.0.0',
    info: { title: 'widgets', version: '1.0.0' },
    paths: {
      '/api/widgets/gizmo': {
        get: {
          summary: 'Lists the gizmos.',
          operationId: 'list',
          responses: {
            '200': {
              description: 'Gizmos.',
              content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/WidgetsGizmo' } } } },
            },
          },
        },
      },
      '/api/widgets/gizmo/{gizmo}?action=polish': {
        post: {
          summary: 'Polishes one gizmo.',
          operationId: 'polish',
          parameters: [{ in: 'path', name: 'gizmo', required: true, schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/WidgetsGizmoPolishSpec' } } } },
          responses: { '204': { description: 'Polished.' } },
        },
      },
    },
    components: {
      schemas: {
        WidgetsGizmo: {
          type: 'object',
          properties: { gizmo: { type: 'string' }, shine: { type: 'integer', format: 'int64' } },
          required: ['gizmo'],
        },
        WidgetsGizmoPolishSpec: { type: 'object', properties: { passes: { type: 'integer' } } },
      },
    },
  };
}
