/**
 * The mock's route index answers what a scan of every operation's regex answers: the same
 * operation (the most specific, the first of equals) and the same path parameters, for a
 * request to every operation of every generated release, with and without its fixed query,
 * with a trailing slash, with encoded and empty segments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReleaseRoutes, type OperationSpec } from '@vcenter-sdk/mock/src/routes.js';
import { GENERATED_DIR } from '../support/paths.js';
import { RELEASES } from './helpers.js';

/** The matcher the index replaced: every regex of the method, in table order. */
function scanner(operations: readonly OperationSpec[]) {
  const compiled = operations.map((op) => {
    const names: string[] = [];
    const source = op.pathname
      .split(/(\{[^{}]+\})/)
      .map((part) => {
        const m = /^\{([^{}]+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]!);
        return '([^/]+)';
      })
      .join('');
    const q = op.path.indexOf('?');
    const presence =
      q < 0
        ? []
        : op.path
            .slice(q + 1)
            .split('&')
            .filter((p) => p && !p.includes('='));
    const fixed = Object.entries(op.query);
    const score = (fixed.length + presence.length) * 100_000 + op.pathname.replace(/\{[^{}]+\}/g, '').length;
    return { op, names, regex: new RegExp(`^${source}/?$`), presence, fixed, score };
  });
  return (method: string, pathname: string, search: URLSearchParams) => {
    let best: { op: OperationSpec; params: Record<string, string>; score: number } | undefined;
    for (const c of compiled) {
      if (c.op.method !== method) continue;
      const m = c.regex.exec(pathname);
      if (!m) continue;
      if (!c.fixed.every(([k, v]) => search.getAll(k).includes(v)) || !c.presence.every((k) => search.has(k))) continue;
      if (!best || c.score > best.score) {
        const params = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
        best = { op: c.op, params, score: c.score };
      }
    }
    return best && { op: best.op.name, params: best.params };
  };
}

describe.each(RELEASES)('release %s', (release) => {
  const operations = JSON.parse(readFileSync(join(GENERATED_DIR, release, 'operations.json'), 'utf8')) as OperationSpec[];
  const routes = new ReleaseRoutes(operations);
  const scan = scanner(operations);

  it('matches every request as the regex scan does', () => {
    let compared = 0;
    const differing: string[] = [];
    for (const op of operations) {
      const filled = [op.pathname.replace(/\{[^{}]+\}/g, 'id-1'), op.pathname.replace(/\{[^{}]+\}/g, 'a%20b')];
      const queries = [new URLSearchParams(op.path.split('?')[1] ?? ''), new URLSearchParams()];
      for (const p of [...filled, `${filled[0]}/`, `${filled[0]}//`, filled[0]!.replace(/\/[^/]+$/, '/')]) {
        for (const search of queries) {
          const got = routes.match(op.method, p, search);
          const indexed = JSON.stringify(got && { op: got.op.name, params: got.params });
          const scanned = JSON.stringify(scan(op.method, p, search));
          if (indexed !== scanned) differing.push(`${op.method} ${p}?${search}: ${indexed}, scan: ${scanned}`);
          compared++;
        }
      }
    }
    expect(differing).toEqual([]);
    expect(compared).toBe(operations.length * 10);
    expect(routes.match('GET', '/api/no/such/path', new URLSearchParams())).toBeUndefined();
  });
});
