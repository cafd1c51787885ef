/**
 * What a fresh process loads, in the built packages as a consumer installs them: importing the
 * runtime and a release loads neither zod, undici nor the release's checks and decoders; a
 * client's first decoded answer loads undici and the checks of its operation's group, not zod
 * nor the decoders; a schema asked for loads the decoders and zod, and is a Zod object of the
 * caller's own zod (the same module instance where Node can require an ES module). OpenTelemetry's
 * API waits for a registered tracer provider.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { MOCK_PASSWORD, USER } from '../support/settings.js';

const run = promisify(execFile);

const PROBE = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const loaded = () => {
  const files = Object.keys(require.cache).map((f) => f.replaceAll('\\\\', '/'));
  return {
    zod: '__zod_globalRegistry' in globalThis,
    undici: files.some((f) => f.includes('/node_modules/undici/')),
    release: files.filter((f) => f.includes('/generated/7.0.3/dist/')).map((f) => f.split('/dist/')[1]).sort(),
  };
};
const out = {};
const { createClient } = await import('@vcenter-sdk/runtime');
const release = (await import('@vcenter-sdk/vsphere-7.0.3')).default;
out.imported = loaded();
const client = createClient({ baseUrl: process.env.MOCK_URL, release, auth: { username: process.env.MOCK_USER, password: process.env.MOCK_PASSWORD }, retry: false });
try {
  out.vms = (await client.call('vcenter.vm.list')).length;
  out.firstCall = loaded();
  const result = release.operations.find((o) => o.name === 'vcenter.vm.list').result;
  const schema = release.schemas[result]();
  out.schema = loaded();
  const { z } = await import('zod');
  out.zodObject = schema instanceof z.ZodType && schema instanceof z.ZodArray;
  out.sameInstance = Object.getPrototypeOf(schema) === z.ZodArray.prototype;
  out.requireModule = process.features.require_module === true;
  // @opentelemetry/api is installed here, and nothing registered a tracer provider: not loaded.
  const { loadedOtel } = await import('@vcenter-sdk/runtime/otel');
  out.otelBefore = loadedOtel() !== undefined;
  const { trace } = await import('@opentelemetry/api');
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  await client.call('vcenter.vm.list');
  out.otelAfter = loadedOtel() !== undefined;
  out.spans = exporter.getFinishedSpans().map((s) => s.name);
} finally {
  await client.close();
}
console.log(JSON.stringify(out));
`;

interface Loaded {
  zod: boolean;
  undici: boolean;
  release: string[];
}

let mock: MockVcenter;
let out: {
  imported: Loaded;
  firstCall: Loaded;
  schema: Loaded;
  vms: number;
  zodObject: boolean;
  sameInstance: boolean;
  requireModule: boolean;
  otelBefore: boolean;
  otelAfter: boolean;
  spans: string[];
};

beforeAll(async () => {
  mock = await startMock({ releases: ['7.0.3'] });
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE], {
    cwd: REPO_ROOT,
    env: { ...process.env, MOCK_URL: mock.url, MOCK_USER: USER, MOCK_PASSWORD },
    timeout: 60_000,
  });
  out = JSON.parse(stdout.trim().split('\n').pop()!);
}, 90_000);

afterAll(async () => {
  await mock?.close();
});

describe('a fresh process', () => {
  it('imports the runtime and a release without zod, undici, the checks or the decoders', () => {
    expect(out.imported).toEqual({ zod: false, undici: false, release: [] });
  });

  it('makes its first decoded call with undici and its group checks only: no zod, no decoders', () => {
    expect(out.vms).toBeGreaterThan(0);
    expect(out.firstCall).toEqual({ zod: false, undici: true, release: ['results/vcenter.vm.cjs'] });
  });

  it("builds a schema asked for with the decoders and zod: a Zod object of the caller's zod", () => {
    expect(out.schema).toEqual({ zod: true, undici: true, release: ['checks.cjs', 'decoders.cjs', 'results/vcenter.vm.cjs'] });
    expect(out.zodObject).toBe(true);
    // Where Node requires ES modules (20.19+, 22.12+), the runtime's zod is the caller's: same classes.
    if (out.requireModule) expect(out.sameInstance).toBe(true);
  });

  it('loads OpenTelemetry only once something registered a tracer provider, then traces the next call', () => {
    expect(out.otelBefore).toBe(false);
    expect(out.otelAfter).toBe(true);
    expect(out.spans).toEqual(['vcenter.vm.list']);
  });
});
