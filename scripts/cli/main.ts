/**
 * `vcenter-sdk <command> ...`: dispatch to one module per command. Every error ends as one
 * line on stderr (with the stack only under `--debug`) and an exit code: 2 for a usage
 * error, 1 for a failure. Nothing printed ever holds VCENTER_PASSWORD.
 */
import { call } from './call.js';
import { diff } from './diff.js';
import { events } from './events.js';
import { generate } from './generate.js';
import { mock } from './mock.js';
import { ops } from './ops.js';
import { specs } from './specs.js';
import { UsageError as RuntimeUsageError } from '@vcenter-sdk/runtime';
import { Redactor } from '@vcenter-sdk/runtime/text';
import { didYouMean, suggest } from '@vcenter-sdk/runtime/text';
import { inFlagTerms } from './flags.js';
import { Failure, UsageError, type Command } from './util.js';

export { inFlagTerms };

const COMMANDS: Command[] = [generate, diff, ops, mock, call, events, specs];

const HELP = `Usage: vcenter-sdk <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Options for every command:
  --help, -h    show the command's help
  --debug       print the stack of an error

Run \`vcenter-sdk <command> --help\` for a command's options.
`;

/**
 * Removes the password (from the environment) from a text that is about to be printed, as the
 * runtime redacts: a password that is a word is redacted where it stands as a value, not in prose.
 */
export function scrub(text: string): string {
  const secret = process.env.VCENTER_PASSWORD;
  if (!secret) return text;
  const r = new Redactor();
  r.addBasic(process.env.VCENTER_USER ?? '', secret);
  return r.string(text);
}

function oneLine(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const kind = (e as { kind?: unknown }).kind;
  const status = (e as { status?: unknown }).status;
  // Errors of the runtime carry an HTTP status and a vAPI kind; show them when the message does not.
  let text = e.message || e.name;
  // The CLI's own errors are worded for the command line: their message is the whole line.
  if (e instanceof UsageError || e instanceof Failure) return text.replace(/\s*\n\s*/g, ' ').trim();
  // The runtime's words for its options, in the command line's: the flags.
  text = inFlagTerms(text);
  if (e.name && e.name !== 'Error' && !text.startsWith(e.name)) text = `${e.name}: ${text}`;
  const extra = [
    typeof status === 'number' && status > 0 && !text.includes(String(status)) ? `HTTP ${status}` : '',
    typeof kind === 'string' && kind !== 'ERROR' && !text.includes(kind) ? kind : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (extra) text += ` (${extra})`;
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write('vcenter-sdk 0.1.0\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const names = COMMANDS.map((c) => c.name);
  if (!command) {
    process.stderr.write(
      `vcenter-sdk: unknown command '${name}'${didYouMean(suggest(name, names))} (commands: ${names.join(', ')}; see vcenter-sdk --help)\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    // The runtime's own UsageError (a bad argument to the client) is a usage error too.
    const usage = e instanceof RuntimeUsageError;
    process.stderr.write(`${scrub(`vcenter-sdk ${name}: ${oneLine(e)}${usage ? ` (see vcenter-sdk ${name} --help)` : ''}`)}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${scrub(e.stack)}\n`);
    return usage ? 2 : 1;
  }
}
