#!/usr/bin/env node
// `vcenter-sdk`: the command-line tool of this repository. The commands are TypeScript
// (scripts/cli/), run through tsx, so nothing needs to be built first.
import { register } from 'tsx/esm/api';

register();
const debug = process.argv.includes('--debug');
const fail = (e) => {
  process.stderr.write(`vcenter-sdk: ${debug && e?.stack ? e.stack : (e?.message ?? String(e)).split('\n')[0]}\n`);
  process.exit(1);
};
process.on('unhandledRejection', fail);
// Warnings (like the runtime's for --insecure) as one line, without Node's hint about --trace-warnings.
// In the command line's terms (the flags, not the client's option names) once main.ts is loaded.
let wording = (text) => text;
process.removeAllListeners('warning');
process.on('warning', (w) => process.stderr.write(`vcenter-sdk: warning: ${wording(w.message.replace(/^vcenter-sdk: /, ''))}\n`));
// Output piped into `head` and the like: a closed pipe ends the command quietly.
process.stdout.on('error', (e) => (e.code === 'EPIPE' ? process.exit(0) : fail(e)));
try {
  const { main, inFlagTerms } = await import(new URL('../scripts/cli/main.ts', import.meta.url).href);
  wording = inFlagTerms;
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  fail(e);
}
