/**
 * The mock cannot drift from the spec: a scenario walks every modelled operation of every
 * generated release (through the SDK, `/api` and `/rest`), and every answer of the stateful
 * part, results and errors alike, is decoded with that release's generated decoders in strict
 * mode. A modelled operation that the scenario does not reach fails the test, so a new
 * handler cannot go unchecked.
 */
import { decode, type AnyDescriptor, type OperationSpec } from '@vcenter-sdk/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockLogEntry, MockVcenter } from '@vcenter-sdk/mock';
import { clientOf, descriptorOf, RELEASES, startLogged, type LooseClient } from './helpers.js';
import { runScenario } from './scenario.js';
import { runMetamodelScenario } from './scenario-metamodel.js';
import { runModelScenario } from './scenario-model.js';

let mock: MockVcenter;
let log: MockLogEntry[];

beforeAll(async () => {
  ({ mock, log } = await startLogged());
});
afterAll(async () => {
  await mock?.close();
});

/** What the scenario may not reach on a release: the session and detection endpoints are checked elsewhere. */
const UNCHECKED = /^(rest\.)?(session|cis\.session|appliance\.system\.version|vcenter\.system)\./;

function check(d: AnyDescriptor, name: string, schema: string | undefined, value: unknown): string[] {
  const lazy = schema === undefined ? undefined : d.schemas[schema];
  if (!lazy) return [`${name}: no decoder for ${schema}`];
  try {
    decode(lazy, value, { mode: 'strict', operation: name, release: d.release });
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}

interface Info {
  service: string;
  operation: string;
  result?: unknown;
}

/**
 * A task's `result` is typed by the spec as an untyped dynamic value (`object`, or `opaque`);
 * vCenter sends the operation's own result there. It is checked against the result schema of
 * the operation the task ran, and the rest of the info against the task info schema.
 */
function splitResults(ds: AnyDescriptor[], style: 'api' | 'rest', infos: Info[]): string[] {
  return infos.flatMap((info) => {
    if (!('result' in info)) return [];
    const { result } = info;
    delete info.result;
    const twin = `${style === 'rest' ? 'rest.' : ''}${info.service.replace(/^com\.vmware\./, '')}.${info.operation}`;
    for (const d of ds) {
      const op = d.operations.find((o) => o.name === twin);
      if (op) return check(d, twin, op.result, result);
    }
    return [`task result of unknown operation ${twin}`];
  });
}

/** `ds`: the releases that may have answered, the entry's own first (a task's operation may come from an older one). */
function validate(ds: AnyDescriptor[], op: OperationSpec, entry: MockLogEntry): string[] {
  const d = ds[0]!;
  const ok = entry.status < 300;
  const schema = ok ? op.result : op.errors?.[String(entry.status)];
  if (!schema)
    return ok && entry.body !== undefined
      ? [`${op.name}: a body where the spec declares none`]
      : ok
        ? []
        : [`${op.name}: HTTP ${entry.status}, which the spec does not declare`];
  // /rest wraps results in {value}, and errors in {type, value}: the spec describes what is inside.
  const value = structuredClone(op.style === 'rest' ? (entry.body as { value?: unknown } | undefined)?.value : entry.body);
  const problems: string[] = [];
  if (ok && /^(rest\.)?cis\.tasks\.(get|list)$/.test(op.name)) {
    const infos = op.name.endsWith('get')
      ? [value]
      : op.style === 'rest'
        ? (value as { value: unknown }[]).map((e) => e.value)
        : Object.values(value as object);
    problems.push(...splitResults(ds, op.style, infos as Info[]));
  }
  return [...problems, ...check(d, op.name, schema, value)];
}

describe.each(RELEASES)('release %s', (release) => {
  let d: AnyDescriptor;
  let client: LooseClient;
  let unchecked: LooseClient;
  beforeAll(async () => {
    d = await descriptorOf(release);
    client = clientOf(mock, d);
    unchecked = clientOf(mock, d, { decode: 'off' });
  });
  afterAll(async () => {
    await client?.close();
    await unchecked?.close();
  });

  it('every modelled answer decodes in strict mode, and every modelled operation was answered', async () => {
    const start = log.length;
    await runScenario(client, unchecked, d);
    await runModelScenario(client, d);
    await runMetamodelScenario(client, d);
    const entries = log.slice(start).filter((e) => e.release === release && e.source === 'model');
    const byName = new Map(d.operations.map((o) => [o.name, o] as const));
    const problems = entries.flatMap((e) => validate([d], byName.get(e.operation!)!, e));
    expect(problems).toEqual([]);

    const answered = new Set(entries.filter((e) => e.status < 300).map((e) => e.operation));
    const examples = new Set(mock.fallbacks(release));
    const modelled = d.operations.filter((o) => !examples.has(o.name) && !UNCHECKED.test(o.name)).map((o) => o.name);
    expect(modelled.length).toBeGreaterThan(40);
    expect(modelled.filter((n) => !answered.has(n))).toEqual([]);
    expect(entries.filter((e) => e.status >= 400).length).toBeGreaterThan(0);
  });
});

describe('release 8.0.2 answering with 7.0.3 what its spec lacks', () => {
  it('a 7.0.3 client that sends no version header (as govmomi and Ansible) reaches 8.0.2; each answer decodes with the release that answered', async () => {
    const [d802, d703] = [await descriptorOf('8.0.2'), await descriptorOf('7.0.3')];
    const noHeader = { versionHeader: 'x-mock-unused-version' };
    const client = clientOf(mock, d703, noHeader);
    const unchecked = clientOf(mock, d703, { ...noHeader, decode: 'off' });
    try {
      const start = log.length;
      await runScenario(client, unchecked, d703);
      await runModelScenario(client, d703);
      const entries = log.slice(start).filter((e) => e.source === 'model');
      expect(new Set(entries.map((e) => e.release))).toEqual(new Set(['8.0.2']));
      const byRelease = { '8.0.2': d802, '7.0.3': d703 } as Record<string, AnyDescriptor>;
      const problems = entries.flatMap((e) => {
        const own = byRelease[e.answeredBy!]!;
        const op = own.operations.find((o) => o.name === e.operation)!;
        return validate([own, d802, d703], op, e);
      });
      expect(problems).toEqual([]);
      const from703 = entries.filter((e) => e.answeredBy === '7.0.3').map((e) => e.operation);
      expect(from703).toContain('vcenter.vm.list');
      expect(entries.filter((e) => e.answeredBy === '8.0.2').map((e) => e.operation)).toContain('cis.tagging.category.list');
    } finally {
      await client.close();
      await unchecked.close();
    }
  });
});
