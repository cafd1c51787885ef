/**
 * Shared by the child scripts: after the script's last line, an unref'd sentinel that prints
 * `lingered` only if something else keeps the process alive for 10 s (it cannot keep the
 * process alive itself). The parent asserts on that event, never on time.
 */
export function done(line: string): void {
  process.stdout.write(`${line}\ndone\n`);
  setTimeout(() => process.stdout.write('lingered\n'), 10_000).unref();
}
