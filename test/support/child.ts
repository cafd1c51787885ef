/** A TypeScript script run as a node child process (through tsx), with its output and how it ended. */
import { spawn } from 'node:child_process';

export interface ChildResult {
  out: string;
  err: string;
  code: number | null;
  signal: string | null;
}

/** `node [...nodeArgs] --import tsx file ...args`: node itself, not a shell or npx, so that its pid is the one to stop. */
export function runTsChild(file: string, args: string[], nodeArgs: string[] = []): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file, ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Only against a hang: far beyond any sentinel a child sets itself.
    const kill = setTimeout(() => p.kill('SIGKILL'), 50_000);
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearTimeout(kill);
      resolve({ out, err, code, signal });
    });
  });
}
