/**
 * The command line answers in its own terms: every command (found in `vcenter-sdk --help`, so
 * that a new one is walked too) and `npm run bench` answer `--help`; every command that takes
 * a name offers the nearest ones for a misspelt one; an error or warning of the client names
 * the flag that sets an option (`--allow-insecure-http`, `--thumbprint`...), never the
 * client's option name, and every flag it names is one `call --help` lists.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTION_SPELLINGS } from '../../scripts/cli/flags.js';
import { execGroup } from '../support/process-group.js';
import { REPO_ROOT } from '../support/paths.js';
import { run, type RunResult } from './helpers.js';
import { MOCK_PASSWORD, USER } from '../support/settings.js';

const R = '7.0.3';
const env = { VCENTER_USER: USER, VCENTER_PASSWORD: MOCK_PASSWORD };

/** `fn` over `items`, two at a time (each is a node process starting tsx). */
async function inPairs<T, U>(items: readonly T[], fn: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i += 2) out.push(...(await Promise.all(items.slice(i, i + 2).map(fn))));
  return out;
}

describe('--help', () => {
  it('every command, each events subcommand and npm run bench answer --help with their usage, exit 0', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    const section = top.stdout.split('Commands:\n')[1]!.split('\n\n')[0]!;
    const commands = [...section.matchAll(/^ {2}(\S+) /gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['generate', 'diff', 'ops', 'mock', 'call', 'events']));
    const walks = [...commands.map((c) => [c]), ['events', 'list'], ['events', 'send']];
    const answers = await inPairs(walks, (args) => run([...args, '--help']));
    for (const [i, r] of answers.entries()) {
      expect(r.code, walks[i]!.join(' ')).toBe(0);
      expect(r.stdout, walks[i]!.join(' ')).toMatch(/^Usage:/);
      expect(r.stderr).toBe('');
    }
    const bench = await execGroup('npm', ['run', '--silent', 'bench', '--', '--help'], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(bench.code, bench.stderr).toBe(0);
    expect(bench.stdout).toMatch(/^Usage: npm run bench .*\n[\s\S]*--only NAME[\s\S]*--help, -h/);
  }, 120_000);
});

describe('did you mean', () => {
  const cases: Array<[string[], string]> = [
    [['evnts'], "unknown command 'evnts' (did you mean events?)"],
    [['events', 'lst', R], "unknown subcommand 'lst' (did you mean list?)"],
    [['events', 'send', 'VmPoweredOnEvnt', '--to', 'http://127.0.0.1:9/'], '(did you mean VmPoweredOnEvent?)'],
    [['events', 'list', '8.0u33'], "no event catalog for release '8.0u33' (known: "],
    [['ops', '7.0.33'], 'release 7.0.33 is not generated (generated: '],
    [['diff', '7.0.2', '7.0.33'], '(did you mean 7.0.3'],
    [['mock', '8.0.22', '--list'], '(did you mean 8.0.2'],
    [['generate', '--release', '7.0.33', '--out', 'unused'], '--release 7.0.33: no release folder 7.0.33 in '],
    [['call', R, 'vcenter.vm.lst', '--url', 'https://127.0.0.1:9'], "no operation 'vcenter.vm.lst' (did you mean vcenter.vm.list"],
  ];

  it('each command that takes a name names the nearest ones, and fails (exit 2, or 1 for a generate that finds no spec folder)', async () => {
    const results = await inPairs(cases, ([args]) => run(args, { env }));
    for (const [i, r] of results.entries()) {
      const [args, expected] = cases[i]!;
      expect(r.stderr, args.join(' ')).toContain(expected);
      expect(r.stderr, args.join(' ')).toMatch(/\(did you mean [^)]+\?\)/);
      expect(r.code, args.join(' ')).toBeGreaterThan(0);
    }
    const bench = await execGroup('npm', ['run', '--silent', 'bench', '--', '--only', 'cal'], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(bench.stderr).toContain('unknown benchmark cal (did you mean call?)');
    expect(bench.code).toBe(2);
  }, 180_000);
});

describe("the client's options as flags", () => {
  let tlsMock: MockVcenter;
  let plainMock: MockVcenter;
  let silent: Server;
  let silentUrl: string;
  const sockets = new Set<Socket>();
  let help: string;

  beforeAll(async () => {
    [tlsMock, plainMock] = await Promise.all([startMock({ releases: [R], tls: true }), startMock({ releases: [R] })]);
    // Accepts connections and never answers: a timeout.
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    help = (await run(['call', '--help'])).stdout;
  }, 60_000);
  afterAll(async () => {
    // The timed-out connection stays open on this side: close() would wait for it.
    for (const socket of sockets) socket.destroy();
    await Promise.all([tlsMock?.close(), plainMock?.close(), new Promise((r) => silent?.close(r))]);
  });

  function flagsOnly(r: RunResult, what: string): void {
    expect(r.stderr, what).not.toMatch(OPTION_SPELLINGS);
    // --help and --debug are every command's (vcenter-sdk --help).
    for (const [flag] of r.stderr.matchAll(/--[a-z][a-z-]*/g))
      if (flag !== '--help' && flag !== '--debug') expect(help, `${what}: ${flag}`).toContain(`  ${flag}`);
  }

  it('an error or warning that names an option names its flag, which exists', async () => {
    const list = ['call', R, 'vcenter.vm.list'];
    const scenarios: Array<[string, string[], RegExp]> = [
      ['plain http', [...list, '--url', 'http://vc.example.com'], /or pass --allow-insecure-http if the network is trusted/],
      ['a path', [...list, '--url', 'https://vc.example.com/rest'], /ends with \/rest, .*: use --url https:\/\/vc\.example\.com/],
      ['untrusted', [...list, '--url', tlsMock.url], /pin it with --thumbprint [0-9A-F:]{95}, or trust its CA with --ca FILE/],
      ['insecure', [...list, '--url', tlsMock.url, '--insecure'], /warning: TLS certificate verification is disabled \(--insecure\)/],
      ['timeout', [...list, '--url', silentUrl, '--timeout-ms', '300'], /no complete response within 300 ms \(--timeout-ms\)/],
      [
        'too large',
        [...list, '--url', plainMock.url, '--max-response-bytes', '20'],
        /over --max-response-bytes \(20\).*raise --max-response-bytes/,
      ],
    ];
    const results = await inPairs(scenarios, ([, args]) => run(args, { env }));
    for (const [i, r] of results.entries()) {
      const [what, , message] = scenarios[i]!;
      expect(r.stderr, what).toMatch(message);
      flagsOnly(r, what);
    }
    // The flag does what the message says.
    const allowed = await run([...list, '--url', 'http://localhost.invalid', '--allow-insecure-http'], { env });
    expect(allowed.stderr).not.toMatch(/plain http/);
    expect(allowed.stderr).toMatch(/ConnectionError/);
  }, 180_000);
});
