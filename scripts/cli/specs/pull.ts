/**
 * `specs pull`: a release folder from a running vCenter. The API Explorer's files first, byte
 * for byte; where the server has none (or `from: 'metamodel'`), the vAPI metamodel of every
 * component, converted to one Swagger 2.0 file per service. The component fingerprints decide
 * whether anything changed since the last pull into the same folder.
 */
import { join } from 'node:path';
import type { TlsOptions } from '@vcenter-sdk/runtime';
import { Failure } from '../util.js';
import { metamodelFiles, type ComponentData } from './to-swagger.js';
import { openServer, releaseOf, type Server, type ServerOptions } from './server.js';
import { PROVENANCE, provenanceText, recordedProvenance, writeReleaseFolder, type Provenance } from './write.js';

export type PullSource = Provenance['source'];

export interface PullOptions {
  url: string;
  username: string;
  password: string;
  tls: TlsOptions;
  descriptors: ServerOptions['descriptors'];
  retry?: ServerOptions['retry'];
  /** Where release folders go (`specs/vsphere`). */
  out: string;
  /** Only this source; default the API Explorer, else the metamodel. */
  from?: PullSource;
  /** Write even when the fingerprints are those of the last pull. */
  force?: boolean;
  log: (line: string) => void;
  now?: () => Date;
}

export interface PullResult {
  release: string;
  folder: string;
  source: PullSource;
  upToDate: boolean;
  /** The spec files written (or found up to date), PROVENANCE.md excluded. */
  files: string[];
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A file name the server gave: a plain name, never a path. */
const SAFE_NAME = /^[A-Za-z0-9][\w.-]*$/;

export async function pullRelease(o: PullOptions): Promise<PullResult> {
  const server = await openServer(o);
  try {
    const release = releaseOf(server.version);
    o.log(`${server.url}: vCenter ${server.version}${server.build ? ` build ${server.build}` : ''}, release ${release}`);
    const components = (await server.metadata('vapi.metadata.metamodel.component.list')) as string[];
    const fingerprints: Record<string, string> = {};
    for (const id of components) {
      try {
        fingerprints[id] = String(await server.metadata('vapi.metadata.metamodel.component.fingerprint', { component_id: id }));
      } catch (e) {
        throw new Failure(`component ${id}: cannot read its fingerprint (${message(e)}); nothing was written`);
      }
    }
    const folder = join(o.out, release);
    const last = recordedProvenance(folder);
    const wanted = o.from ?? last?.source;
    if (!o.force && last && (wanted === undefined || wanted === last.source) && sameRecord(last.fingerprints, fingerprints)) {
      o.log(`${release}: up to date (${components.length} component fingerprints unchanged since ${last.date}); nothing written`);
      return { release, folder, source: last.source, upToDate: true, files: last.files };
    }
    let source: PullSource = 'apiexplorer';
    let files: Map<string, Buffer | string> | undefined = o.from === 'metamodel' ? undefined : await explorerFiles(server, o.log);
    if (!files) {
      if (o.from === 'apiexplorer') throw new Failure(`${server.url} has no API Explorer files (GET /apiexplorer/json/api.json: 404)`);
      if (o.from !== 'metamodel') o.log('no API Explorer files on this server: reading the metamodel');
      source = 'metamodel';
      const converted = metamodelFiles(await readComponents(server, components, o.log));
      // Older servers map /rest operations through the rest navigation service, not RequestMapping.
      if (converted.unmapped.length)
        o.log(
          `${converted.unmapped.length} operation(s) have no REST mapping in the metamodel and are left out (${converted.unmapped.slice(0, 3).join(', ')}…)`,
        );
      files = converted.files;
    }
    const written = files;
    const names = [...written.keys()].sort();
    const provenance: Provenance = {
      server: server.url,
      version: server.version,
      build: server.build,
      date: (o.now?.() ?? new Date()).toISOString(),
      source,
      fingerprints,
      files: names,
    };
    written.set(PROVENANCE, provenanceText(release, provenance));
    writeReleaseFolder(o.out, release, written);
    o.log(`${release}: ${names.length} file(s) written to ${folder} (from the ${source === 'apiexplorer' ? 'API Explorer' : 'metamodel'})`);
    return { release, folder, source, upToDate: false, files: names };
  } finally {
    await server.close();
  }
}

const sameRecord = (a: Record<string, string>, b: Record<string, string>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The API Explorer's list and files, undefined when the server has none. */
async function explorerFiles(server: Server, log: (line: string) => void): Promise<Map<string, Buffer> | undefined> {
  const list = await server.explorerFile('api.json');
  if (!list) return undefined;
  let names: unknown;
  try {
    names = (JSON.parse(list.toString('utf8')) as { files?: unknown }).files;
  } catch (e) {
    throw new Failure(`/apiexplorer/json/api.json is not JSON (${message(e)})`);
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && SAFE_NAME.test(n)))
    throw new Failure('/apiexplorer/json/api.json: expected {"files": [service names]}');
  const files = new Map<string, Buffer>();
  for (const entry of names as string[]) {
    const file = entry.endsWith('.json') ? entry : `${entry}.json`;
    const bytes = await server.explorerFile(file).catch((e: unknown) => {
      throw new Failure(`service ${entry}: cannot read /apiexplorer/json/${file} (${message(e)}); nothing was written`);
    });
    if (!bytes) throw new Failure(`service ${entry}: api.json lists it, but /apiexplorer/json/${file} is 404; nothing was written`);
    let doc: { swagger?: unknown; openapi?: unknown };
    try {
      doc = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw new Failure(`service ${entry}: /apiexplorer/json/${file} is not JSON (${message(e)}); nothing was written`);
    }
    if (doc.swagger !== '2.0' && typeof doc.openapi !== 'string')
      throw new Failure(`service ${entry}: /apiexplorer/json/${file} is neither Swagger 2.0 nor OpenAPI 3; nothing was written`);
    files.set(file, bytes);
    log(`  ${file}: ${(bytes.length / 1024).toFixed(0)} KiB`);
  }
  return files;
}

async function readComponents(server: Server, ids: string[], log: (line: string) => void): Promise<ComponentData[]> {
  const out: ComponentData[] = [];
  for (const id of ids) {
    let data: ComponentData;
    try {
      data = (await server.metadata('vapi.metadata.metamodel.component.get', { component_id: id })) as ComponentData;
    } catch (e) {
      throw new Failure(`component ${id}: cannot read its metamodel (${message(e)}); nothing was written`);
    }
    out.push(data);
    log(`  ${id}: read`);
  }
  return out;
}
