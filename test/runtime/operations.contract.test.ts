/**
 * Contract: a deterministic sample of operations of every service of every release,
 * called through the SDK client (`createClient(...).call(name, ...)`) against Prism serving
 * the release's own document (`--errors`: Prism validates each request and answers
 * violations with 4xx/422 and an `sl-violations` header), behind the mock vCenter.
 *
 * Sample (test/prism/sample.ts): per service, every Nth operation by name
 * (N = ceil(count / 12)), plus the first operation with each feature (`?action=`,
 * `~action=`, `vmw-task=true`, path params, optional and required query params, a body,
 * a required body, a non-GET method), plus a few named ones (vm list/create/clone/clone$task,
 * version, sessions, library item storage/file get with their valueless query keys...).
 *
 * Arguments (harness.ts, synth.ts): path params and the required query params (plus the
 * first optional one) from their schemas; a body with the required fields only (enums: first
 * value, strings: 'x' or a value of their format, numbers: minimum or 0, arrays: minItems).
 *
 * Per operation it asserts:
 * - no request violation (`sl-violations` absent) and a success status the spec declares;
 * - the mock routed the request to this very operation (`X-Mock-Operation`), which proves the
 *   fixed-query folding, except for login / version / hello, which the mock answers itself;
 * - the result decodes with the release's decoder (`schemas[op.result]()`), `/rest` results
 *   unwrapped from `{value}` by the client, with no issues.
 *
 * Known deviations are listed in KNOWN with the reason; such an operation is asserted to
 * still deviate (so a fix shows up as a failure to update this list), never skipped silently.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OperationSpec } from '@vcenter-sdk/runtime';
import { argsFor, contractClient, decodeIssues, loadRelease, RELEASES, type ContractClient } from '../prism/harness.js';
import { sampleOperations } from '../prism/sample.js';

/** Answered by the mock itself (test/prism/front/system.ts), not by Prism. */
const MOCK_ANSWERED = new Set([
  'session.create',
  'session.delete',
  'rest.cis.session.create',
  'rest.cis.session.delete',
  'appliance.system.version.get',
  'rest.appliance.system.version.get',
  'vcenter.system.hello',
]);

/**
 * Known deviations, `release/operation` (or `*` for every release) → why. The test asserts
 * that the deviation is still there.
 */
const PRISM_RECURSIVE =
  'Prism bug: its static example of a recursive schema (vAPI metamodel Type/ElementValue, LocalizableMessage.params.l) stops at some depth with objects that lack required properties, then its own response validation (--errors) rejects that example with 500 VIOLATIONS; the spec is fine';
const PRISM_REF_TOKEN =
  "Prism bug: 500 'Invalid reference token: paths' while generating the response for a deeply nested schema (EsxSettingsClustersSoftwareReportsCheckResult); the document has no $ref into #/paths";

const KNOWN: Record<string, string> = {
  '6.7.0/rest.vapi.metadata.metamodel.service.operation.get': PRISM_RECURSIVE,
  '7.0.0/rest.vapi.metadata.metamodel.component.get': PRISM_RECURSIVE,
  '7.0.0/rest.vapi.metadata.metamodel.package.get': PRISM_RECURSIVE,
  '7.0.0/rest.vapi.metadata.metamodel.service.get': PRISM_RECURSIVE,
  '7.0.0/rest.vapi.metadata.metamodel.structure.get': PRISM_RECURSIVE,
  '7.0.1/rest.appliance.update.get': PRISM_RECURSIVE,
  '7.0.1/rest.vapi.metadata.metamodel.component.get': PRISM_RECURSIVE,
  '7.0.1/rest.vapi.metadata.metamodel.package.get': PRISM_RECURSIVE,
  '7.0.1/rest.vapi.metadata.metamodel.service.get': PRISM_RECURSIVE,
  '7.0.1/rest.vapi.metadata.metamodel.structure.get': PRISM_RECURSIVE,
  '7.0.2/esx.settings.clusters.software.reports.hardware_compatibility.details.get': PRISM_REF_TOKEN,
  '7.0.2/esx.software.get': PRISM_RECURSIVE,
  '7.0.2/rest.vapi.metadata.metamodel.component.get': PRISM_RECURSIVE,
  '7.0.2/rest.vapi.metadata.metamodel.service.get': PRISM_RECURSIVE,
  '7.0.2/vapi.metadata.metamodel.service.operation.get': PRISM_RECURSIVE,
  '7.0.3/esx.settings.clusters.software.reports.hardware_compatibility.details.get': PRISM_REF_TOKEN,
  '7.0.3/esx.software.get': PRISM_RECURSIVE,
  '7.0.3/rest.vapi.metadata.metamodel.component.get': PRISM_RECURSIVE,
  '7.0.3/rest.vapi.metadata.metamodel.service.get': PRISM_RECURSIVE,
  '7.0.3/rest.vcenter.vm.storage.policy.compliance.get': PRISM_RECURSIVE,
  '7.0.3/vapi.metadata.metamodel.service.operation.get': PRISM_RECURSIVE,
};

function known(release: string, op: OperationSpec): string | undefined {
  return KNOWN[`${release}/${op.name}`] ?? KNOWN[`*/${op.name}`];
}

const exercised: Record<string, number> = {};
const knownHit: string[] = [];

afterAll(() => {
  console.log(`[contract] operations exercised per release: ${JSON.stringify(exercised)}`);
  if (knownHit.length)
    console.warn(`[contract] ${knownHit.length} known deviations (see KNOWN in operations.test.ts):\n  ${knownHit.join('\n  ')}`);
});

for (const release of RELEASES) {
  const { descriptor, doc } = await loadRelease(release);
  const sample = sampleOperations(descriptor.operations);
  exercised[release] = sample.length;

  describe(`release ${release} (${sample.length} of ${descriptor.operations.length} operations)`, () => {
    let client: ContractClient;
    beforeAll(() => {
      client = contractClient(inject('mockUrl'), descriptor);
    });
    afterAll(async () => {
      await client?.close();
    });

    it.each(sample.map((op) => [`${op.service}: ${op.name} (${op.method} ${op.path})`, op] as const))('%s', async (_title, op) => {
      const args = argsFor(doc, op);
      const { data, exchange, error } = await client.call(op, args);
      const problems: string[] = [];
      const violations = exchange?.headers['sl-violations'];
      if (violations) problems.push(`Prism reported violations: ${violations.slice(0, 300)}`);
      if (error) {
        const e = error as { status?: number; kind?: string; message?: string; body?: unknown };
        problems.push(
          `call failed: ${e.status ?? '-'} ${e.kind ?? ''} ${e.message ?? String(error)} ${JSON.stringify(e.body ?? '').slice(0, 300)}`,
        );
      } else {
        if (!exchange) problems.push('no response observed');
        else {
          if (!op.success.includes(exchange.status))
            problems.push(`status ${exchange.status} not among the declared ${op.success.join(', ')}`);
          if (exchange.headers['x-api-version'] !== release) problems.push(`X-API-Version answered ${exchange.headers['x-api-version']}`);
          if (!MOCK_ANSWERED.has(op.name) && exchange.headers['x-mock-operation'] !== op.name) {
            problems.push(`routed to ${exchange.headers['x-mock-operation'] ?? '(no operation)'} instead of ${op.name}`);
          }
        }
        for (const issue of decodeIssues(descriptor, op, data)) problems.push(`decode: ${issue}`);
      }
      const why = known(release, op);
      const detail = `${release} ${op.name}\n  args: ${JSON.stringify(args).slice(0, 400)}\n  ${problems.join('\n  ')}`;
      if (why) {
        knownHit.push(`${release} ${op.name}: ${why.split(':')[0]}`);
        expect(problems, `KNOWN deviation no longer reproduces (${why}); remove it from KNOWN`).not.toEqual([]);
      } else {
        expect(problems, detail).toEqual([]);
      }
    });
  });
}
