/**
 * `vcenter-sdk events list <release> [pattern]` and `vcenter-sdk events send <EventId> --to URL`:
 * the vCenter event catalogs, and delivering a CloudEvent as VEBA would (binary mode and the
 * com.vmware.vsphere.<EventId>.v0 type by default), with a realistic body for every class.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodeEvent } from '@vcenter-sdk/events';
import { didYouMean, suggest } from '@vcenter-sdk/runtime/text';
import { matcher } from './ops.js';
import { Failure, generatedDir, out, parse, table, toJson, UsageError, type Command } from './util.js';

interface Entry {
  id: string;
  kind: string;
  class: string;
  description: string;
}
interface Data {
  ancestors: Record<string, readonly string[]>;
  dotted: Record<string, readonly string[]>;
  releases: readonly { name: string; version: string; title: string; declared: number | null; size: number }[];
  catalog(release: string): Promise<{ name: string; version: string; entries: readonly Entry[] } | undefined>;
}

async function load(dir: string | undefined): Promise<{ data: Data; samples: Record<string, Record<string, unknown>> }> {
  const base = join(generatedDir(dir), 'events', 'dist');
  if (!existsSync(join(base, 'index.js')))
    throw new Failure(`the events package is not generated in ${join(generatedDir(dir), 'events')}; run \`vcenter-sdk generate\``);
  const [data, samples] = await Promise.all([
    import(pathToFileURL(join(base, 'index.js')).href),
    import(pathToFileURL(join(base, 'samples.js')).href),
  ]);
  return { data: data.default, samples: samples.default };
}

const HELP = `Usage:
  vcenter-sdk events list <release> [pattern] [--json] [--dir DIR]
  vcenter-sdk events send <EventId> --to URL [--vm ID] [--host ID] [--data FILE] [--structured] [--router] [--source URL] [--dir DIR]

list: the events a stock vCenter of that release emits, whose id, class or description
contains the pattern (case-insensitive; /regex/ for a regular expression). The release is
a catalog name (6.7u3, 7.0, 7.0u1 ... 8.0u3) or its version id (6.7.3, 7.0.0 ... 8.0.3).
Note: the 7.0 catalog source is truncated (1004 of 1778 events).

send: POSTs one CloudEvent as VEBA does: binary mode (ce-* headers), type
com.vmware.vsphere.<EventId>.v0, source https://vcenter.example.com/sdk. The body is a
realistic sample of the event's class (for a dotted id, an EventEx or ExtendedEvent with
that EventTypeId); --data FILE (JSON) replaces the fields it names. The sample names
vm-42 and host-10: aim the event at objects your vCenter (or the mock) has with --vm and
--host, which set the event's reference (Vm.Vm.Value, Host.Host.Value) and its Name to the id.

Options:
  --to URL        where to POST (your function)
  --vm ID         the VM the event is about (Vm: {Name: ID, Vm: {Type: VirtualMachine, Value: ID}})
  --host ID       the host the event is about (Host: {Name: ID, Host: {Type: HostSystem, Value: ID}})
  --data FILE     a JSON object merged over the sample body (--vm and --host apply after it)
  --structured    structured mode (application/cloudevents+json) instead of binary
  --router        the older event router's type (com.vmware.event.router/event, id in ce-subject)
  --source URL    the ce-source (default https://vcenter.example.com/sdk)
  --json          (list) the entries as JSON
  --dir DIR       the folder of generated packages (default: generated/ of the repository)

Examples:
  vcenter-sdk events list 8.0u3 VmPowered
  vcenter-sdk events list 8.0.3 '/^com\\.vmware\\.vc\\.HA\\./'
  vcenter-sdk events send VmPoweredOnEvent --to http://127.0.0.1:8080/ --vm vm-12
  vcenter-sdk events send com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent --to http://127.0.0.1:8080/ --structured`;

async function list(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, dir: { type: 'string' } });
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError(`expected a release and at most one pattern, got ${positionals.length} arguments`);
  const [release, pattern] = positionals as [string, string | undefined];
  const { data } = await load(values.dir);
  const catalog = await data.catalog(release);
  if (!catalog) {
    const near = suggest(
      release,
      data.releases.flatMap((r) => [r.name, r.version]),
    );
    throw new UsageError(
      `no event catalog for release '${release}' (known: ${data.releases.map((r) => `${r.name} (${r.version})`).join(', ')})${didYouMean(near)}`,
    );
  }
  const match = matcher(pattern);
  const found = catalog.entries.filter((e) => match(e.id) || match(e.class) || match(e.description));
  if (values.json) {
    out(toJson(found));
    return 0;
  }
  if (found.length)
    out(
      table(
        ['EVENT ID', 'TYPE', 'DESCRIPTION'],
        found.map((e) => [e.id, e.kind, e.description]),
      ),
    );
  process.stderr.write(`${found.length} of ${catalog.entries.length} events of vCenter ${catalog.name} (${catalog.version})\n`);
  return 0;
}

function readData(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--data ${file}: ${(e as Error).message}`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--data ${file}: not JSON (${(e as Error).message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new UsageError(`--data ${file}: expected a JSON object (the event's fields), got ${Array.isArray(v) ? 'an array' : typeof v}`);
  return v as Record<string, unknown>;
}

/** The options that aim an event at an object: the event's field, and the managed object type of its reference. */
const OBJECTS = {
  vm: { field: 'Vm', type: 'VirtualMachine' },
  host: { field: 'Host', type: 'HostSystem' },
} as const;

/** The event's fields that --vm / --host set (a managed object id, e.g. vm-12, as the REST API takes it). */
function objectFields(values: Partial<Record<keyof typeof OBJECTS, string>>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [option, { field, type }] of Object.entries(OBJECTS)) {
    const id = values[option as keyof typeof OBJECTS];
    if (id === undefined) continue;
    if (!/^[\w.:-]+$/.test(id)) throw new UsageError(`--${option} '${id}': expected a managed object id such as ${option}-12`);
    fields[field] = { Name: id, [field]: { Type: type, Value: id } };
  }
  return fields;
}

async function send(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    to: { type: 'string' },
    data: { type: 'string' },
    structured: { type: 'boolean' },
    router: { type: 'boolean' },
    source: { type: 'string' },
    vm: { type: 'string' },
    host: { type: 'string' },
    dir: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one event id, got ${positionals.length}`);
  const id = positionals[0]!;
  if (!values.to) throw new UsageError('missing --to URL');
  let url: URL;
  try {
    url = new URL(values.to);
  } catch {
    throw new UsageError(`--to ${values.to}: not a URL`);
  }
  const { data, samples } = await load(values.dir);
  const dotted = data.dotted[id];
  const cls = data.ancestors[id] ? id : dotted?.[0];
  const extra = values.data ? readData(values.data) : undefined;
  const objects = objectFields(values);
  if (!cls && !extra) {
    const near = suggest(id, [...Object.keys(data.ancestors), ...Object.keys(data.dotted)]);
    throw new UsageError(
      `'${id}' is neither an event class nor an id of any catalog${didYouMean(near)}; give its body with --data FILE to send it anyway`,
    );
  }
  const body = { ...(cls ? samples[cls] : {}), ...(cls && cls !== id ? { EventTypeId: id } : {}), ...extra, ...objects };
  const kind = cls === 'EventEx' ? 'eventex' : cls === 'ExtendedEvent' ? 'extendedevent' : 'event';
  const m = encodeEvent(id, body, {
    structured: !!values.structured,
    scheme: values.router ? 'router' : 'vsphere',
    routerKind: kind,
    ...(values.source ? { source: values.source } : {}),
  });
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: m.headers, body: m.body, signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    throw new Failure(`POST ${url.href}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  process.stderr.write(
    `sent ${id} (${cls ?? 'body from --data'}, ${values.structured ? 'structured' : 'binary'} mode, type ${m.headers['ce-type'] ?? JSON.parse(m.body).type}) to ${url.href}: HTTP ${res.status}\n`,
  );
  if (text) out(text);
  return res.ok ? 0 : 1;
}

export const events: Command = {
  name: 'events',
  summary: 'list the vCenter event catalog of a release; send a CloudEvent as VEBA would',
  help: HELP,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'list') return list(rest);
    if (sub === 'send') return send(rest);
    throw new UsageError(
      sub ? `unknown subcommand '${sub}'${didYouMean(suggest(sub, ['list', 'send']))} (list, send)` : 'missing subcommand (list, send)',
    );
  },
};
