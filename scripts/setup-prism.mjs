/**
 * `npm run setup:prism` (npm test runs it first): installs Stoplight Prism, which only the
 * contract suite (test/prism) runs, into tools/prism from that folder's own lockfile. It is kept
 * out of the workspace's install because it is half of it (185 packages, 12,000 files).
 */
import { setupTool } from './setup-tool.mjs';

setupTool('prism', 'prism', 'the contract suite');
