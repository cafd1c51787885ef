/**
 * `vcenter-sdk call R NAME ...`: one operation against a vCenter, with the runtime's client and
 * the release package `@vcenter-sdk/vsphere-<R>`. Credentials come from the environment only.
 */
import { readFileSync } from 'node:fs';
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';
import { didYouMean, suggest } from '@vcenter-sdk/runtime/text';
import { checkRelease, Failure, generatedDir, out, parse, requireGenerated, toJson, UsageError, type Command } from './util.js';
import { envCredentials, serverUrl } from './server-flags.js';

/** Flags that would put a credential on the command line (visible in the process list and shell history). */
const CREDENTIAL_FLAGS = /^(--?(password|passwd|pass|pw|user|username|login)|-p|-u)(=|$)/i;

export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
}

/**
 * `k=v` pairs → path parameters (when the operation has a path parameter `k`), else query
 * parameters; a key given more than once becomes an array.
 */
export function splitParams(op: Pick<OperationSpec, 'name' | 'parameters'>, pairs: string[]): RequestParts {
  const pathNames = new Set(op.parameters.filter((p) => p.in === 'path').map((p) => p.name));
  const path: Record<string, string> = {};
  const query: Record<string, string | string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param takes key=value, got '${pair}'`);
    const k = pair.slice(0, eq);
    const v = pair.slice(eq + 1);
    if (pathNames.has(k)) {
      if (k in path) throw new UsageError(`path parameter '${k}' given twice`);
      path[k] = v;
    } else {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
  }
  const missing = [...pathNames].filter((n) => !(n in path));
  if (missing.length) throw new UsageError(`${op.name} needs the path parameter(s) ${missing.map((m) => `--param ${m}=...`).join(', ')}`);
  return { path, query };
}

/** A flag's whole positive number, or undefined when the flag is not given. */
function positiveFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${flag} must be a whole number above 0, got '${value}'`);
  return Number(value);
}

function readBody(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Failure(`cannot read the body file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Failure(`the body file ${file} is not JSON: ${(e as Error).message}`);
  }
}

export const call: Command = {
  name: 'call',
  summary: 'call one operation of release R on a vCenter and print the result as JSON',
  help: `Usage: vcenter-sdk call R NAME --url URL [--param k=v]... [--body FILE]
                        [--ca FILE | --thumbprint T | --insecure] [--allow-insecure-http]
                        [--timeout-ms MS] [--max-response-bytes N]

Calls operation NAME (see \`vcenter-sdk ops R\`) of release R on the vCenter at URL and
prints the decoded result as JSON (nothing when the operation has no result).

Credentials come from the environment, never from the command line:
  VCENTER_USER       user name (administrator@vsphere.local)
  VCENTER_PASSWORD   password

Options:
  --url URL          the vCenter, https://host[:port]
  --param k=v        a path parameter when NAME has one named k, else a query parameter;
                     repeat it for more, a repeated key becomes a list
  --body FILE        the request body, a JSON file (- for stdin)
  --ca FILE          trust the PEM CA certificate(s) in FILE (instead of the system's)
  --thumbprint T     accept the server's certificate by its SHA-256 (or SHA-1) fingerprint
  --insecure         accept any certificate (tests only)
  --allow-insecure-http
                     allow a plain http:// URL to a host that is not loopback (the
                     credentials and the session id then cross the network in clear)
  --timeout-ms MS    give up on an attempt after MS milliseconds (default 60000)
  --max-response-bytes N
                     the largest response accepted (default 64 MiB)

Example:
  VCENTER_USER=administrator@vsphere.local VCENTER_PASSWORD=... \\
    vcenter-sdk call 7.0.3 vcenter.vm.list --url https://vc.example.com --param power_states=POWERED_ON`,
  async run(argv) {
    const credential = argv.find((a) => CREDENTIAL_FLAGS.test(a));
    if (credential) {
      const flag = credential.split('=')[0];
      throw new UsageError(
        `${flag} is not accepted: credentials come from VCENTER_USER and VCENTER_PASSWORD in the environment, never from the command line`,
      );
    }
    const { values, positionals } = parse(argv, {
      url: { type: 'string' },
      param: { type: 'string', multiple: true },
      body: { type: 'string' },
      ca: { type: 'string' },
      thumbprint: { type: 'string' },
      insecure: { type: 'boolean' },
      'allow-insecure-http': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      'max-response-bytes': { type: 'string' },
    });
    const limits = {
      timeoutMs: positiveFlag('--timeout-ms', values['timeout-ms']),
      maxResponseBytes: positiveFlag('--max-response-bytes', values['max-response-bytes']),
    };
    if (positionals.length !== 2)
      throw new UsageError(`expected a release and an operation name (R NAME), got ${positionals.length} arguments`);
    const release = checkRelease(positionals[0]);
    const name = positionals[1]!;
    const url = serverUrl(values.url);
    const tlsChoices = [values.ca && '--ca', values.thumbprint && '--thumbprint', values.insecure && '--insecure'].filter(Boolean);
    if (tlsChoices.length > 1) throw new UsageError(`${tlsChoices.join(' and ')} exclude each other`);
    const { username, password } = envCredentials();

    const tls: { ca?: string; thumbprint?: string; insecure?: boolean } = {};
    if (values.ca) {
      try {
        tls.ca = readFileSync(values.ca, 'utf8');
      } catch (e) {
        throw new Failure(`cannot read the CA file ${values.ca}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    if (values.thumbprint) {
      const hex = values.thumbprint.replace(/[:\s-]/g, '');
      if (!/^[0-9a-fA-F]+$/.test(hex) || (hex.length !== 64 && hex.length !== 40))
        throw new UsageError(`--thumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) fingerprint, colons optional`);
      tls.thumbprint = values.thumbprint;
    }
    if (values.insecure) tls.insecure = true;

    requireGenerated(generatedDir(undefined), release);
    const pkg = `@vcenter-sdk/vsphere-${release}`;
    let descriptor: { release: string; operations: readonly OperationSpec[] };
    try {
      descriptor = (await import(pkg)).default;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(pkg))
        throw new Failure(`release package ${pkg} is not available; run \`vcenter-sdk generate --release ${release}\``);
      if (code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('@vcenter-sdk/runtime'))
        throw new Failure(`the runtime is not built (${pkg} needs @vcenter-sdk/runtime); run \`npm run build:runtime\``);
      throw new Failure(`cannot load ${pkg}: ${(e as Error).message}`);
    }
    const op = descriptor.operations.find((o) => o.name === name);
    if (!op) {
      const near = suggest(
        name,
        descriptor.operations.map((o) => o.name),
      );
      throw new UsageError(
        `release ${release} has no operation '${name}'${near.length ? didYouMean(near) : `; find it with \`vcenter-sdk ops ${release} ${name.split('.').pop()}\``}`,
      );
    }
    const { path, query } = splitParams(op, values.param ?? []);
    const body = values.body !== undefined ? readBody(values.body) : undefined;
    if (body !== undefined && !op.body) throw new UsageError(`${name} takes no request body`);

    // The runtime as the release package sees it (its dist/), so both share one module instance.
    let runtime: {
      createClient(o: Record<string, unknown>): { call(name: string, init: unknown): Promise<unknown>; close(): Promise<void> };
    };
    try {
      runtime = (await import('@vcenter-sdk/runtime')) as unknown as typeof runtime;
    } catch (e) {
      throw new Failure(`cannot load @vcenter-sdk/runtime (${(e as Error).message.split('\n')[0]}); run \`npm run build:runtime\``);
    }
    const client = runtime.createClient({
      baseUrl: url.href.replace(/\/+$/, ''),
      release: descriptor,
      auth: { username, password },
      tls,
      // One attempt: a command reports what happened rather than waiting through retries.
      retry: false,
      ...(values['allow-insecure-http'] ? { allowInsecureHttp: true } : {}),
      ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
    });
    try {
      const result = await client.call(name, {
        ...(Object.keys(path).length ? { path } : {}),
        ...(Object.keys(query).length ? { query } : {}),
        ...(body !== undefined ? { body } : {}),
      });
      if (result !== undefined) out(toJson(result));
      return 0;
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};
