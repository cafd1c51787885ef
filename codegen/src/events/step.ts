/**
 * The events step of `npm run generate`: where its inputs are (the committed copies in
 * specs/vim25 and specs/vcenter-events, or VCENTER_EVENTS_SPECS_DIR holding both folders),
 * and its lines of output. A failure keeps the previous output.
 */
import { join } from 'node:path';
import { summarizeEvents, type EventsGenerateOptions, type EventsOutcome } from './inputs.js';

export function eventsOptions(o: Omit<EventsGenerateOptions, 'specsDir'>): EventsGenerateOptions {
  return { ...o, specsDir: process.env.VCENTER_EVENTS_SPECS_DIR ?? join(o.rootDir, 'specs') };
}

/** Prints the step's lines once its outcome is known; returns the number of failures (0 or 1). */
export async function reportEventsStep(outcome: Promise<EventsOutcome>, details: boolean): Promise<number> {
  try {
    const r = await outcome;
    if (r.skipped) console.log(`events: up to date (${r.report.counts.eventClasses} event classes), skipped`);
    else {
      const [counts, ...rest] = summarizeEvents(r.report);
      console.log(`events: generated in ${(r.ms / 1000).toFixed(1)} s: ${counts}`);
      // As for the releases: the details stay in report.json, a terminal shows them; warnings always show.
      for (const line of rest) if (details || line.startsWith('warning:')) console.log(`  ${line}`);
    }
    return 0;
  } catch (e) {
    console.log('events: FAILED, previous output kept');
    console.error(`  ${(e as Error).message}`);
    return 1;
  }
}
