/**
 * The project's knowledge of releases, kept as data in `specs/`:
 * - `specs/releases.json`: per known release, the SHA-256 of each input file, so a changed
 *   input is reported instead of silently used;
 * - `specs/fixes/<release>/<file>.patch.json`: JSON Patch (RFC 6902) fixes for known spec
 *   defects, applied to that input file before anything else reads it. Each op may carry a
 *   `reason`, which the report repeats;
 * - `specs/notes/<release>.md`: a note for the release package's README (a missing service...).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from './errors.js';
import type { SpecFile } from './load.js';

export type PatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown; reason?: string }
  | { op: 'remove'; path: string; reason?: string };

export interface AppliedFix {
  file: string;
  op: PatchOp['op'];
  pointer: string;
  reason?: string;
}

export interface DigestCheck {
  known: boolean;
  /** Files whose digest differs from the recorded one, or that the record does not list. */
  changed: { file: string; expected?: string; actual: string }[];
  /** Files the record lists that the folder lacks. */
  missing: string[];
}

type Registry = Record<string, { files: Record<string, string> }>;

export class SpecRegistry {
  constructor(readonly dir: string) {}

  private get registryFile() {
    return join(this.dir, 'releases.json');
  }

  read(): Registry {
    return existsSync(this.registryFile) ? JSON.parse(readFileSync(this.registryFile, 'utf8')) : {};
  }

  checkDigests(release: string, files: SpecFile[]): DigestCheck {
    const recorded = this.read()[release];
    if (!recorded) return { known: false, changed: [], missing: [] };
    const changed = files
      .filter((f) => recorded.files[f.name] !== f.sha256)
      .map((f) => ({ file: f.label, expected: recorded.files[f.name], actual: f.sha256 }));
    const names = new Set(files.map((f) => f.name));
    const missing = Object.keys(recorded.files).filter((n) => !names.has(n));
    return { known: true, changed, missing };
  }

  /** Records the digests of a release's files (`generate --record`). */
  record(release: string, files: SpecFile[]): void {
    const registry = this.read();
    registry[release] = { files: Object.fromEntries(files.map((f) => [f.name, f.sha256])) };
    const sorted = Object.fromEntries(Object.entries(registry).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(this.registryFile, `${JSON.stringify(sorted, null, 2)}\n`);
  }

  /** `specs/notes/<release>.md`: what a user of the release's package must know (its README carries it), if anything. */
  notes(release: string): string | undefined {
    const file = join(this.dir, 'notes', `${release}.md`);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  /** The fix files of a release, as `{ fileName: ops }` (raw text included for the input digest). */
  fixes(release: string): { target: string; source: string; text: string; ops: PatchOp[] }[] {
    const dir = join(this.dir, 'fixes', release);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => n.endsWith('.patch.json'))
      .sort()
      .map((n) => {
        const source = `specs/fixes/${release}/${n}`;
        const text = readFileSync(join(dir, n), 'utf8');
        let ops: unknown;
        try {
          ops = JSON.parse(text);
        } catch (e) {
          throw new SpecError(`not valid JSON: ${(e as Error).message}`, source);
        }
        if (!Array.isArray(ops)) throw new SpecError('a JSON Patch must be an array of operations', source);
        return { target: n.slice(0, -'.patch.json'.length), source, text, ops: ops as PatchOp[] };
      });
  }
}

const unescapePointer = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~');

/** Applies JSON Patch ops in place; a failing op names the fix file, the op index and its pointer. */
export function applyPatch(doc: unknown, ops: PatchOp[], source: string, target: string): AppliedFix[] {
  return ops
    .map((op, i) => {
      const where = `/${i}`;
      if (typeof op.path !== 'string' || !op.path.startsWith('/'))
        throw new SpecError(`op ${i}: path must be a JSON pointer`, source, where);
      const keys = op.path.slice(1).split('/').map(unescapePointer);
      const last = keys.pop()!;
      let parent: any = doc;
      for (const k of keys) {
        if (parent === null || typeof parent !== 'object' || !(k in parent))
          throw new SpecError(`op ${i} (${op.op}): ${op.path} does not exist in ${target}`, source, where);
        parent = parent[k];
      }
      if (parent === null || typeof parent !== 'object')
        throw new SpecError(`op ${i} (${op.op}): the parent of ${op.path} is not a container in ${target}`, source, where);
      const exists = Array.isArray(parent) ? last === '-' || Number(last) < parent.length : last in parent;
      switch (op.op) {
        case 'test':
          if (JSON.stringify(parent[last]) !== JSON.stringify(op.value))
            throw new SpecError(
              `op ${i} (test): ${target} has ${JSON.stringify(parent[last])} at ${op.path}, the fix expects ${JSON.stringify(op.value)}; the input changed, review this fix`,
              source,
              where,
            );
          break;
        case 'remove':
        case 'replace':
          if (!exists) throw new SpecError(`op ${i} (${op.op}): ${op.path} does not exist in ${target}`, source, where);
          if (op.op === 'remove') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
          else parent[last] = structuredClone(op.value);
          break;
        case 'add':
          if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, structuredClone(op.value));
          else parent[last] = structuredClone(op.value);
          break;
        default:
          throw new SpecError(`op ${i}: unsupported op ${JSON.stringify((op as { op: unknown }).op)}`, source, where);
      }
      return { file: target, op: op.op, pointer: op.path, ...(op.reason ? { reason: op.reason } : {}) };
    })
    .filter((f) => f.op !== 'test');
}
