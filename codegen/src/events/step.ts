/**
 * The events step of `npm run generate`: where its inputs are (the committed copies in
 * specs/vim25 and specs/vcenter-events, or VCENTER_EVENTS_SPECS_DIR holding both folders),
 * and its lines of output. Returns the number of failures (0 or 1); a failure keeps the
 * previous output.
 */
import { join } from 'node:path';
import { generateEvents, summarizeEvents } from './generate.js';

export async function runEventsStep(o: { outDir: string; rootDir: string; version: string; force: boolean; link: boolean }): Promise<number> {
  const specsDir = process.env.VCENTER_EVENTS_SPECS_DIR ?? join(o.rootDir, 'specs');
  try {
    const r = await generateEvents({ ...o, specsDir });
    if (r.skipped) console.log(`events: up to date (${r.report.counts.eventClasses} event classes), skipped`);
    else {
      console.log(`events: generated in ${(r.ms / 1000).toFixed(1)} s`);
      for (const line of summarizeEvents(r.report)) console.log(`  ${line}`);
    }
    return 0;
  } catch (e) {
    console.log('events: FAILED, previous output kept');
    console.error(`  ${(e as Error).message}`);
    return 1;
  }
}
