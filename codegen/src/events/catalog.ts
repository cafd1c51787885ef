/**
 * Reads the per-release event catalogs (`vsphere-<release>.md`, a Markdown table of
 * `EventId | EventType | EventDescription` read from vCenter's EventManager) and names their
 * releases both ways: the catalog name (`8.0u3`) and the version id (`8.0.3`).
 */

export type EventKind = 'Standard' | 'EventEx' | 'ExtendedEvent';
const KINDS: ReadonlySet<string> = new Set<EventKind>(['Standard', 'EventEx', 'ExtendedEvent']);

export interface CatalogEntry {
  id: string;
  kind: EventKind;
  description: string;
}

export interface Catalog {
  /** `8.0u3` */
  name: string;
  /** `8.0.3` */
  version: string;
  /** The title line: `vCenter Server 8.0 Update 3 (Build 24022515)`. */
  title: string;
  /** The count the file's header states (`**Number of Events:** 2194`). */
  declared: number | undefined;
  /** Sorted by id (code-unit order). */
  entries: CatalogEntry[];
  /** Rows dropped: a second row for an id already listed (the first one is kept). */
  duplicates: string[];
}

/** `vsphere-8.0u3.md` → `8.0u3`; undefined for other file names. */
export function catalogNameOf(file: string): string | undefined {
  return /^vsphere-(\d+\.\d+(?:u\d+)?)\.md$/.exec(file)?.[1];
}

/** `8.0u3` → `8.0.3`, `7.0` → `7.0.0`. */
export function versionOf(name: string): string {
  const m = /^(\d+)\.(\d+)(?:u(\d+))?$/.exec(name);
  if (!m) throw new Error(`'${name}' is not a catalog release name (like 8.0u3)`);
  return `${m[1]}.${m[2]}.${m[3] ?? 0}`;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function parseCatalog(file: string, text: string): Catalog {
  const name = catalogNameOf(file);
  if (!name) throw new Error(`${file}: not a catalog file name (vsphere-<release>.md)`);
  const lines = text.split('\n');
  const title = (lines.find((l) => l.startsWith('# ')) ?? '')
    .replace(/^# /, '')
    .replace(/\s*Events(\s+Events)?\s*$/, '')
    .trim();
  const declaredText = /\*\*Number of Events:\*\*\s*(\d+)/.exec(text)?.[1];
  const seen = new Map<string, CatalogEntry>();
  const duplicates: string[] = [];
  let header = false;
  lines.forEach((line, i) => {
    if (!line.startsWith('|')) return;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0] === 'EventId') {
      header = true;
      return;
    }
    if (!header || /^-+$/.test(cells[0] ?? '')) return;
    const [id, kind, ...rest] = cells;
    if (!id || !kind || !KINDS.has(kind))
      throw new Error(
        `${file}:${i + 1}: expected 'EventId | EventType | EventDescription' with a type of ${[...KINDS].join('/')}, got '${line.slice(0, 120)}'`,
      );
    if (seen.has(id)) {
      duplicates.push(id);
      return;
    }
    seen.set(id, { id, kind: kind as EventKind, description: rest.join('|').trim() });
  });
  if (!header) throw new Error(`${file}: no 'EventId | EventType | EventDescription' table`);
  return {
    name,
    version: versionOf(name),
    title,
    declared: declaredText ? Number(declaredText) : undefined,
    entries: [...seen.values()].sort((a, b) => byCodeUnit(a.id, b.id)),
    duplicates,
  };
}
