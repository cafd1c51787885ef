/**
 * A tiny router: `METHOD /path/{param}?fixed=query`. A route matches when the method is
 * equal, the pathname matches the pattern, and every query pair of the pattern is present in
 * the request (extra request parameters are allowed). Among matches, the one with most fixed
 * query pairs wins; ties go to the latest added.
 */
import type { Handler } from './protocol.js';

export interface RouteOptions {
  /** Require a live `vmware-api-session-id` (default true). */
  auth?: boolean;
}

export interface RouteEntry {
  method: string;
  regex: RegExp;
  keys: string[];
  query: [string, string][];
  auth: boolean;
  handler: Handler;
}

export interface RouteMatch {
  entry: RouteEntry;
  params: Record<string, string>;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
}

export function compile(pattern: string): { regex: RegExp; keys: string[]; query: [string, string][] } {
  const q = pattern.indexOf('?');
  const path = q < 0 ? pattern : pattern.slice(0, q);
  const query = q < 0 ? [] : [...new URLSearchParams(pattern.slice(q + 1)).entries()];
  const keys: string[] = [];
  let source = '';
  for (const part of path.split(/(\{[^}]+\})/)) {
    const m = /^\{([^}]+)\}$/.exec(part);
    if (m) {
      keys.push(m[1]!);
      source += '([^/]+)';
    } else {
      source += escapeRegExp(part);
    }
  }
  return { regex: new RegExp(`^${source}/?$`), keys, query };
}

export class Router {
  private readonly entries: RouteEntry[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): () => void {
    const entry: RouteEntry = { method: method.toUpperCase(), ...compile(pattern), auth: options.auth ?? true, handler };
    this.entries.push(entry);
    return () => {
      const i = this.entries.indexOf(entry);
      if (i >= 0) this.entries.splice(i, 1);
    };
  }

  match(method: string, pathname: string, query: URLSearchParams): RouteMatch | undefined {
    let best: RouteMatch | undefined;
    for (const entry of this.entries) {
      if (entry.method !== method.toUpperCase()) continue;
      const m = entry.regex.exec(pathname);
      if (!m) continue;
      if (!entry.query.every(([k, v]) => query.getAll(k).includes(v))) continue;
      if (best && best.entry.query.length > entry.query.length) continue;
      const params: Record<string, string> = {};
      entry.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(m[i + 1]!);
      });
      best = { entry, params };
    }
    return best;
  }
}
