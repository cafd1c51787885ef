/**
 * `npm run setup:verdaccio` (npm test runs it first): installs Verdaccio, the local npm registry
 * the release suite (test/release/registry.e2e.test.ts) publishes into, into tools/verdaccio
 * from that folder's own lockfile: 6.8.0, the last that installs on Node 20 (with node-fetch
 * pinned to 2.7.0 by an override); 327 packages no user of the SDK needs.
 */
import { setupTool } from './setup-tool.mjs';

setupTool('verdaccio', 'verdaccio', 'the release suite');
