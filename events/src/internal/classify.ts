/**
 * Which class a delivery is decoded and routed as, and whether the catalog knows its id.
 *
 * The catalog (a release's, or every catalog and the data model when no release is set)
 * names the class of an id. For the two generic classes the body has the last word: vCenter
 * sends ids its catalogs list as `ExtendedEvent` with an `EventEx` body (HA and appliance
 * events do), so when the body has only one class's own fields and the catalog names the
 * other, the body's class is used and the contradiction reported (`class_mismatch`), once.
 * An id no catalog knows is delivered as the class its body shows and reported (`unknown_event`).
 */
import type { EventIssue } from '../receiver.js';
import type { EventModel } from '../model.js';

type Generic = 'EventEx' | 'ExtendedEvent';

/** The fields only one of the two generic classes has: what tells their bodies apart. */
const OWN_FIELDS: Readonly<Record<Generic, readonly string[]>> = {
  EventEx: ['Severity', 'Arguments', 'ObjectId', 'ObjectType', 'ObjectName', 'Fault'],
  ExtendedEvent: ['ManagedObject', 'Data'],
};
const OTHER: Readonly<Record<Generic, Generic>> = { EventEx: 'ExtendedEvent', ExtendedEvent: 'EventEx' };

const isGeneric = (cls: string): cls is Generic => cls in OWN_FIELDS;
const ownFieldsIn = (data: Record<string, unknown>, cls: Generic) => OWN_FIELDS[cls].filter((k) => k in data);

/** The generic class a body's fields show, when they show only one (`undefined` for a body without `EventTypeId`). */
export function shapeOf(data: Record<string, unknown>): Generic | undefined {
  if (typeof data.EventTypeId !== 'string') return undefined;
  const ex = ownFieldsIn(data, 'EventEx').length > 0;
  const extended = ownFieldsIn(data, 'ExtendedEvent').length > 0;
  if (ex === extended) return undefined;
  return ex ? 'EventEx' : 'ExtendedEvent';
}

/** The class of a body whose id names none: the generic class it shows, else `Event`. */
function classOfBody(data: Record<string, unknown>): string {
  if (typeof data.EventTypeId !== 'string') return 'Event';
  return shapeOf(data) ?? ('ManagedObject' in data ? 'ExtendedEvent' : 'EventEx');
}

export interface Release {
  name: string;
  version: string;
}

/** The catalog of `release` (`8.0u3` or `8.0.3`); a `TypeError` listing the known ones when there is none. */
export function findRelease(model: EventModel, release: string): Release {
  const r = release.trim().toLowerCase();
  const found = model.releases.find((c) => c.name === r || c.version === r || r.startsWith(`${c.version}.`));
  if (!found)
    throw new TypeError(
      `createReceiver: no event catalog for release '${release}' (known: ${model.releases.map((c) => `${c.name} (${c.version})`).join(', ')})`,
    );
  return found;
}

/** What the catalog says of an id: its class when it names exactly one, and whether it knows the id. */
type CatalogAnswer = { cls: string | undefined; known: boolean };

/** A classifier: `(id, body, report) => class`, each finding passed to `report`. */
export type Classify = (id: string, data: Record<string, unknown>, report: (issue: EventIssue) => void) => Promise<string>;

export function classifier(model: EventModel, release: Release | undefined): Classify {
  let catalogIds: Promise<Map<string, string>> | undefined;
  const releaseIds = (name: string) =>
    (catalogIds ??= model.catalog(name).then((c) => new Map((c?.entries ?? []).map((e) => [e.id, e.class]))));

  const lookUp = async (id: string): Promise<CatalogAnswer> => {
    if (release) {
      const cls = (await releaseIds(release.name)).get(id);
      if (cls && model.ancestors[cls]) return { cls, known: true };
      return { cls: model.ancestors[id] ? id : undefined, known: false };
    }
    if (model.ancestors[id]) return { cls: id, known: true };
    const dotted = model.dotted[id];
    return { cls: dotted?.length === 1 ? dotted[0] : undefined, known: !!dotted?.length };
  };
  const lists = release ? `the ${release.name} catalog lists` : 'the catalogs list';
  const label = release?.name ?? 'any';
  const issue = (id: string, rest: Pick<EventIssue, 'code' | 'message'> & Partial<EventIssue>): EventIssue => ({
    operation: id,
    release: label,
    path: '$',
    keys: [],
    ...rest,
  });

  return async (id, data, report) => {
    const { cls: named, known } = await lookUp(id);
    const cls = named ?? classOfBody(data);
    if (!known)
      report(
        issue(id, {
          code: 'unknown_event',
          message: `event id '${id}' is not in ${release ? `the ${release.name} catalog` : 'the catalogs or the data model'}; delivered as ${cls}`,
        }),
      );
    if (!named || !isGeneric(named)) return cls;
    const shown = shapeOf(data);
    if (!shown || shown === named) return named;
    report(
      issue(id, {
        code: 'class_mismatch',
        expected: named,
        received: shown,
        message:
          `${lists} '${id}' as ${named}, but its body is an ${shown} (it has ${ownFieldsIn(data, shown).join(', ')} ` +
          `and no ${OWN_FIELDS[OTHER[shown]].join(' or ')}); delivered and decoded as ${shown}`,
      }),
    );
    return shown;
  };
}
