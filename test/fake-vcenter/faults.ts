/**
 * Fault injection. Each rule applies to the next `times` requests (default 1) that satisfy
 * `match` (default: every request), then disappears. Rules of one kind are tried in the order
 * they were added. Per request: a matching delay rule waits first, then a reset rule drops the
 * connection, then a fail rule answers in place of the normal handler.
 */
import type { FakeRequest } from './protocol.js';

export type Match = (req: FakeRequest) => boolean;

interface Rule {
  times?: number;
  match?: Match;
}

export interface FailRule extends Rule {
  status: number;
  /** String: sent verbatim (HTML, plain text, broken JSON); other values: JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

export type ResetRule = Rule;

export interface DelayRule extends Rule {
  ms: number;
}

class Queue<R extends Rule> {
  private rules: { rule: R; left: number }[] = [];

  add(rule: R): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  take(req: FakeRequest): R | undefined {
    const i = this.rules.findIndex((r) => r.left > 0 && (r.rule.match?.(req) ?? true));
    if (i < 0) return undefined;
    const r = this.rules[i]!;
    if (--r.left <= 0) this.rules.splice(i, 1);
    return r.rule;
  }

  get pending(): number {
    return this.rules.reduce((n, r) => n + r.left, 0);
  }

  clear(): void {
    this.rules = [];
  }
}

export class Faults {
  readonly fail = new Queue<FailRule>();
  readonly reset = new Queue<ResetRule>();
  readonly delay = new Queue<DelayRule>();

  clear(): void {
    this.fail.clear();
    this.reset.clear();
    this.delay.clear();
  }
}

/** Small helpers for `match`. */
export const matchers = {
  /** Pathname (query ignored) equals `pathname`, or matches it when a RegExp. */
  path(pathname: string | RegExp, method?: string): Match {
    return (req) => {
      if (method && req.method.toUpperCase() !== method.toUpperCase()) return false;
      const p = req.path.split('?')[0]!;
      return typeof pathname === 'string' ? p === pathname : pathname.test(p);
    };
  },
  /** Any request except the session calls (login, logout, session info). */
  notSession(): Match {
    return (req) => !/^\/(api\/session|rest\/com\/vmware\/cis\/session)\/?(\?|$)/.test(req.path);
  },
};
