/**
 * What a release serves beyond its own spec. VMware's 8.0.2 specs have no `vcenter` service,
 * yet a vCenter 8 serves `/api/vcenter/vm`: an operation a release's spec lacks is answered
 * with the newest older served release that has it, as the runtime's several-release client
 * sends each call with the newest release that has it and is not newer than the server.
 */
import { isModelled } from './coverage.js';
import { compareReleases } from './releases.js';
import type { OperationSpec } from './routes.js';

export interface ReleaseOperations {
  release: string;
  operations: readonly OperationSpec[];
}

/** The releases that may answer for `release`: itself, then the older ones, newest first. */
export function answeringOrder<T extends { release: string }>(all: Iterable<T>, release: string): T[] {
  return [...all].filter((r) => compareReleases(r.release, release) <= 0).sort((a, b) => compareReleases(b.release, a.release));
}

export interface ServedOperation {
  op: OperationSpec;
  /** The release whose spec defines it (the release itself, or an older one). */
  answeredBy: string;
}

/** Every operation a release serves, by name: its own, then each older release's that no newer one has. */
export function servedOperations(all: Iterable<ReleaseOperations>, release: string): ServedOperation[] {
  const seen = new Set<string>();
  const out: ServedOperation[] = [];
  for (const r of answeringOrder(all, release)) {
    for (const op of r.operations) {
      if (seen.has(op.name)) continue;
      seen.add(op.name);
      out.push({ op, answeredBy: r.release });
    }
  }
  return out;
}

/** The operations a release serves that are answered with the spec's examples. */
export function exampleAnswered(all: Iterable<ReleaseOperations>, release: string): ServedOperation[] {
  return servedOperations(all, release)
    .filter((s) => !isModelled(s.op))
    .sort((a, b) => (a.op.name < b.op.name ? -1 : a.op.name > b.op.name ? 1 : 0));
}
