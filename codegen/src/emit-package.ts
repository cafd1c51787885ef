/**
 * Writes the files of one release package into a folder: sources (src/), compiled ESM with
 * declarations (dist/), the data files and package.json. Compilation is per file (esbuild's
 * `transformSync`, package-files.ts `transpile`), with declarations written alongside, so a
 * release builds in seconds and never waits for a whole-program type-check.
 */
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';
import { BANNER } from './banner.js';
import type { ChecksModules } from './emit-decoders.js';
import { LAZY_IMPORTS, LAZY_LOADERS } from './lazy-modules.js';
import { RESULT_GROUP } from './result-groups.js';
import { packageName } from './output.js';
import { addPackageJson, GENERATOR, json, runtimeContract, transpile, writeFiles } from './package-files.js';

export interface PackageFiles {
  release: string;
  runtimeVersion: string;
  types: string;
  decoders: string;
  checks: ChecksModules;
  operations: OperationSpec[];
  data: Record<string, unknown>;
  /** The project's license text, shipped in every package. */
  license: string;
  /** specs/notes/<release>.md, if any: a section of the README. */
  notes?: string | undefined;
}

function indexSource(release: string, groups: readonly string[]): string {
  return `${BANNER}${LAZY_IMPORTS}import type { ReleaseDescriptor } from '@vcenter-sdk/runtime';
import operations from './operations.js';
import type { components, operations as Operations, paths } from './types.js';

export type { components, Operations, paths };
/** Every schema of the release, by name: \`Schemas['VcenterVMSummary']\`. */
export type Schemas = components['schemas'];

${LAZY_LOADERS}
// The check of an operation's answer comes from its group's module (results/<group>.cjs); each
// operation's group table is found once, so a call costs one lookup.
const RESULT_GROUPS: ReadonlySet<string> = new Set(${JSON.stringify(groups)});
const groupTables = new Map<string, Readonly<Record<string, Check>>>();
const byOperation = new Map<string, Readonly<Record<string, Check>> | null>();
function tableOf(operation: string): Readonly<Record<string, Check>> | null {
  const group = /${RESULT_GROUP}/.exec(operation)?.[1];
  if (group === undefined || !RESULT_GROUPS.has(group)) return null;
  let table = groupTables.get(group);
  if (!table) groupTables.set(group, (table = load<typeof makeChecks>(\`./results/\${group}.cjs\`)(checkKit)));
  return table;
}
function resultCheck(operation: string, schema: string): Check | undefined {
  let table = byOperation.get(operation);
  if (table === undefined) byOperation.set(operation, (table = tableOf(operation)));
  return table?.[schema];
}

/** The vSphere ${release} release: pass it to \`createClient\` or \`connect\` of \`@vcenter-sdk/runtime\`. */
const release: ReleaseDescriptor<Operations, paths, ${JSON.stringify(release)}> = {
  release: ${JSON.stringify(release)},
  get operations() {
    return operations();
  },
  resultCheck,
  get schemas() {
    return getSchemas();
  },
};
export default release;
`;
}

// The table ships once, as operations.json, and is read when a client first needs it: importing
// the release reads nothing, and the first read costs a JSON.parse of the file.
const OPERATIONS_SOURCE = `${BANNER}import { readFileSync } from 'node:fs';
import type { OperationSpec } from '@vcenter-sdk/runtime';

let table: readonly OperationSpec[] | undefined;

/** The operation table, parsed from operations.json on the first call. */
export default function operations(): readonly OperationSpec[] {
  return (table ??= JSON.parse(readFileSync(new URL('../operations.json', import.meta.url), 'utf8')) as OperationSpec[]);
}
`;

const OPERATIONS_DTS = `${BANNER}import type { OperationSpec } from '@vcenter-sdk/runtime';
/** The operation table, parsed from operations.json on the first call. */
export default function operations(): readonly OperationSpec[];
`;

function indexDts(release: string): string {
  return `${BANNER}import type { ReleaseDescriptor } from '@vcenter-sdk/runtime';
import type { components, operations as Operations, paths } from './types.js';
export type { components, Operations, paths };
/** Every schema of the release, by name: \`Schemas['VcenterVMSummary']\`. */
export type Schemas = components['schemas'];
/** The vSphere ${release} release: pass it to \`createClient\` or \`connect\` of \`@vcenter-sdk/runtime\`. */
declare const release: ReleaseDescriptor<Operations, paths, ${JSON.stringify(release)}>;
export default release;
`;
}

/** The example's call: the first of these operations the release has (the /api listing came with 7.0.2; 8.0.2's spec has no VM service). */
const EXAMPLE_CALLS: [operation: string, result: string, printed: string][] = [
  ['vcenter.vm.list', 'vms', 'vms.map((vm) => vm.name)'],
  ['rest.vcenter.vm.list', 'vms', 'vms.map((vm) => vm.name)'],
  ['appliance.system.version.get', 'version', 'version.product, version.version'],
];

function exampleCall(operations: OperationSpec[]): string {
  const found = EXAMPLE_CALLS.find(([op]) => operations.some((o) => o.name === op));
  if (!found) return 'console.log(client.release);';
  const [op, result, printed] = found;
  return `const ${result} = await client.call('${op}');\nconsole.log(${printed});`;
}

function readme(release: string, operations: OperationSpec[], notes: string | undefined): string {
  const services = [...new Set(operations.map((o) => o.service))].sort();
  const name = packageName(release);
  const { contract, range } = runtimeContract();
  return `# ${name}

The vSphere Automation REST API of **vSphere ${release}**, for \`@vcenter-sdk/runtime\`: the
operation table, openapi-typescript types and lazy Zod decoders of its ${operations.length}
operations (${services.join(', ')}), generated by vcenter-sdk from VMware's specification.
${notes ? `\n## Note\n\n${notes.trim()}\n` : ''}
## Install

\`\`\`sh
npm install @vcenter-sdk/runtime ${name}
\`\`\`

ESM only, Node 20 or later. Install one package per vCenter release you talk to: each is
independent, and importing one never loads another.

## Example

\`\`\`ts
import { createClient } from '@vcenter-sdk/runtime';
import release from '${name}';

await using client = createClient({
  baseUrl: 'https://vcenter.example.com',
  release,
  auth: { username: 'administrator@vsphere.local', password: process.env.VCENTER_PASSWORD ?? '' },
});
${exampleCall(operations)}
\`\`\`

Several release packages make one client (\`createClient({ releases: [...] })\` or
\`connect({ releases: [...] })\`): each operation is sent with, and decoded by, the newest
given release that has it and is not newer than the server.

\`operations.json\` lists every operation: its name, method, path, whether it is async, and
the schemas of its body, result and errors. \`responses.json\` holds each operation's response
schemas, from which \`@vcenter-sdk/mock\` builds the answers of operations it does not model.

## Version

The name says the vSphere release (${release}); the version says what built it:
\`<contract>.<generator>.<revision>\`. This package is built for contract ${contract} of
\`@vcenter-sdk/runtime\` (its peer dependency, \`${range}\`) by generator line ${GENERATOR};
the revision moves whenever this package's output changes, and only then.
`;
}

export function writePackage(dir: string, p: PackageFiles): void {
  const sources: Record<string, string> = {
    'src/types.ts': p.types,
    'src/decoders.ts': p.decoders,
    'src/checks.ts': p.checks.all,
    ...Object.fromEntries([...p.checks.groups].map(([group, source]) => [`src/results/${group}.ts`, source])),
    'src/operations.ts': OPERATIONS_SOURCE,
    'src/index.ts': indexSource(p.release, [...p.checks.groups.keys()]),
  };
  const files: Record<string, string> = {
    ...sources,
    'dist/types.js': 'export {};\n',
    'dist/types.d.ts': p.types,
    'dist/decoders.cjs': transpile(p.decoders, 'decoders.ts', 'cjs'),
    'dist/checks.cjs': transpile(p.checks.all, 'checks.ts', 'cjs'),
    ...Object.fromEntries(
      [...p.checks.groups].map(([group, source]) => [`dist/results/${group}.cjs`, transpile(source, `${group}.ts`, 'cjs')]),
    ),
    'dist/operations.js': transpile(sources['src/operations.ts']!, 'operations.ts'),
    'dist/operations.d.ts': OPERATIONS_DTS,
    'dist/index.js': transpile(sources['src/index.ts']!, 'index.ts'),
    'dist/index.d.ts': indexDts(p.release),
    'README.md': readme(p.release, p.operations, p.notes),
    LICENSE: p.license,
    ...Object.fromEntries(Object.entries(p.data).map(([name, value]) => [name, json(value)])),
  };
  addPackageJson(files, {
    name: packageName(p.release),
    description: `Typed client, operation table and decoders for the vSphere Automation API ${p.release}`,
    keywords: [`vsphere-${p.release}`],
    fields: { vsphereRelease: p.release },
    // responses.json: what the mock (@vcenter-sdk/mock) builds its example answers from.
    subpaths: { './operations.json': './operations.json', './responses.json': './responses.json' },
    files: ['operations.json', 'responses.json'],
  });
  writeFiles(dir, files);
}
